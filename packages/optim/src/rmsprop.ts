// torch.optim.RMSprop: squared-gradient average, optional centering and momentum; fused core kernel per group.
import { rmspropStep } from '@nn/core';
import { buffer, nextStep, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { checkFlag, checkNonNegative } from './validate.js';

/** Options of {@link RMSprop}, as torch.optim.RMSprop (camelCase). */
export interface RMSpropOptions {
  /** Learning rate; default 1e-2. */
  lr: number;
  /** Smoothing constant; default 0.99. */
  alpha: number;
  /** Added to the denominator; default 1e-8. */
  eps: number;
  /** L2 penalty; default 0. */
  weightDecay: number;
  /** Momentum factor; default 0. */
  momentum: number;
  /** Normalise by the estimated variance of the gradient; default false. */
  centered: boolean;
  /** Maximize the objective; default false. */
  maximize: boolean;
}

/** RMSprop, as torch.optim.RMSprop. */
export class RMSprop extends Optimizer<RMSpropOptions> {
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false }, options);
  }

  protected validate(o: RMSpropOptions): void {
    for (const k of ['lr', 'alpha', 'eps', 'weightDecay', 'momentum'] as const) checkNonNegative('RMSprop', k, o[k]);
    checkFlag('RMSprop', 'centered', o.centered);
    checkFlag('RMSprop', 'maximize', o.maximize);
  }

  protected stepGroup(group: ParamGroup<RMSpropOptions>, entries: StepEntry[]): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    entries.forEach((e) => nextStep(e));
    rmspropStep({
      params: entries.map((e) => e.value), grads: entries.map((e) => e.grad),
      squareAvgs: entries.map((e) => buffer(e, 'squareAvg')),
      ...(centered ? { gradAvgs: entries.map((e) => buffer(e, 'gradAvg')) } : {}),
      ...(momentum > 0 ? { momentumBuffers: entries.map((e) => buffer(e, 'momentumBuffer')) } : {}),
    }, { lr, alpha, eps, weightDecay, momentum, centered, maximize });
  }
}
