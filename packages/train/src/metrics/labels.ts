// Predicted and true class labels from a model's output and a target: binary (threshold) or multi-class (argmax).
import type { Tensor } from '@nn/core';
import { values } from './metric.js';

/** How a classification metric reads the model's output. */
export interface ClassificationOptions {
  /**
   * 'binary': one score per example (shape like the target); 'multiclass': one score per class in a last
   * dimension the target lacks, predicted class = argmax. 'auto' (default) picks multiclass when the output has one
   * more dimension than the target and that dimension holds more than one class.
   */
  task?: 'auto' | 'binary' | 'multiclass';
  /** Binary: the outputs are logits (a sigmoid is applied before the threshold); default false: probabilities in [0, 1]. */
  fromLogits?: boolean;
  /** Binary: an example is predicted positive when its probability is greater than this (default 0.5). */
  threshold?: number;
}

/** Labels of one batch: predicted and true class per example, and how many classes the output distinguishes. */
export interface Labels {
  predicted: Int32Array;
  actual: Int32Array;
  classes: number;
  task: 'binary' | 'multiclass';
}

const shapeOf = (t: Tensor): string => `[${t.shape.join(', ')}]`;

/** Which task an output/target pair is under `task` ('auto' resolved). */
export function resolveTask(output: Tensor, target: Tensor, task: ClassificationOptions['task'] = 'auto'): 'binary' | 'multiclass' {
  if (task !== 'auto') return task;
  const lastDim = output.shape[output.ndim - 1] ?? 1;
  return output.ndim === target.ndim + 1 && lastDim > 1 ? 'multiclass' : 'binary';
}

/** Labels of a batch, with errors naming `name` for outputs and targets that do not fit the task. */
export function classLabels(name: string, output: Tensor, target: Tensor, options: ClassificationOptions = {}): Labels {
  const task = resolveTask(output, target, options.task);
  const truth = values(target);
  const actual = new Int32Array(truth.length);
  if (task === 'binary') {
    if (output.numel() !== target.numel()) {
      throw new RangeError(`${name}: a binary output needs one score per target element, got output ${shapeOf(output)} and target ${shapeOf(target)}`);
    }
    const threshold = options.threshold ?? 0.5;
    if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`${name}: threshold must be in [0, 1], got ${threshold}`);
    const scores = values(output);
    const predicted = new Int32Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      const t = truth[i]!;
      if (t !== 0 && t !== 1) throw new RangeError(`${name}: binary targets must be 0 or 1, got ${t} at index ${i}`);
      actual[i] = t;
      let p = scores[i]!;
      if (options.fromLogits === true) p = 1 / (1 + Math.exp(-p));
      else if (p < 0 || p > 1) throw new RangeError(`${name}: output ${p} at index ${i} is not a probability in [0, 1]; pass fromLogits: true for logits`);
      predicted[i] = p > threshold ? 1 : 0;
    }
    return { predicted, actual, classes: 2, task };
  }
  const classes = output.shape[output.ndim - 1] ?? 0;
  if (output.ndim !== target.ndim + 1 || classes === 0 || output.numel() !== target.numel() * classes
    || !target.shape.every((d, i) => d === output.shape[i])) {
    throw new RangeError(`${name}: a multi-class output must be the target's shape plus a class dimension, got output ${shapeOf(output)} and target ${shapeOf(target)}`);
  }
  const scores = values(output);
  const predicted = new Int32Array(truth.length);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= classes) throw new RangeError(`${name}: target class ${t} at index ${i} is not an integer in [0, ${classes})`);
    actual[i] = t;
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[i * classes + c]! > scores[i * classes + best]!) best = c;
    predicted[i] = best;
  }
  return { predicted, actual, classes, task };
}
