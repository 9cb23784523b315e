// The training loop: epochs of batches with accumulation, clipping, penalties, schedulers, validation, early stopping,
// callbacks, progress, checkpoints that resume bit for bit, and the learning-curve report.
import { existsSync } from 'node:fs';
import { defaultGenerator, Generator, mul, noGrad, type Tensor } from '@nn/core';
import { elasticNetPenalty } from '@nn/losses';
import { clipGradNorm, clipGradValue, EarlyStopping, ReduceLROnPlateau, type SchedulerState } from '@nn/optim';
import { announcedLength, normalizeBatch, type BatchLike } from './batch.js';
import type { BatchInfo, CallbackResult, EpochLogs } from './callbacks.js';
import { generatorState, isStateful, loadCheckpoint, saveCheckpoint, type Stateful } from './checkpoint.js';
import { History, type HistoryData } from './history.js';
import { resolveMetric } from './metrics/index.js';
import type { Metric } from './metrics/metric.js';
import { ModelAdapter } from './model.js';
import { checkFitOptions, type FitOptions } from './options.js';
import { writeReport } from './plot/report.js';
import { ProgressPrinter, progressMode } from './progress.js';
import { formatNumber, sparklineSummary } from './sparkline.js';

/** The loop's own state in a checkpoint (plain data). */
interface LoopState {
  epoch: number;
  batchInEpoch: number;
  step: number;
  history: HistoryData;
  lossSum: number;
  exampleCount: number;
  metrics: Record<string, number[]>;
  scheduler: SchedulerState | null;
  earlyStopping: { bestValue: number; bestEpoch: number; epoch: number; wait: number; stopped: boolean } | null;
  rng: number[];
  epochStartStates: Record<string, unknown>;
  stopReason: string | null;
}

/** Trains a model with the given options; see {@link FitOptions}. `fit()` runs it and returns the History. */
export class Trainer {
  /** Per-epoch metrics and per-step losses recorded so far. */
  history = new History();
  /** Completed epochs. */
  epoch = 0;
  /** Optimizer steps taken. */
  step = 0;
  /** Set to true (or return 'stop' from a callback) to end training; see {@link Callback}. */
  stopTraining = false;
  /** Why training stopped early (early stopping, a callback, a non-finite loss), or null. */
  stopReason: string | null = null;
  private readonly options: FitOptions;
  private readonly model: ModelAdapter;
  private readonly metrics: Metric[];
  private readonly monitor: string;
  private readonly monitorHigherIsBetter: boolean;
  private readonly earlyStopping: EarlyStopping | null;
  private readonly stateful: Record<string, Stateful>;
  private readonly progress: ProgressPrinter;
  private readonly accumulate: number;
  private bestWeights: Record<string, Tensor> | null = null;
  private batchInEpoch = 0;
  private lossSum = 0;
  private exampleCount = 0;
  private pendingBatches = 0;
  private pendingLoss = 0;
  private epochStartStates: Record<string, unknown> = {};
  /** Global RNG state to restore once a resumed epoch has skipped its already-trained batches. */
  private pendingRng: number[] | null = null;

  constructor(options: FitOptions) {
    checkFitOptions(options);
    this.options = options;
    this.model = new ModelAdapter(options.model);
    this.accumulate = options.accumulate ?? 1;
    this.metrics = (options.metrics ?? []).map((m) => resolveMetric(m, 'fit'));
    const names = this.metrics.map((m) => m.name);
    const duplicate = names.find((n, i) => n === 'loss' || names.indexOf(n) !== i);
    if (duplicate !== undefined) throw new RangeError(`fit: metric '${duplicate}' is given twice (the loss is always recorded)`);
    this.monitor = options.monitor ?? 'loss';
    const watched = this.metrics.find((m) => m.name === this.monitor);
    if (this.monitor !== 'loss' && watched === undefined) {
      throw new RangeError(`fit: monitor '${this.monitor}' is neither 'loss' nor one of the metrics (${names.join(', ') || 'none given'})`);
    }
    this.monitorHigherIsBetter = watched?.higherIsBetter ?? false;
    const es = options.earlyStopping;
    this.earlyStopping = es === undefined ? null
      : new EarlyStopping({ mode: this.monitorHigherIsBetter ? 'max' : 'min', patience: es.patience ?? 0, minDelta: es.minDelta ?? 0 });
    this.stateful = {};
    if (isStateful(options.trainData)) this.stateful['trainData'] = options.trainData;
    for (const [name, s] of Object.entries(options.stateful ?? {})) {
      if (s instanceof Generator) this.stateful[name] = generatorState(s);
      else if (isStateful(s)) this.stateful[name] = s;
      else throw new TypeError(`fit: stateful.${name} must have stateDict and loadStateDict methods, or be a Generator`);
    }
    const stream = options.stream ?? process.stderr;
    this.progress = new ProgressPrinter({ mode: progressMode(options.progress, options.verbose, stream), stream, ...(options.clock ? { clock: options.clock } : {}) });
  }

  /** Runs the training (resuming first when asked) and returns the history. */
  fit(): History {
    const o = this.options;
    this.resumeIfAsked();
    this.options.optimizer.zeroGrad();
    if (this.callHooks((c) => c.onTrainBegin?.(this))) this.stop('a callback stopped training');
    while (!this.finished()) {
      if (!this.runEpoch()) break;
    }
    if (o.checkpoint !== undefined) this.saveCheckpoint(o.checkpoint.path);
    if (o.earlyStopping?.restoreBest === true && this.bestWeights !== null) this.model.load(this.bestWeights, 'fit (restoring the best weights)');
    for (const c of o.callbacks ?? []) c.onTrainEnd?.(this);
    this.printSummary();
    if (o.outDir !== undefined) {
      const files = writeReport(o.outDir, this.history, { ...(o.name !== undefined ? { title: o.name } : {}), ...(o.logScale ? { logScale: true } : {}) });
      this.progress.message(`learning curves: ${files.html}`);
    }
    return this.history;
  }

  private finished(): boolean {
    const { epochs, maxSteps } = this.options;
    return this.stopTraining || (epochs !== undefined && this.epoch >= epochs) || (maxSteps !== undefined && this.step >= maxSteps);
  }

  private stop(reason: string): void {
    this.stopTraining = true;
    this.stopReason ??= reason;
  }

  /** Calls a hook on every callback; true when one asked to stop. */
  private callHooks(call: (c: NonNullable<FitOptions['callbacks']>[number]) => CallbackResult): boolean {
    let stop = false;
    for (const c of this.options.callbacks ?? []) if (call(c) === 'stop') stop = true;
    return stop || this.stopTraining;
  }

  /** One epoch (or the rest of a resumed one). False when it was interrupted before its end. */
  private runEpoch(): boolean {
    const o = this.options;
    const epochNumber = this.epoch + 1;
    const resumed = this.batchInEpoch > 0;
    if (!resumed) {
      this.epochStartStates = Object.fromEntries(Object.entries(this.stateful).map(([k, s]) => [k, s.stateDict()]));
      this.lossSum = 0;
      this.exampleCount = 0;
      this.metrics.forEach((m) => m.reset());
      if (this.callHooks((c) => c.onEpochBegin?.(this, epochNumber))) this.stop('a callback stopped training');
      if (this.stopTraining) return false;
    }
    this.model.setTraining(true);
    const total = announcedLength(o.trainData);
    this.progress.epochBegin(o.epochs !== undefined ? `epoch ${epochNumber}/${o.epochs}` : `epoch ${epochNumber}`);
    const iterator = o.trainData[Symbol.iterator]();
    let batch = 0;
    for (; batch < this.batchInEpoch; batch++) {
      if (iterator.next().done === true) {
        throw new Error(`fit: resuming epoch ${epochNumber} at batch ${this.batchInEpoch + 1}, but trainData yields only ${batch} batches now`);
      }
    }
    if (this.pendingRng !== null) defaultGenerator.setState(this.pendingRng);
    this.pendingRng = null;
    let interrupted = false;
    for (let next = iterator.next(); next.done !== true; next = iterator.next()) {
      batch++;
      this.batchInEpoch = batch;
      const loss = this.trainBatch(next.value, epochNumber, batch);
      if (loss === null) { interrupted = true; break; }
      if (this.pendingBatches === this.accumulate) this.optimizerStep();
      const info: BatchInfo = { epoch: epochNumber, batch, step: this.step, loss: loss.value, size: loss.size };
      if (this.callHooks((c) => c.onBatchEnd?.(this, info))) this.stop('a callback stopped training');
      this.progress.batch(batch, total, this.lossSum / this.exampleCount);
      if (this.pendingBatches > 0) continue;
      if (this.stopTraining) { interrupted = true; break; }
      if (o.maxSteps !== undefined && this.step >= o.maxSteps) break;
    }
    if (interrupted) {
      iterator.return?.();
      this.progress.message(`epoch ${epochNumber} interrupted after batch ${batch}: ${this.stopReason ?? 'stopped'}`);
      return false;
    }
    if (batch === 0) throw new Error(`fit: trainData yielded no batches in epoch ${epochNumber}`);
    if (this.pendingBatches > 0) this.optimizerStep();
    this.endEpoch(epochNumber);
    return true;
  }

  /** Forward, loss and backward of one batch; null when a non-finite loss stopped training. */
  private trainBatch(raw: BatchLike, epoch: number, batch: number): { value: number; size: number } | null {
    const o = this.options;
    const { inputs, target, size } = normalizeBatch(raw, `fit: epoch ${epoch}, batch ${batch}`);
    const output = this.model.forward(inputs);
    const dataLoss = typeof o.loss === 'function' ? o.loss(output, target) : o.loss.forward(output, target);
    if (dataLoss.numel() !== 1) throw new RangeError(`fit: the loss must be a scalar, got shape [${dataLoss.shape.join(', ')}] at epoch ${epoch}, batch ${batch}`);
    const value = dataLoss.item();
    if (!Number.isFinite(value)) {
      const message = `fit: the training loss is ${value} at epoch ${epoch}, batch ${batch} (after ${this.step} optimizer steps); lower the learning rate, clip gradients or check the data`;
      if ((o.onNonFinite ?? 'error') === 'error') throw new Error(message);
      this.options.optimizer.zeroGrad();
      this.pendingBatches = 0;
      this.pendingLoss = 0;
      this.stop(message);
      return null;
    }
    let total = dataLoss;
    if (o.penalty !== undefined && ((o.penalty.l1 ?? 0) > 0 || (o.penalty.l2 ?? 0) > 0)) {
      total = total.add(elasticNetPenalty(this.model.parameters(), o.penalty));
    }
    (this.accumulate > 1 ? mul(total, 1 / this.accumulate) : total).backward();
    this.lossSum += value * size;
    this.exampleCount += size;
    for (const m of this.metrics) m.update(output, target);
    this.pendingBatches++;
    this.pendingLoss += value;
    return { value, size };
  }

  /** Clip, step, zero the gradients, record the step's loss, step a per-step scheduler, checkpoint when due. */
  private optimizerStep(): void {
    const o = this.options;
    const params = o.optimizer.paramGroups.flatMap((g) => g.params);
    if (o.clipGradNorm !== undefined) clipGradNorm(params, o.clipGradNorm);
    if (o.clipGradValue !== undefined) clipGradValue(params, o.clipGradValue);
    o.optimizer.step();
    o.optimizer.zeroGrad();
    this.step++;
    this.history.stepLoss.push(this.pendingLoss / this.pendingBatches);
    this.pendingBatches = 0;
    this.pendingLoss = 0;
    if (o.scheduler !== undefined && o.schedulerInterval === 'step' && !(o.scheduler instanceof ReduceLROnPlateau)) o.scheduler.step();
    const every = o.checkpoint?.everySteps;
    if (o.checkpoint !== undefined && every !== undefined && this.step % every === 0) this.saveCheckpoint(o.checkpoint.path);
  }

  /** Validation, history, scheduler, early stopping, the epoch's line and the epoch-end callbacks. */
  private endEpoch(epochNumber: number): void {
    const o = this.options;
    const train: Record<string, number> = { loss: this.lossSum / this.exampleCount };
    for (const m of this.metrics) train[m.name] = m.compute();
    const valid = o.validData === undefined ? null : this.validate(o.validData, epochNumber);
    const lr = o.optimizer.paramGroups[0]!.lr;
    this.history.addEpoch(epochNumber, train, valid, lr, this.step);
    this.epoch = epochNumber;
    this.batchInEpoch = 0;
    const watched = (valid ?? train)[this.monitor]!;
    if (o.scheduler instanceof ReduceLROnPlateau) o.scheduler.step(watched);
    else if (o.scheduler !== undefined && o.schedulerInterval !== 'step') o.scheduler.step();
    if (this.earlyStopping !== null) {
      if (o.earlyStopping?.restoreBest === true && this.earlyStopping.isImprovement(watched)) this.bestWeights = this.model.snapshot();
      if (this.earlyStopping.step(watched)) {
        const es = this.earlyStopping;
        this.stop(`early stopping: ${valid ? 'valid' : 'train'} ${this.monitor} did not improve for ${es.wait} epochs (best ${formatNumber(es.bestValue)} at epoch ${es.bestEpoch + 1})`);
      }
    }
    this.progress.epochEnd(epochSummary(train, valid, lr));
    const logs: EpochLogs = { train, valid, lr };
    if (this.callHooks((c) => c.onEpochEnd?.(this, epochNumber, logs))) this.stop('a callback stopped training');
    if (this.stopReason !== null && this.stopTraining) this.progress.message(this.stopReason);
  }

  /** Loss and metrics over the validation data, in eval mode under noGrad. */
  private validate(data: Iterable<BatchLike>, epochNumber: number): Record<string, number> {
    const o = this.options;
    this.model.setTraining(false);
    this.metrics.forEach((m) => m.reset());
    let lossSum = 0, count = 0, batch = 0;
    noGrad(() => {
      for (const raw of data) {
        batch++;
        const { inputs, target, size } = normalizeBatch(raw, `fit: validation after epoch ${epochNumber}, batch ${batch}`);
        const output = this.model.forward(inputs);
        const loss = typeof o.loss === 'function' ? o.loss(output, target) : o.loss.forward(output, target);
        lossSum += loss.item() * size;
        count += size;
        for (const m of this.metrics) m.update(output, target);
      }
    });
    this.model.setTraining(true);
    if (batch === 0) throw new Error(`fit: validData yielded no batches after epoch ${epochNumber}`);
    const out: Record<string, number> = { loss: lossSum / count };
    for (const m of this.metrics) out[m.name] = m.compute();
    return out;
  }

  private printSummary(): void {
    const lines = sparklineSummary([
      ['train loss', this.history.series('loss', 'train')],
      ['valid loss', this.history.series('loss', 'valid')],
    ]);
    for (const line of lines) this.progress.message(line);
  }

  /**
   * Writes a checkpoint of the whole run to `path` (see saveCheckpoint for the format). fit calls it itself; from a
   * callback, call it only at an optimizer step boundary (no accumulated gradients pending).
   */
  saveCheckpoint(path: string): void {
    if (this.pendingBatches > 0) {
      throw new Error(`Trainer.saveCheckpoint: ${this.pendingBatches} accumulated batches have not been stepped yet; save at an optimizer step boundary`);
    }
    const o = this.options;
    const es = this.earlyStopping;
    const loop: LoopState = {
      epoch: this.epoch, batchInEpoch: this.batchInEpoch, step: this.step, history: this.history.toJSON(),
      lossSum: this.lossSum, exampleCount: this.exampleCount,
      metrics: Object.fromEntries(this.metrics.map((m) => [m.name, m.stateDict()])),
      scheduler: o.scheduler?.stateDict() ?? null,
      earlyStopping: es === null ? null : { bestValue: es.bestValue, bestEpoch: es.bestEpoch, epoch: es.epoch, wait: es.wait, stopped: es.stopped },
      rng: defaultGenerator.getState(), stopReason: this.stopReason,
      // At an epoch boundary the next epoch starts from the current states; mid-epoch, from the saved epoch-start ones.
      epochStartStates: this.batchInEpoch === 0 ? Object.fromEntries(Object.entries(this.stateful).map(([k, s]) => [k, s.stateDict()])) : this.epochStartStates,
    };
    saveCheckpoint(path, { model: this.model.snapshot(), optimizer: o.optimizer.stateDict(), best: this.bestWeights, trainer: loop as unknown as Record<string, unknown> });
  }

  private resumeIfAsked(): void {
    const o = this.options;
    if (o.resume === undefined || o.resume === false) return;
    const path = typeof o.resume === 'string' ? o.resume : o.checkpoint!.path;
    if (o.resume === true && !existsSync(path)) return;
    const content = loadCheckpoint(path);
    const loop = content.trainer as unknown as LoopState;
    this.model.load(content.model, `fit: resuming from ${path}`);
    o.optimizer.loadStateDict(content.optimizer);
    if ((loop.scheduler === null) !== (o.scheduler === undefined)) {
      throw new Error(`fit: the checkpoint ${path} was written ${loop.scheduler === null ? 'without' : 'with'} a scheduler, but this run has ${o.scheduler === undefined ? 'none' : 'one'}`);
    }
    if (loop.scheduler !== null) o.scheduler!.loadStateDict(loop.scheduler);
    if (this.earlyStopping !== null && loop.earlyStopping !== null) Object.assign(this.earlyStopping, loop.earlyStopping);
    this.bestWeights = content.best;
    this.history = History.fromJSON(loop.history);
    this.epoch = loop.epoch;
    this.step = loop.step;
    this.batchInEpoch = loop.batchInEpoch;
    this.lossSum = loop.lossSum;
    this.exampleCount = loop.exampleCount;
    for (const m of this.metrics) {
      const saved = loop.metrics[m.name];
      if (saved === undefined) throw new Error(`fit: the checkpoint ${path} has no state for metric '${m.name}'`);
      m.loadStateDict(saved);
    }
    this.epochStartStates = loop.epochStartStates;
    for (const [name, s] of Object.entries(this.stateful)) {
      if (!(name in loop.epochStartStates)) throw new Error(`fit: the checkpoint ${path} has no state for '${name}'`);
      s.loadStateDict(loop.epochStartStates[name]);
    }
    // Mid-epoch, the data must be replayed from the epoch's start before the RNG continues where it stopped.
    if (this.batchInEpoch > 0) this.pendingRng = loop.rng;
    else defaultGenerator.setState(loop.rng);
  }
}

/** `loss 0.1234  accuracy 0.9500  valid loss 0.1300  valid accuracy 0.9400  lr 0.0100`. */
function epochSummary(train: Record<string, number>, valid: Record<string, number> | null, lr: number): string {
  const parts = Object.entries(train).map(([k, v]) => `${k} ${formatNumber(v)}`);
  if (valid !== null) parts.push(...Object.entries(valid).map(([k, v]) => `valid ${k} ${formatNumber(v)}`));
  parts.push(`lr ${lr.toPrecision(3)}`);
  return parts.join('  ');
}

/** Trains with the given options and returns the History (a shorthand for `new Trainer(options).fit()`). */
export function fit(options: FitOptions): History {
  return new Trainer(options).fit();
}
