// torch.optim.SGD: (Nesterov) momentum, dampening, L2 weight decay, maximize; fused core kernel per group.
import { sgdStep } from '@nn/core';
import { buffer, groupBy, Optimizer, type ParamGroup, type ParamsInput, type StepEntry } from './optimizer.js';
import { checkFlag, checkNonNegative } from './validate.js';

/** Options of {@link SGD}, as torch.optim.SGD (camelCase). */
export interface SGDOptions {
  /** Learning rate (required, as in PyTorch). */
  lr: number;
  /** Momentum factor; default 0. */
  momentum: number;
  /** Dampening for momentum; default 0. */
  dampening: number;
  /** L2 penalty; default 0. */
  weightDecay: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0); default false. */
  nesterov: boolean;
  /** Maximize the objective instead of minimizing it; default false. */
  maximize: boolean;
}

/**
 * Stochastic gradient descent with optional momentum, as torch.optim.SGD. Online (batch size 1) and minibatch SGD
 * differ only in how the gradient was computed; the update is p -= lr * g (plus momentum and decay when set).
 */
export class SGD extends Optimizer<SGDOptions> {
  /** @param params parameters or groups; @param options `lr` is required. */
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    if (typeof options !== 'object' || options === null || options.lr === undefined) throw new TypeError('SGD: lr is required');
    super(params, { lr: options.lr, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }, options);
  }

  protected validate(o: SGDOptions): void {
    checkNonNegative('SGD', 'lr', o.lr);
    checkNonNegative('SGD', 'momentum', o.momentum);
    checkNonNegative('SGD', 'weightDecay', o.weightDecay);
    if (typeof o.dampening !== 'number' || !Number.isFinite(o.dampening)) throw new RangeError(`SGD: dampening must be a finite number, got ${String(o.dampening)}`);
    checkFlag('SGD', 'nesterov', o.nesterov);
    checkFlag('SGD', 'maximize', o.maximize);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new RangeError(`SGD: nesterov requires momentum > 0 and dampening 0, got momentum ${o.momentum} and dampening ${o.dampening}`);
    }
  }

  protected stepGroup(group: ParamGroup<SGDOptions>, entries: StepEntry[]): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const hyper = { lr, momentum, dampening, weightDecay, nesterov, maximize };
    if (momentum === 0) {
      sgdStep({ params: entries.map((e) => e.value), grads: entries.map((e) => e.grad) }, hyper, 1);
      return;
    }
    // The kernel initialises momentum buffers on "step 1": split parameters with and without a buffer.
    for (const [has, list] of groupBy(entries, (e) => e.state['momentumBuffer'] !== undefined)) {
      sgdStep({
        params: list.map((e) => e.value), grads: list.map((e) => e.grad),
        momentumBuffers: list.map((e) => buffer(e, 'momentumBuffer')),
      }, hyper, has ? 2 : 1);
    }
  }
}
