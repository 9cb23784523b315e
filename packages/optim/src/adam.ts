// torch.optim.Adam and AdamW: bias-corrected moments, AMSGrad, L2 or decoupled weight decay; fused core kernels.
import { adamStep, adamwStep } from '@nn/core';
import { buffer, groupBy, nextStep, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { checkBetas, checkFlag, checkNonNegative } from './validate.js';

/** Options of {@link Adam} and {@link AdamW}, as torch.optim.Adam (camelCase). */
export interface AdamOptions {
  /** Learning rate; default 1e-3. */
  lr: number;
  /** Decay rates of the moment averages, each in [0, 1); default [0.9, 0.999]. */
  betas: readonly [number, number];
  /** Added to the denominator; default 1e-8. */
  eps: number;
  /** Adam: L2 penalty (default 0). AdamW: decoupled decay (default 1e-2). */
  weightDecay: number;
  /** Use the running maximum of the second moment; default false. */
  amsgrad: boolean;
  /** Maximize the objective; default false. */
  maximize: boolean;
}

abstract class AdamBase extends Optimizer<AdamOptions> {
  protected abstract readonly decoupled: boolean;

  protected validate(o: AdamOptions): void {
    const cls = this.constructor.name;
    checkNonNegative(cls, 'lr', o.lr);
    checkNonNegative(cls, 'eps', o.eps);
    checkBetas(cls, o.betas);
    checkNonNegative(cls, 'weightDecay', o.weightDecay);
    checkFlag(cls, 'amsgrad', o.amsgrad);
    checkFlag(cls, 'maximize', o.maximize);
  }

  protected stepGroup(group: ParamGroup<AdamOptions>, entries: StepEntry[]): void {
    const { lr, betas, eps, weightDecay, amsgrad, maximize } = group;
    const hyper = { lr, betas, eps, weightDecay, amsgrad, maximize };
    const kernel = this.decoupled ? adamwStep : adamStep;
    const steps = new Map(entries.map((e) => [e, nextStep(e)]));
    for (const [step, list] of groupBy(entries, (e) => steps.get(e)!)) {
      kernel({
        params: list.map((e) => e.value), grads: list.map((e) => e.grad),
        expAvgs: list.map((e) => buffer(e, 'expAvg')), expAvgSqs: list.map((e) => buffer(e, 'expAvgSq')),
        ...(amsgrad ? { maxExpAvgSqs: list.map((e) => buffer(e, 'maxExpAvgSq')) } : {}),
      }, hyper, step);
    }
  }
}

/** Adam, as torch.optim.Adam: defaults lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0 (L2 added to the gradient). */
export class Adam extends AdamBase {
  protected readonly decoupled = false;
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false }, options);
  }
}

/** AdamW, as torch.optim.AdamW: Adam with decoupled weight decay (each step p *= 1 - lr * weightDecay; default 1e-2). */
export class AdamW extends AdamBase {
  protected readonly decoupled = true;
  /** @param params parameters or groups; @param options overrides of the defaults. */
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false }, options);
  }
}
