// torch.optim.Adagrad: accumulated squared gradients with learning-rate decay; fused core kernel per group.
import { adagradStep } from '@nn/core';
import { buffer, groupBy, nextStep, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { checkFlag, checkNonNegative } from './validate.js';

/** Options of {@link Adagrad}, as torch.optim.Adagrad (camelCase). */
export interface AdagradOptions {
  /** Learning rate; default 1e-2. */
  lr: number;
  /** Learning-rate decay: step t uses lr / (1 + (t - 1) * lrDecay); default 0. */
  lrDecay: number;
  /** L2 penalty; default 0. */
  weightDecay: number;
  /** Starting value of the squared-gradient sums; default 0. */
  initialAccumulatorValue: number;
  /** Added to the denominator; default 1e-10. */
  eps: number;
  /** Maximize the objective; default false. */
  maximize: boolean;
}

/** Adagrad, as torch.optim.Adagrad (dense gradients). */
export class Adagrad extends Optimizer<AdagradOptions> {
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false }, options);
  }

  protected validate(o: AdagradOptions): void {
    for (const k of ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'] as const) checkNonNegative('Adagrad', k, o[k]);
    checkFlag('Adagrad', 'maximize', o.maximize);
  }

  protected stepGroup(group: ParamGroup<AdagradOptions>, entries: StepEntry[]): void {
    const { lr, lrDecay, weightDecay, eps, maximize, initialAccumulatorValue } = group;
    const steps = new Map(entries.map((e) => [e, nextStep(e)]));
    for (const [step, list] of groupBy(entries, (e) => steps.get(e)!)) {
      adagradStep({
        params: list.map((e) => e.value), grads: list.map((e) => e.grad),
        stateSums: list.map((e) => buffer(e, 'sum', initialAccumulatorValue)),
      }, { lr, lrDecay, weightDecay, eps, maximize }, step);
    }
  }
}
