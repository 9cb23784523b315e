// Regression metrics: mean absolute error and mean squared error over every element of every batch.
import type { Tensor } from '@nn/core';
import { SumMetric, values } from './metric.js';

function checkSameSize(name: string, output: Tensor, target: Tensor): void {
  if (output.numel() !== target.numel()) {
    throw new RangeError(`${name}: output of shape [${output.shape.join(', ')}] and target of shape [${target.shape.join(', ')}] have different numbers of elements`);
  }
}

/** The mean of `error(output - target)` over every element of every batch seen. */
abstract class MeanElementError extends SumMetric {
  readonly higherIsBetter = false;
  constructor() { super(2); }
  protected abstract error(difference: number): number;
  update(output: Tensor, target: Tensor): void {
    checkSameSize(this.name, output, target);
    const o = values(output), t = values(target);
    let s = 0;
    for (let i = 0; i < o.length; i++) s += this.error(o[i]! - t[i]!);
    this.sums[0]! += s;
    this.sums[1]! += o.length;
  }
  compute(): number {
    return this.sums[0]! / this.sums[1]!;
  }
}

/** Mean absolute error Σ|output - target| / n over all elements seen. */
export class MeanAbsoluteError extends MeanElementError {
  readonly name: string = 'mae';
  protected error(difference: number): number {
    return Math.abs(difference);
  }
}

/** Mean squared error Σ(output - target)² / n over all elements seen. */
export class MeanSquaredError extends MeanElementError {
  readonly name: string = 'mse';
  protected error(difference: number): number {
    return difference * difference;
  }
}
