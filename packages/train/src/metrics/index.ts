// Metrics by name: the built-in set, and resolution of the names fit accepts.
import { Accuracy, ConfusionMetric, type ConfusionOptions } from './classification.js';
import type { ClassificationOptions } from './labels.js';
import type { Metric } from './metric.js';
import { Perplexity, type PerplexityOptions } from './perplexity.js';
import { MeanAbsoluteError, MeanSquaredError } from './regression.js';

/** Accuracy (binary with a threshold, from probabilities or logits, or multi-class argmax). */
export const accuracy = (options: ClassificationOptions = {}): Metric => new Accuracy(options);
/** Precision: binary (class 1) or macro-averaged; 0 when nothing is predicted positive. */
export const precision = (options: ConfusionOptions = {}): Metric => new ConfusionMetric('precision', options);
/** Recall: binary (class 1) or macro-averaged; 0 when no target is positive. */
export const recall = (options: ConfusionOptions = {}): Metric => new ConfusionMetric('recall', options);
/** F1 = 2tp / (2tp + fp + fn): binary (class 1) or macro-averaged. */
export const f1 = (options: ConfusionOptions = {}): Metric => new ConfusionMetric('f1', options);
/** Mean absolute error. */
export const mae = (): Metric => new MeanAbsoluteError();
/** Mean squared error. */
export const mse = (): Metric => new MeanSquaredError();
/** Perplexity of a language model from its logits. */
export const perplexity = (options: PerplexityOptions = {}): Metric => new Perplexity(options);

const BY_NAME: Record<string, () => Metric> = {
  accuracy: () => accuracy(),
  precision: () => precision(),
  recall: () => recall(),
  f1: () => f1(),
  macroPrecision: () => new ConfusionMetric('precision', { average: 'macro' }, 'macroPrecision'),
  macroRecall: () => new ConfusionMetric('recall', { average: 'macro' }, 'macroRecall'),
  macroF1: () => new ConfusionMetric('f1', { average: 'macro' }, 'macroF1'),
  mae,
  mse,
  perplexity: () => perplexity(),
};

/** The names {@link resolveMetric} knows ('loss' is always recorded by the training loop itself). */
export const metricNames: readonly string[] = Object.keys(BY_NAME);

/** A metric from its name or the metric itself; `caller` names the function in the error for an unknown name. */
export function resolveMetric(spec: string | Metric, caller: string): Metric {
  if (typeof spec !== 'string') {
    if (typeof spec !== 'object' || spec === null || typeof spec.update !== 'function' || typeof spec.compute !== 'function') {
      throw new TypeError(`${caller}: a metric must be a name or an object with update and compute, got ${spec === null ? 'null' : typeof spec}`);
    }
    return spec;
  }
  const make = BY_NAME[spec];
  if (make === undefined) throw new RangeError(`${caller}: unknown metric '${spec}' (known: loss, ${metricNames.join(', ')})`);
  return make();
}
