// Classification metrics: accuracy, and precision, recall and F1 (binary for the positive class, or macro-averaged).
import type { Tensor } from '@nn/core';
import { classLabels, type ClassificationOptions } from './labels.js';
import { SumMetric, type Metric } from './metric.js';

/** Fraction of examples whose predicted class equals the target (binary: thresholded score; multi-class: argmax). */
export class Accuracy extends SumMetric {
  readonly name: string;
  readonly higherIsBetter = true;
  constructor(private readonly options: ClassificationOptions = {}, name = 'accuracy') {
    super(2);
    this.name = name;
  }
  update(output: Tensor, target: Tensor): void {
    const { predicted, actual } = classLabels(this.name, output, target, this.options);
    let correct = 0;
    for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) correct++;
    this.sums[0]! += correct;
    this.sums[1]! += actual.length;
  }
  compute(): number {
    return this.sums[0]! / this.sums[1]!;
  }
}

/** Which score a {@link ConfusionMetric} reports. */
export type ConfusionScore = 'precision' | 'recall' | 'f1';

/** How per-class scores combine: the positive class (1) only, the unweighted mean over classes, or by the task. */
export type Averaging = 'binary' | 'macro' | 'auto';

/** Options of precision, recall and F1. */
export interface ConfusionOptions extends ClassificationOptions {
  /**
   * 'binary': the score of class 1; 'macro': the mean of the per-class scores over the classes present in the targets
   * or the predictions (as scikit-learn); 'auto' (default): binary for a binary task, macro for a multi-class one.
   */
  average?: Averaging;
}

const AVERAGE_CODE = { auto: 0, binary: 1, macro: 2 } as const;
const AVERAGE_OF = ['auto', 'binary', 'macro'] as const;

/** The score of one class from its counts; 0 where the denominator is 0 (scikit-learn's zero_division=0). */
function score(kind: ConfusionScore, tp: number, fp: number, fn: number): number {
  const denominator = kind === 'precision' ? tp + fp : kind === 'recall' ? tp + fn : 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (kind === 'f1' ? 2 * tp : tp) / denominator;
}

/**
 * Precision, recall or F1 from per-class counts of true positives, false positives and false negatives. Counts
 * accumulate over batches, so the epoch value is computed from the whole epoch's confusion, not averaged per batch.
 */
export class ConfusionMetric implements Metric {
  readonly higherIsBetter = true;
  /** Per class c: counts[3c] true positives, counts[3c + 1] false positives, counts[3c + 2] false negatives. */
  private counts: number[] = [];
  private average: Averaging;

  constructor(readonly kind: ConfusionScore, private readonly options: ConfusionOptions = {}, readonly name: string = kind) {
    this.average = options.average ?? 'auto';
    if (!(this.average in AVERAGE_CODE)) throw new RangeError(`${name}: average must be 'binary', 'macro' or 'auto', got '${String(this.average)}'`);
  }

  reset(): void {
    this.counts = [];
    this.average = this.options.average ?? 'auto';
  }

  update(output: Tensor, target: Tensor): void {
    const { predicted, actual, classes, task } = classLabels(this.name, output, target, this.options);
    if (this.average === 'auto') this.average = task === 'binary' ? 'binary' : 'macro';
    if (this.average === 'binary' && task !== 'binary') {
      throw new RangeError(`${this.name}: average 'binary' needs a binary output, got ${classes} classes; use average 'macro'`);
    }
    while (this.counts.length < 3 * classes) this.counts.push(0);
    for (let i = 0; i < actual.length; i++) {
      const p = predicted[i]!, a = actual[i]!;
      if (p === a) this.counts[3 * a]! += 1;
      else {
        this.counts[3 * p + 1]! += 1;
        this.counts[3 * a + 2]! += 1;
      }
    }
  }

  compute(): number {
    const k = this.kind, c = this.counts;
    if (c.length === 0) return NaN;
    if (this.average === 'binary') return score(k, c[3] ?? 0, c[4] ?? 0, c[5] ?? 0);
    let total = 0, present = 0;
    for (let j = 0; j < c.length; j += 3) {
      if (c[j]! + c[j + 1]! + c[j + 2]! === 0) continue;
      total += score(k, c[j]!, c[j + 1]!, c[j + 2]!);
      present++;
    }
    return present === 0 ? NaN : total / present;
  }

  stateDict(): number[] {
    return [AVERAGE_CODE[this.average], ...this.counts];
  }

  loadStateDict(state: readonly number[]): void {
    const code = state[0];
    if (!Array.isArray(state) || (state.length - 1) % 3 !== 0 || code === undefined || AVERAGE_OF[code] === undefined) {
      throw new RangeError(`${this.name}.loadStateDict: expected an averaging code and 3 counts per class, got ${JSON.stringify(state)}`);
    }
    this.average = AVERAGE_OF[code];
    this.counts = state.slice(1);
  }
}
