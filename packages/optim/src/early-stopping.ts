// EarlyStopping: watches a validation metric, signals a stop after `patience` epochs without improvement, and can
// restore the module's weights from the best epoch.
import { Tensor, type nn } from '@nn/core';

/** Options of EarlyStopping. */
export interface EarlyStoppingOptions {
  /** 'min' (default): lower is better (a loss); 'max': higher is better (an accuracy). */
  mode?: 'min' | 'max';
  /** Epochs without improvement tolerated; the patience-th such epoch stops (default 0: the first one). */
  patience?: number;
  /** Smallest change that counts as an improvement, absolute and >= 0 (default 0). */
  minDelta?: number;
  /** Keep a copy of the module's stateDict at the best epoch and load it back when stopping (default false). */
  restoreBestWeights?: boolean;
  /** The module whose weights to keep and restore (required with restoreBestWeights). */
  module?: nn.Module;
}

/** Tracks a metric per epoch; `step(metric)` returns true when training should stop. */
export class EarlyStopping {
  /** 'min' or 'max'. */
  readonly mode: 'min' | 'max';
  /** Epochs without improvement tolerated. */
  readonly patience: number;
  /** Smallest change that counts as an improvement. */
  readonly minDelta: number;
  /** Whether the best weights are kept and restored. */
  readonly restoreBestWeights: boolean;
  /** Best metric so far (±Infinity before the first step). */
  bestValue: number;
  /** Epoch (0-based step index) of the best metric; -1 before the first improvement. */
  bestEpoch = -1;
  /** Steps taken so far. */
  epoch = 0;
  /** Consecutive epochs without improvement. */
  wait = 0;
  /** Whether a stop has been signalled. */
  stopped = false;
  private readonly module: nn.Module | undefined;
  private bestState: Record<string, Tensor> | null = null;

  /** @param options - mode, patience, minDelta, restoreBestWeights, module. */
  constructor(options: EarlyStoppingOptions = {}) {
    this.mode = options.mode ?? 'min';
    if (this.mode !== 'min' && this.mode !== 'max') throw new Error(`EarlyStopping: unknown mode '${String(this.mode)}' (expected 'min' or 'max')`);
    this.patience = options.patience ?? 0;
    if (!Number.isInteger(this.patience) || this.patience < 0) throw new Error(`EarlyStopping: patience must be an integer >= 0, got ${this.patience}`);
    this.minDelta = options.minDelta ?? 0;
    if (!(this.minDelta >= 0) || !Number.isFinite(this.minDelta)) throw new Error(`EarlyStopping: minDelta must be a finite number >= 0, got ${this.minDelta}`);
    this.restoreBestWeights = options.restoreBestWeights ?? false;
    this.module = options.module;
    if (this.restoreBestWeights && !this.module) throw new Error('EarlyStopping: restoreBestWeights needs a module');
    this.bestValue = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Whether `value` improves on the best by more than minDelta (NaN never does). */
  isImprovement(value: number): boolean {
    return this.mode === 'min' ? value < this.bestValue - this.minDelta : value > this.bestValue + this.minDelta;
  }

  /**
   * Records one epoch's metric. Returns true when the patience is exhausted; then, with restoreBestWeights, the best
   * weights are already loaded back into the module.
   */
  step(metric: number): boolean {
    if (typeof metric !== 'number') throw new Error(`EarlyStopping.step: expected a number, got ${typeof metric}`);
    const epoch = this.epoch++;
    if (this.isImprovement(metric)) {
      this.bestValue = metric;
      this.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) this.bestState = snapshot(this.module!);
      return false;
    }
    this.wait += 1;
    if (this.wait >= this.patience) {
      if (!this.stopped && this.restoreBestWeights) this.restore();
      this.stopped = true;
      return true;
    }
    return false;
  }

  /** Loads the weights saved at the best epoch into the module (no-op before any improvement). */
  restore(): void {
    if (!this.module) throw new Error('EarlyStopping.restore: no module was given');
    if (this.bestState) this.module.loadStateDict(this.bestState);
  }

  /** Forgets the history (for a new run). */
  reset(): void {
    this.bestValue = this.mode === 'min' ? Infinity : -Infinity;
    this.bestEpoch = -1;
    this.epoch = 0;
    this.wait = 0;
    this.stopped = false;
    this.bestState = null;
  }
}

function snapshot(m: nn.Module): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(m.stateDict())) out[k] = new Tensor(t.toFlatArray(), t.dtype, t.shape);
  return out;
}
