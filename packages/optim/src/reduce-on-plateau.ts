// ReduceLROnPlateau: divides the learning rates when a monitored metric stops improving, as in PyTorch 1.13.
import { checkChoice, checkNonNegative, perGroup } from './scheduler-checks.js';
import type { SchedulableOptimizer, SchedulerState } from './scheduler-types.js';

/** Options of ReduceLROnPlateau (PyTorch's names in camelCase, PyTorch's defaults). */
export interface ReduceLROnPlateauOptions {
  /** 'min' (default): lower is better; 'max': higher is better. */
  mode?: 'min' | 'max';
  /** new lr = lr · factor, in [0, 1) (default 0.1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** Improvement needed to count as better (default 1e-4). */
  threshold?: number;
  /** 'rel' (default): relative to the best; 'abs': absolute. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again (default 0). */
  cooldown?: number;
  /** Lower bound of the lr, one for all groups or one per group (default 0). */
  minLr?: number | readonly number[];
  /** Reductions smaller than eps are skipped (default 1e-8). */
  eps?: number;
}

/** Reduces every group's lr by `factor` after `patience` epochs without improvement of the metric passed to step(). */
export class ReduceLROnPlateau {
  /** The optimizer whose groups are reduced. */
  readonly optimizer: SchedulableOptimizer;
  /** 'min' or 'max'. */
  mode: 'min' | 'max';
  /** Multiplier of a reduction. */
  factor: number;
  /** Bad epochs tolerated. */
  patience: number;
  /** Improvement threshold. */
  threshold: number;
  /** 'rel' or 'abs'. */
  thresholdMode: 'rel' | 'abs';
  /** Epochs of cooldown after a reduction. */
  cooldown: number;
  /** Lower bound of each group's lr. */
  minLrs: number[];
  /** Smallest reduction applied. */
  eps: number;
  /** Best metric so far (±Infinity before the first step). */
  best: number;
  /** Consecutive epochs without improvement. */
  numBadEpochs = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Index of the last step. */
  lastEpoch = 0;
  private lastLr: number[];

  /** @param optimizer - the optimizer to schedule. @param options - mode, factor, patience, threshold, ... */
  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const C = 'ReduceLROnPlateau';
    if (!optimizer || !Array.isArray(optimizer.paramGroups) || optimizer.paramGroups.length === 0) throw new Error(`${C}: expected an optimizer with at least one parameter group`);
    this.optimizer = optimizer;
    this.factor = options.factor ?? 0.1;
    if (!(this.factor >= 0 && this.factor < 1)) throw new Error(`${C}: factor must be in [0, 1), got ${this.factor}`);
    this.mode = options.mode ?? 'min';
    checkChoice(C, 'mode', this.mode, ['min', 'max']);
    this.thresholdMode = options.thresholdMode ?? 'rel';
    checkChoice(C, 'thresholdMode', this.thresholdMode, ['rel', 'abs']);
    this.patience = options.patience ?? 10;
    if (!Number.isInteger(this.patience) || this.patience < 0) throw new Error(`${C}: patience must be an integer >= 0, got ${this.patience}`);
    this.cooldown = options.cooldown ?? 0;
    if (!Number.isInteger(this.cooldown) || this.cooldown < 0) throw new Error(`${C}: cooldown must be an integer >= 0, got ${this.cooldown}`);
    this.threshold = options.threshold ?? 1e-4;
    checkNonNegative(C, 'threshold', this.threshold);
    this.eps = options.eps ?? 1e-8;
    checkNonNegative(C, 'eps', this.eps);
    this.minLrs = perGroup(C, 'minLr', options.minLr ?? 0, optimizer.paramGroups.length);
    this.minLrs.forEach((v) => checkNonNegative(C, 'minLr', v));
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Whether the cooldown after a reduction is running. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Whether `a` improves on `best` by the threshold. */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === 'rel' ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  /** Records one epoch's metric and reduces the learning rates when it has plateaued. */
  step(metric: number): void {
    const current = Number(metric);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const old = g.lr;
        const next = Math.max(old * this.factor, this.minLrs[i]!);
        if (old - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The scheduler's state (counters, best value and options). */
  stateDict(): SchedulerState {
    return {
      mode: this.mode, factor: this.factor, patience: this.patience, threshold: this.threshold, thresholdMode: this.thresholdMode,
      cooldown: this.cooldown, minLrs: [...this.minLrs], eps: this.eps, best: this.best, numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter, lastEpoch: this.lastEpoch, lastLr: [...this.lastLr],
    };
  }

  /** Restores a state from stateDict() (also after a JSON round trip). */
  loadStateDict(state: SchedulerState): void {
    const own = this.stateDict();
    const unknown = Object.keys(state).filter((k) => !(k in own));
    if (unknown.length > 0) throw new Error(`ReduceLROnPlateau.loadStateDict: unexpected keys ${unknown.join(', ')} (a state of another scheduler?)`);
    const self = this as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(state)) self[k] = Array.isArray(v) ? [...v] : v;
    // JSON turns the initial ±Infinity into null.
    if (this.best === null) this.best = this.mode === 'min' ? Infinity : -Infinity;
  }
}
