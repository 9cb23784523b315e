// The Metric interface: state accumulated over batches, computed once per epoch, saved in checkpoints.
import type { Tensor } from '@nn/core';

/** A metric accumulated over the batches of an epoch (running, so each batch counts by its size). */
export interface Metric {
  /** The name in the history and the progress line, e.g. 'accuracy'. */
  readonly name: string;
  /** Whether larger values are better (accuracy) or smaller ones (error, perplexity). */
  readonly higherIsBetter: boolean;
  /** Forgets every batch seen (called at the start of each epoch and each validation pass). */
  reset(): void;
  /** Adds one batch: the model's output and the batch's target. */
  update(output: Tensor, target: Tensor): void;
  /** The value over every batch since the last reset (NaN before any batch). */
  compute(): number;
  /** The accumulated state as plain numbers, for checkpoints. */
  stateDict(): number[];
  /** Restores a state from {@link stateDict}. */
  loadStateDict(state: readonly number[]): void;
}

/** A metric whose state is a fixed list of running sums (counts, sums of errors). */
export abstract class SumMetric implements Metric {
  abstract readonly name: string;
  abstract readonly higherIsBetter: boolean;
  protected sums: number[];

  constructor(private readonly width: number) {
    this.sums = new Array<number>(width).fill(0);
  }

  reset(): void {
    this.sums = new Array<number>(this.width).fill(0);
  }

  abstract update(output: Tensor, target: Tensor): void;
  abstract compute(): number;

  stateDict(): number[] {
    return [...this.sums];
  }

  loadStateDict(state: readonly number[]): void {
    if (!Array.isArray(state) || state.length !== this.width || !state.every((v) => typeof v === 'number')) {
      throw new RangeError(`${this.name}.loadStateDict: expected ${this.width} numbers, got ${JSON.stringify(state)}`);
    }
    this.sums = [...state];
  }
}

/** The value of a metric over one output/target pair (resets the metric first). */
export function evaluateMetric(metric: Metric, output: Tensor, target: Tensor): number {
  metric.reset();
  metric.update(output, target);
  return metric.compute();
}

/** The elements of a tensor as float64 numbers in row-major order. */
export function values(t: Tensor): Float64Array {
  return Float64Array.from(t.toFlatArray() as ArrayLike<number>);
}
