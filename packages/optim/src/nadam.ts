// torch.optim.NAdam (1.13 single-tensor code, momentum decay) as a TypeScript loop over the typed arrays.
import { buffer, nextStep, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { rounder } from './rounding.js';
import { checkBetas, checkNonNegative } from './validate.js';

/** Options of {@link NAdam}, as torch.optim.NAdam 1.13 (camelCase). */
export interface NAdamOptions {
  /** Learning rate; default 2e-3. */
  lr: number;
  /** Decay rates of the moment averages, each in [0, 1); default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to the denominator; default 1e-8. */
  eps: number;
  /** L2 penalty; default 0. */
  weightDecay: number;
  /** Momentum decay psi of the momentum schedule; default 4e-3. */
  momentumDecay: number;
}

/** NAdam (Adam with Nesterov momentum), as torch.optim.NAdam 1.13; its `muProduct` state is float32 as in PyTorch. */
export class NAdam extends Optimizer<NAdamOptions> {
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<NAdamOptions>, options: Partial<NAdamOptions> = {}) {
    super(params, { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 }, options);
  }

  protected validate(o: NAdamOptions): void {
    checkNonNegative('NAdam', 'lr', o.lr);
    checkNonNegative('NAdam', 'eps', o.eps);
    checkBetas('NAdam', o.betas);
    checkNonNegative('NAdam', 'weightDecay', o.weightDecay);
    checkNonNegative('NAdam', 'momentumDecay', o.momentumDecay);
  }

  protected stepGroup(group: ParamGroup<NAdamOptions>, entries: StepEntry[]): void {
    const { lr, betas: [beta1, beta2], eps, weightDecay, momentumDecay } = group;
    const f = Math.fround;
    for (const e of entries) {
      const step = nextStep(e);
      const p = e.value, gr = e.grad, m = buffer(e, 'expAvg'), v = buffer(e, 'expAvgSq');
      const R = rounder(p);
      const bc2 = R(1 - beta2 ** step);
      const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
      const prev = typeof e.state['muProduct'] === 'number' ? e.state['muProduct'] : 1;
      const muProduct = f(prev * f(mu));
      e.state['muProduct'] = muProduct;
      const muProductNext = f(f(muProduct * f(mu)) * f(muNext));
      const c1 = R(-lr * (1 - mu) / (1 - muProduct)), c2 = R(-lr * muNext / (1 - muProductNext));
      const b1 = R(beta1), b2 = R(beta2), o1 = R(1 - beta1), o2 = R(1 - beta2), wd = R(weightDecay), ep = R(eps);
      for (let i = 0; i < p.length; i++) {
        let g = gr[i]!;
        if (weightDecay !== 0) g = R(g + R(wd * p[i]!));
        const mi = R(R(m[i]! * b1) + R(g * o1));
        const vi = R(R(v[i]! * b2) + R(R(o2 * g) * g));
        m[i] = mi;
        v[i] = vi;
        const denom = R(R(Math.sqrt(R(vi / bc2))) + ep);
        const pi = R(p[i]! + R(c1 * R(g / denom)));
        p[i] = R(pi + R(c2 * R(mi / denom)));
      }
    }
  }
}
