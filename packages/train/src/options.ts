// The options of fit and their checks: every bad value is reported with its name before training starts.
import type { Generator, Tensor } from '@nn/core';
import { LRScheduler, Optimizer, ReduceLROnPlateau } from '@nn/optim';
import type { BatchLike } from './batch.js';
import type { Callback } from './callbacks.js';
import type { Stateful } from './checkpoint.js';
import type { Metric } from './metrics/metric.js';
import type { TrainModel } from './model.js';
import type { ProgressMode, ProgressStream } from './progress.js';

/** A loss: a function of output and target, or a loss module (MSELoss, CrossEntropyLoss, ...). */
export type LossLike = ((output: Tensor, target: Tensor) => Tensor) | { forward(output: Tensor, target: Tensor): Tensor };

/** A learning-rate scheduler of @nn/optim; ReduceLROnPlateau is fed the monitored metric each epoch. */
export type Scheduler = LRScheduler | ReduceLROnPlateau;

/** Coefficients of the penalty added to the training loss: l1·Σ|w| + l2·Σw² over the model's parameters (biases included). */
export interface PenaltyOptions {
  l1?: number;
  l2?: number;
}

/** Early stopping on the monitored metric (with @nn/optim's EarlyStopping). */
export interface EarlyStoppingSettings {
  /** Epochs without improvement tolerated; the patience-th such epoch stops (default 0). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Keep the weights of the best epoch and load them back when training ends (default false). */
  restoreBest?: boolean;
}

/** Where and how often checkpoints are written. */
export interface CheckpointSettings {
  /** The checkpoint file (one safetensors file, replaced atomically). */
  path: string;
  /** Also write one every this many optimizer steps (default: only at the end of training). */
  everySteps?: number;
}

/** Everything fit needs; `epochs` or `maxSteps` (or both) bound the run. */
export interface FitOptions {
  model: TrainModel;
  loss: LossLike;
  optimizer: Optimizer;
  /** Training batches, iterated once per epoch. */
  trainData: Iterable<BatchLike>;
  /** Validation batches, evaluated after every epoch under noGrad in eval mode. */
  validData?: Iterable<BatchLike>;
  /** Epochs to train. */
  epochs?: number;
  /** Optimizer steps to train at most. */
  maxSteps?: number;
  scheduler?: Scheduler;
  /** When the scheduler steps: after every 'epoch' (default) or every optimizer 'step'. ReduceLROnPlateau: epochs only. */
  schedulerInterval?: 'epoch' | 'step';
  /** Clip the gradients' joint 2-norm to this before each optimizer step. */
  clipGradNorm?: number;
  /** Clamp each gradient element to [-v, v] before each optimizer step. */
  clipGradValue?: number;
  /** L1/L2 (elastic-net) penalty added to the training loss. */
  penalty?: PenaltyOptions;
  /** Batches per optimizer step (gradient accumulation; each batch's loss is scaled by 1/accumulate). Default 1. */
  accumulate?: number;
  /** Metrics besides the loss, by name ('accuracy', 'f1', 'mae', ...) or as Metric objects. */
  metrics?: ReadonlyArray<string | Metric>;
  /** The metric early stopping, ReduceLROnPlateau and restore-best watch: 'loss' (default) or one of `metrics`. */
  monitor?: string;
  earlyStopping?: EarlyStoppingSettings;
  callbacks?: readonly Callback[];
  /** 'bar', 'epoch' or 'none'; default: a bar when the stream is a TTY, one line per epoch otherwise. */
  progress?: ProgressMode;
  /** Keras-style alternative to progress: 0 none, 1 bar, 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
  /** Where progress goes (default process.stderr). */
  stream?: ProgressStream;
  /** Milliseconds now, for the progress rate (default Date.now). */
  clock?: () => number;
  /** Write loss.svg, <metric>.svg, report.html and history.json here at the end. */
  outDir?: string;
  /** The run's name, shown in the report. */
  name?: string;
  /** A log-scale loss axis in the charts. */
  logScale?: boolean;
  checkpoint?: CheckpointSettings;
  /** Continue from a checkpoint: a path, or true for checkpoint.path when that file exists. */
  resume?: boolean | string;
  /** More state to save in checkpoints by name: loader generators, samplers (trainData is added when Stateful). */
  stateful?: Readonly<Record<string, Stateful | Generator>>;
  /** A NaN or infinite training loss: throw an Error naming epoch and batch ('error', default) or stop with a message. */
  onNonFinite?: 'error' | 'stop';
}

function positiveInteger(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`fit: ${name} must be a positive integer, got ${String(v)}`);
}

function nonNegativeFinite(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`fit: ${name} must be a finite number >= 0, got ${String(v)}`);
}

const isIterable = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function';

/** Throws a RangeError or TypeError naming the first bad option. */
export function checkFitOptions(o: FitOptions): void {
  if (typeof o !== 'object' || o === null) throw new TypeError('fit: expected an options object');
  if (o.epochs === undefined && o.maxSteps === undefined) throw new RangeError('fit: give epochs or maxSteps (or both) to bound training');
  if (o.epochs !== undefined) positiveInteger('epochs', o.epochs);
  if (o.maxSteps !== undefined) positiveInteger('maxSteps', o.maxSteps);
  if (o.accumulate !== undefined) positiveInteger('accumulate', o.accumulate);
  if (!(o.optimizer instanceof Optimizer)) throw new TypeError('fit: optimizer must be an @nn/optim Optimizer');
  if (typeof o.loss !== 'function' && typeof (o.loss as { forward?: unknown } | undefined)?.forward !== 'function') {
    throw new TypeError('fit: loss must be a function (output, target) => Tensor or a loss module with forward');
  }
  if (!isIterable(o.trainData)) throw new TypeError('fit: trainData must be an iterable of batches ({ x, y } or [x, y])');
  if (o.validData !== undefined && !isIterable(o.validData)) throw new TypeError('fit: validData must be an iterable of batches ({ x, y } or [x, y])');
  if (o.scheduler !== undefined && !(o.scheduler instanceof LRScheduler) && !(o.scheduler instanceof ReduceLROnPlateau)) {
    throw new TypeError('fit: scheduler must be an @nn/optim LRScheduler or ReduceLROnPlateau');
  }
  if (o.schedulerInterval !== undefined && o.schedulerInterval !== 'epoch' && o.schedulerInterval !== 'step') {
    throw new RangeError(`fit: schedulerInterval must be 'epoch' or 'step', got '${String(o.schedulerInterval)}'`);
  }
  if (o.scheduler instanceof ReduceLROnPlateau && o.schedulerInterval === 'step') {
    throw new RangeError("fit: ReduceLROnPlateau steps once per epoch on the monitored metric; schedulerInterval 'step' does not apply");
  }
  if (o.clipGradNorm !== undefined && !(o.clipGradNorm > 0)) throw new RangeError(`fit: clipGradNorm must be > 0, got ${o.clipGradNorm}`);
  if (o.clipGradValue !== undefined && !(o.clipGradValue > 0)) throw new RangeError(`fit: clipGradValue must be > 0, got ${o.clipGradValue}`);
  if (o.penalty !== undefined) {
    nonNegativeFinite('penalty.l1', o.penalty.l1 ?? 0);
    nonNegativeFinite('penalty.l2', o.penalty.l2 ?? 0);
  }
  if (o.earlyStopping !== undefined) {
    const p = o.earlyStopping.patience ?? 0;
    if (!Number.isInteger(p) || p < 0) throw new RangeError(`fit: earlyStopping.patience must be an integer >= 0, got ${p}`);
    nonNegativeFinite('earlyStopping.minDelta', o.earlyStopping.minDelta ?? 0);
  }
  if (o.checkpoint !== undefined) {
    if (typeof o.checkpoint.path !== 'string' || o.checkpoint.path === '') throw new TypeError('fit: checkpoint.path must be a file path');
    if (o.checkpoint.everySteps !== undefined) positiveInteger('checkpoint.everySteps', o.checkpoint.everySteps);
  }
  if (o.resume === true && o.checkpoint === undefined) throw new RangeError('fit: resume: true needs checkpoint.path (or pass the checkpoint path as resume)');
  if (o.onNonFinite !== undefined && o.onNonFinite !== 'error' && o.onNonFinite !== 'stop') {
    throw new RangeError(`fit: onNonFinite must be 'error' or 'stop', got '${String(o.onNonFinite)}'`);
  }
}
