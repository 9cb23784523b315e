// Regression metrics: mean absolute error and mean squared error over every element of every batch.
import type { Tensor } from '@nn/core';
import { SumMetric, values } from './metric.js';

function checkSameSize(name: string, output: Tensor, target: Tensor): void {
  if (output.numel() !== target.numel()) {
    throw new RangeError(`${name}: output of shape [${output.shape.join(', ')}] and target of shape [${target.shape.join(', ')}] have different numbers of elements`);
  }
}

/** Mean absolute error Σ|output - target| / n over all elements seen. */
export class MeanAbsoluteError extends SumMetric {
  readonly name: string = 'mae';
  readonly higherIsBetter = false;
  constructor() { super(2); }
  update(output: Tensor, target: Tensor): void {
    checkSameSize(this.name, output, target);
    const o = values(output), t = values(target);
    let s = 0;
    for (let i = 0; i < o.length; i++) s += Math.abs(o[i]! - t[i]!);
    this.sums[0]! += s;
    this.sums[1]! += o.length;
  }
  compute(): number {
    return this.sums[0]! / this.sums[1]!;
  }
}

/** Mean squared error Σ(output - target)² / n over all elements seen. */
export class MeanSquaredError extends SumMetric {
  readonly name: string = 'mse';
  readonly higherIsBetter = false;
  constructor() { super(2); }
  update(output: Tensor, target: Tensor): void {
    checkSameSize(this.name, output, target);
    const o = values(output), t = values(target);
    let s = 0;
    for (let i = 0; i < o.length; i++) s += (o[i]! - t[i]!) ** 2;
    this.sums[0]! += s;
    this.sums[1]! += o.length;
  }
  compute(): number {
    return this.sums[0]! / this.sums[1]!;
  }
}
