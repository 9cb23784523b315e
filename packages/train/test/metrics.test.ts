// Metrics against hand-computed values (cross-checked with scikit-learn 1.x where it has the metric), their
// edge cases (nothing predicted positive, classes absent), running accumulation over batches, and bad input.
import { tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { accuracy, evaluateMetric, f1, mae, mse, perplexity, precision, recall, resolveMetric } from '../src/index.js';

const f = (values: number[] | number[][]): ReturnType<typeof tensor> => tensor(values);
const ints = (values: number[]): ReturnType<typeof tensor> => tensor(values, { dtype: 'int32' });

describe('accuracy', () => {
  it('binary from probabilities with the default threshold 0.5 (strictly greater counts as positive)', () => {
    // predictions 1, 0, 0 (0.5 is not > 0.5), 1 against targets 1, 0, 1, 0: two right.
    expect(evaluateMetric(accuracy(), f([0.9, 0.2, 0.5, 0.7]), f([1, 0, 1, 0]))).toBe(0.5);
    expect(evaluateMetric(accuracy({ threshold: 0.3 }), f([0.9, 0.2, 0.5, 0.7]), f([1, 0, 1, 0]))).toBe(0.75);
  });
  it('binary from logits (sigmoid, then the threshold)', () => {
    // sigmoid(-0.1) < 0.5 < sigmoid(0.1); with threshold 0.6, logit 0.3 (0.574) is negative.
    expect(evaluateMetric(accuracy({ fromLogits: true }), f([0.1, -0.1, 3, -4]), f([1, 0, 1, 1]))).toBe(0.75);
    expect(evaluateMetric(accuracy({ fromLogits: true, threshold: 0.6 }), f([0.3, 0.5]), f([0, 1]))).toBe(1);
  });
  it('binary with [N, 1] outputs against [N] targets', () => {
    expect(evaluateMetric(accuracy(), f([[0.8], [0.1], [0.6]]), f([1, 1, 1]))).toBeCloseTo(2 / 3, 15);
  });
  it('multi-class by argmax, over leading dimensions too (sequence models)', () => {
    const logits = f([[2, 1, 0], [0, 3, 1], [1, 0, 5], [0, 0, -1]]);
    // argmax 0, 1, 2, 0 (the first of tied maxima) against 0, 2, 2, 1.
    expect(evaluateMetric(accuracy(), logits, ints([0, 2, 2, 1]))).toBe(0.5);
    expect(evaluateMetric(accuracy(), logits.reshape([2, 2, 3]), ints([0, 2, 2, 1]).reshape([2, 2]))).toBe(0.5);
  });
  it('accumulates over batches weighted by their sizes, and resets', () => {
    const m = accuracy();
    m.update(f([0.9]), f([1]));                       // 1 of 1
    m.update(f([0.9, 0.9, 0.9]), f([0, 0, 1]));       // 1 of 3
    expect(m.compute()).toBe(0.5);
    m.reset();
    expect(m.compute()).toBeNaN();
    m.loadStateDict([3, 4]);
    expect(m.compute()).toBe(0.75);
  });
  it('rejects probabilities out of [0, 1] (suggesting fromLogits), non-binary targets and bad class indices', () => {
    expect(() => evaluateMetric(accuracy(), f([1.5]), f([1]))).toThrow(/accuracy: output 1\.5 at index 0 is not a probability in \[0, 1\]; pass fromLogits: true/);
    expect(() => evaluateMetric(accuracy(), f([0.5, 0.2]), f([1, 2]))).toThrow(/accuracy: binary targets must be 0 or 1, got 2 at index 1/);
    expect(() => evaluateMetric(accuracy(), f([[1, 2], [3, 4]]), ints([0, 2]))).toThrow(/accuracy: target class 2 at index 1 is not an integer in \[0, 2\)/);
    expect(() => evaluateMetric(accuracy(), f([0.5, 0.2, 0.1]), f([1, 0]))).toThrow(/accuracy: a binary output needs one score per target element, got output \[3\] and target \[2\]/);
    expect(() => evaluateMetric(accuracy({ task: 'multiclass' }), f([[1, 2]]), ints([0, 1]))).toThrow(/accuracy: a multi-class output must be the target's shape plus a class dimension/);
  });
});

describe('precision, recall and F1', () => {
  // targets 1 1 1 0 0 0 1, predictions 1 0 1 1 0 0 0: tp 2, fp 1, fn 2, tn 2.
  const probs = f([0.9, 0.1, 0.8, 0.7, 0.2, 0.3, 0.4]);
  const targets = f([1, 1, 1, 0, 0, 0, 1]);
  it('binary scores of the positive class', () => {
    expect(evaluateMetric(precision(), probs, targets)).toBeCloseTo(2 / 3, 15);
    expect(evaluateMetric(recall(), probs, targets)).toBeCloseTo(2 / 4, 15);
    expect(evaluateMetric(f1(), probs, targets)).toBeCloseTo((2 * 2) / (2 * 2 + 1 + 2), 15);
  });
  it('no positive predictions give precision 0 and F1 0, as scikit-learn (zero_division=0)', () => {
    expect(evaluateMetric(precision(), f([0.1, 0.2]), f([1, 0]))).toBe(0);
    expect(evaluateMetric(recall(), f([0.1, 0.2]), f([1, 0]))).toBe(0);
    expect(evaluateMetric(f1(), f([0.1, 0.2]), f([1, 0]))).toBe(0);
    // No positive targets: recall 0.
    expect(evaluateMetric(recall(), f([0.9, 0.2]), f([0, 0]))).toBe(0);
  });
  it('macro averages over the classes present in the targets or predictions', () => {
    // targets 0 1 2 0 1 2 0 2, argmax 0 2 1 0 0 2 1 2: per class (tp, fp, fn) = (2, 1, 1), (0, 2, 2), (2, 1, 1),
    // so precision = recall = f1 = (2/3 + 0 + 2/3) / 3 = 4/9 (scikit-learn: 0.4444).
    const onehot = (c: number): number[] => [0, 1, 2].map((k) => (k === c ? 1 : 0));
    const logits = f([0, 2, 1, 0, 0, 2, 1, 2].map(onehot));
    const y = ints([0, 1, 2, 0, 1, 2, 0, 2]);
    for (const m of [precision(), recall(), f1()]) expect(evaluateMetric(m, logits, y)).toBeCloseTo(4 / 9, 15);
    // targets 0 1 2 0, argmax 0 1 1 3 over 4 classes: class 2 never predicted, class 3 never a target;
    // precision (1 + 1/2 + 0 + 0) / 4 = 0.375, recall (1/2 + 1 + 0 + 0) / 4 = 0.375, f1 (2/3 + 2/3 + 0 + 0) / 4 = 1/3.
    const four = f([0, 1, 1, 3].map((c) => [0, 1, 2, 3].map((k) => (k === c ? 1 : 0))));
    const y4 = ints([0, 1, 2, 0]);
    expect(evaluateMetric(precision(), four, y4)).toBeCloseTo(0.375, 15);
    expect(evaluateMetric(recall(), four, y4)).toBeCloseTo(0.375, 15);
    expect(evaluateMetric(f1(), four, y4)).toBeCloseTo(1 / 3, 15);
    // Class 2 of 4 never appears at all and does not count.
    const absent = f([[5, 0, 0, 0], [0, 5, 0, 0]]);
    expect(evaluateMetric(f1(), absent, ints([0, 1]))).toBe(1);
  });
  it('macro on a binary task averages the scores of both classes', () => {
    // class 1: (tp 2, fp 1, fn 2) -> precision 2/3; class 0: (tp 2, fp 2, fn 1) -> precision 1/2.
    expect(evaluateMetric(resolveMetric('macroPrecision', 'test'), probs, targets)).toBeCloseTo((2 / 3 + 1 / 2) / 2, 15);
  });
  it('counts accumulate over batches: the epoch score is not a mean of batch scores', () => {
    const m = precision();
    m.update(f([0.9, 0.9]), f([1, 0]));   // tp 1, fp 1
    m.update(f([0.9]), f([1]));           // tp 1
    expect(m.compute()).toBeCloseTo(2 / 3, 15);
    const restored = precision();
    restored.loadStateDict(m.stateDict());
    expect(restored.compute()).toBeCloseTo(2 / 3, 15);
  });
  it("rejects average 'binary' for a multi-class output", () => {
    expect(() => evaluateMetric(precision({ average: 'binary' }), f([[1, 2, 3]]), ints([2]))).toThrow(/precision: average 'binary' needs a binary output, got 3 classes/);
  });
});

describe('regression metrics', () => {
  it('MAE and MSE over every element, running over batches', () => {
    expect(evaluateMetric(mae(), f([1, 2, 3]), f([2, 2, 5]))).toBe(1);
    expect(evaluateMetric(mse(), f([1, 2, 3]), f([2, 2, 5]))).toBe(5 / 3);
    const m = mse();
    m.update(f([[0], [0]]), f([1, 1]));
    m.update(f([0]), f([4]));
    expect(m.compute()).toBe(18 / 3);
  });
  it('rejects outputs and targets of different sizes', () => {
    expect(() => evaluateMetric(mae(), f([1, 2]), f([1, 2, 3]))).toThrow(/mae: output of shape \[2\] and target of shape \[3\] have different numbers of elements/);
  });
});

describe('perplexity', () => {
  it('is exp of the token-weighted mean cross-entropy in nats', () => {
    // Uniform logits over 4 tokens: perplexity 4.
    expect(evaluateMetric(perplexity(), f([[0, 0, 0, 0], [1, 1, 1, 1]]), ints([1, 3]))).toBeCloseTo(4, 12);
    // Softmax of [ln 1, ln 3] is [1/4, 3/4]: nats -ln(3/4) and -ln(1/4), perplexity exp(mean) = sqrt(16/3).
    const m = perplexity();
    m.update(f([[0, Math.log(3)]]), ints([1]));
    m.update(f([[0, Math.log(3)]]).reshape([1, 1, 2]), ints([0]).reshape([1, 1]));
    expect(m.compute()).toBeCloseTo(Math.sqrt(16 / 3), 6);
  });
  it('leaves out ignoreIndex positions', () => {
    expect(evaluateMetric(perplexity({ ignoreIndex: -100 }), f([[0, 0], [0, 100]]), ints([1, -100]))).toBeCloseTo(2, 12);
  });
  it('rejects targets outside the vocabulary and mismatched shapes', () => {
    expect(() => evaluateMetric(perplexity(), f([[0, 0]]), ints([2]))).toThrow(/perplexity: target 2 at index 0 is not an integer in \[0, 2\)/);
    expect(() => evaluateMetric(perplexity(), f([0, 0]), ints([0, 1]))).toThrow(/perplexity: logits must be the target's shape plus a vocabulary dimension/);
  });
});

describe('resolveMetric', () => {
  it('knows the built-in names and names the caller for unknown ones', () => {
    expect(resolveMetric('macroF1', 'fit').name).toBe('macroF1');
    expect(() => resolveMetric('acc', 'fit')).toThrow(/fit: unknown metric 'acc' \(known: loss, accuracy, precision, recall, f1, macroPrecision/);
  });
});
