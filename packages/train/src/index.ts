// Public entry of @nn/train: the training loop, metrics, callbacks, progress, learning curves, checkpoints and search.
export { Trainer, fit } from './trainer.js';
export type {
  FitOptions, LossLike, Scheduler, PenaltyOptions, EarlyStoppingSettings, CheckpointSettings,
} from './options.js';
export type { Batch, BatchLike, BatchInput } from './batch.js';
export type { TrainModel, ModuleModel, FunctionalModel, ForwardFn } from './model.js';
export type { Callback, CallbackResult, BatchInfo, EpochLogs } from './callbacks.js';
export { History, type HistoryData } from './history.js';
export { accuracy, precision, recall, f1, mae, mse, perplexity, metricNames, resolveMetric } from './metrics/index.js';
export { Accuracy, ConfusionMetric, type ConfusionOptions, type ConfusionScore, type Averaging } from './metrics/classification.js';
export type { ClassificationOptions } from './metrics/labels.js';
export { MeanAbsoluteError, MeanSquaredError } from './metrics/regression.js';
export { Perplexity, type PerplexityOptions } from './metrics/perplexity.js';
export { SumMetric, evaluateMetric, type Metric } from './metrics/metric.js';
export { ProgressPrinter, progressMode, type ProgressMode, type ProgressStream, type ProgressSettings } from './progress.js';
export { sparkline, sparklineSummary } from './sparkline.js';
export { renderChart, type ChartSpec, type ChartSeries } from './plot/svg.js';
export { lossChart, metricChart, type CurveOptions } from './plot/curves.js';
export { renderReport, writeReport, type ReportOptions, type ReportFiles } from './plot/report.js';
export { saveCheckpoint, loadCheckpoint, generatorState, type Stateful, type CheckpointContent } from './checkpoint.js';
export {
  search, gridConfigs, randomConfigs, uniform, logUniform, intUniform,
  type SearchOptions, type SearchResult, type TrialResult, type SearchSpace, type SearchConfig, type ParamRange, type ParamValue,
} from './search.js';
