// torch.optim.Adadelta (1.13 single-tensor code) as a TypeScript loop over the parameter's typed arrays.
import { buffer, nextStep, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { rounder } from './rounding.js';
import { checkFlag, checkInRange, checkNonNegative } from './validate.js';

/** Options of {@link Adadelta}, as torch.optim.Adadelta (camelCase). */
export interface AdadeltaOptions {
  /** Scale of the delta; default 1.0. */
  lr: number;
  /** Decay of the running averages, in [0, 1]; default 0.9. */
  rho: number;
  /** Added inside the square roots; default 1e-6. */
  eps: number;
  /** L2 penalty; default 0. */
  weightDecay: number;
  /** Maximize the objective; default false. */
  maximize: boolean;
}

/** Adadelta, as torch.optim.Adadelta. */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<AdadeltaOptions>, options: Partial<AdadeltaOptions> = {}) {
    super(params, { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false }, options);
  }

  protected validate(o: AdadeltaOptions): void {
    checkNonNegative('Adadelta', 'lr', o.lr);
    checkInRange('Adadelta', 'rho', o.rho, 0, 1);
    checkNonNegative('Adadelta', 'eps', o.eps);
    checkNonNegative('Adadelta', 'weightDecay', o.weightDecay);
    checkFlag('Adadelta', 'maximize', o.maximize);
  }

  protected stepGroup(group: ParamGroup<AdadeltaOptions>, entries: StepEntry[]): void {
    const { lr, rho, eps, weightDecay, maximize } = group;
    for (const e of entries) {
      nextStep(e);
      const p = e.value, gr = e.grad, sq = buffer(e, 'squareAvg'), acc = buffer(e, 'accDelta');
      const R = rounder(p);
      const wd = R(weightDecay), r = R(rho), c = R(1 - rho), ep = R(eps), nlr = R(-lr);
      for (let i = 0; i < p.length; i++) {
        let g = maximize ? -gr[i]! : gr[i]!;
        if (weightDecay !== 0) g = R(g + R(wd * p[i]!));
        const s = R(R(sq[i]! * r) + R(R(c * g) * g));
        sq[i] = s;
        const std = R(Math.sqrt(R(s + ep)));
        const delta = R(R(R(Math.sqrt(R(acc[i]! + ep))) / std) * g);
        acc[i] = R(R(acc[i]! * r) + R(R(c * delta) * delta));
        p[i] = R(p[i]! + R(nlr * delta));
      }
    }
  }
}
