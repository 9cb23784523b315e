// torch.optim.Adamax (1.13 single-tensor code, infinity-norm Adam) as a TypeScript loop over the typed arrays.
import { buffer, nextStep, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { rounder } from './rounding.js';
import { checkBetas, checkFlag, checkNonNegative } from './validate.js';

/** Options of {@link Adamax}, as torch.optim.Adamax (camelCase). */
export interface AdamaxOptions {
  /** Learning rate; default 2e-3. */
  lr: number;
  /** Decay rates of the first moment and the infinity norm, each in [0, 1); default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to |grad| in the infinity norm; default 1e-8. */
  eps: number;
  /** L2 penalty; default 0. */
  weightDecay: number;
  /** Maximize the objective; default false. */
  maximize: boolean;
}

/** Adamax, as torch.optim.Adamax. */
export class Adamax extends Optimizer<AdamaxOptions> {
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<AdamaxOptions>, options: Partial<AdamaxOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false }, options);
  }

  protected validate(o: AdamaxOptions): void {
    checkNonNegative('Adamax', 'lr', o.lr);
    checkNonNegative('Adamax', 'eps', o.eps);
    checkBetas('Adamax', o.betas);
    checkNonNegative('Adamax', 'weightDecay', o.weightDecay);
    checkFlag('Adamax', 'maximize', o.maximize);
  }

  protected stepGroup(group: ParamGroup<AdamaxOptions>, entries: StepEntry[]): void {
    const { lr, betas: [beta1, beta2], eps, weightDecay, maximize } = group;
    for (const e of entries) {
      const step = nextStep(e);
      const p = e.value, gr = e.grad, m = buffer(e, 'expAvg'), u = buffer(e, 'expInf');
      const R = rounder(p);
      const b1 = R(beta1), b2 = R(beta2), o1 = R(1 - beta1), wd = R(weightDecay), ep = R(eps);
      const nclr = R(-lr / (1 - beta1 ** step));
      for (let i = 0; i < p.length; i++) {
        let g = maximize ? -gr[i]! : gr[i]!;
        if (weightDecay !== 0) g = R(g + R(wd * p[i]!));
        const mi = R(R(m[i]! * b1) + R(g * o1));
        m[i] = mi;
        const a = R(u[i]! * b2), b = R(Math.abs(g) + ep);
        const ui = Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
        u[i] = ui;
        p[i] = R(p[i]! + R(nclr * R(mi / ui)));
      }
    }
  }
}
