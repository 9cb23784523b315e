// Callbacks: hooks the training loop calls at the start and end of the run, of each epoch and after each batch.
import type { Trainer } from './trainer.js';

/** What a hook may return: 'stop' ends training (as setting trainer.stopTraining does). */
export type CallbackResult = void | 'stop';

/** What onBatchEnd learns about the batch just trained. */
export interface BatchInfo {
  /** Epoch number, 1-based. */
  epoch: number;
  /** Batch number within the epoch, 1-based. */
  batch: number;
  /** Optimizer steps taken so far in the run. */
  step: number;
  /** The batch's loss (without penalties, before scaling for accumulation). */
  loss: number;
  /** Examples in the batch. */
  size: number;
}

/** What onEpochEnd learns: the epoch's metrics on the training data, on the validation data, and the lr. */
export interface EpochLogs {
  train: Record<string, number>;
  valid: Record<string, number> | null;
  lr: number;
}

/**
 * Hooks into a run; every method is optional. A stop requested from onBatchEnd takes effect at the next optimizer
 * step (the epoch is left unfinished and a checkpoint can resume it); from onEpochEnd, after that epoch.
 */
export interface Callback {
  onTrainBegin?(trainer: Trainer): CallbackResult;
  onTrainEnd?(trainer: Trainer): void;
  onEpochBegin?(trainer: Trainer, epoch: number): CallbackResult;
  onEpochEnd?(trainer: Trainer, epoch: number, logs: EpochLogs): CallbackResult;
  onBatchEnd?(trainer: Trainer, info: BatchInfo): CallbackResult;
}
