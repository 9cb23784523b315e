// LinearLR (warmup), PolynomialLR and SequentialLR (switching schedulers at milestones), as in PyTorch 1.13.
import { LRScheduler } from './lr-scheduler.js';
import { checkNonNegative, checkPositiveInt } from './scheduler-checks.js';
import type { SchedulableOptimizer, SchedulerState } from './scheduler-types.js';

/** Options of LinearLR. */
export interface LinearLROptions {
  /** Multiplier of the first epoch, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Multiplier reached after totalIters epochs, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs of the linear ramp (default 5). */
  totalIters?: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Scales each group's lr by a factor moving linearly from startFactor to endFactor over totalIters epochs (warmup). */
export class LinearLR extends LRScheduler {
  /** Multiplier of the first epoch. */
  readonly startFactor: number;
  /** Final multiplier. */
  readonly endFactor: number;
  /** Ramp length in epochs. */
  readonly totalIters: number;
  /** @param optimizer - the optimizer to schedule. @param options - startFactor, endFactor, totalIters. */
  constructor(optimizer: SchedulableOptimizer, options: LinearLROptions = {}) {
    super(optimizer, options.lastEpoch);
    this.startFactor = options.startFactor ?? 1 / 3;
    this.endFactor = options.endFactor ?? 1;
    this.totalIters = options.totalIters ?? 5;
    if (!(this.startFactor > 0 && this.startFactor <= 1)) throw new Error(`LinearLR: startFactor must be in (0, 1], got ${this.startFactor}`);
    if (!(this.endFactor >= 0 && this.endFactor <= 1)) throw new Error(`LinearLR: endFactor must be in [0, 1], got ${this.endFactor}`);
    checkPositiveInt('LinearLR', 'totalIters', this.totalIters);
    this.initialStep();
  }
  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * this.startFactor);
    if (this.lastEpoch > this.totalIters) return groups.map((g) => g.lr);
    const d = this.endFactor - this.startFactor;
    return groups.map((g) => g.lr * (1 + d / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * d)));
  }
  protected override closedFormLr(): number[] {
    const d = this.endFactor - this.startFactor;
    return this.baseLrs.map((b) => b * (this.startFactor + (d * Math.min(this.totalIters, this.lastEpoch)) / this.totalIters));
  }
}

/** Options of PolynomialLR. */
export interface PolynomialLROptions {
  /** Epochs until the lr reaches 0 (default 5). */
  totalIters?: number;
  /** The polynomial's power (default 1). */
  power?: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Decays each group's lr as (1 − epoch/totalIters)^power, reaching 0 at totalIters. */
export class PolynomialLR extends LRScheduler {
  /** Epochs until the lr reaches 0. */
  readonly totalIters: number;
  /** The power. */
  readonly power: number;
  /** @param optimizer - the optimizer to schedule. @param options - totalIters, power. */
  constructor(optimizer: SchedulableOptimizer, options: PolynomialLROptions = {}) {
    super(optimizer, options.lastEpoch);
    this.totalIters = options.totalIters ?? 5;
    this.power = options.power ?? 1;
    checkPositiveInt('PolynomialLR', 'totalIters', this.totalIters);
    checkNonNegative('PolynomialLR', 'power', this.power);
    this.initialStep();
  }
  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return groups.map((g) => g.lr);
    const t = this.totalIters;
    const f = ((1 - this.lastEpoch / t) / (1 - (this.lastEpoch - 1) / t)) ** this.power;
    return groups.map((g) => g.lr * f);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }
}

/** Options of SequentialLR. */
export interface SequentialLROptions {
  /** The schedulers, all built on the same optimizer, in order. */
  schedulers: readonly LRScheduler[];
  /** Strictly increasing epochs at which to switch to the next scheduler (one fewer than schedulers). */
  milestones: readonly number[];
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Runs `schedulers[i]` between `milestones[i-1]` and `milestones[i]`, restarting each at its milestone (step(0)). */
export class SequentialLR {
  /** The optimizer the schedulers share. */
  readonly optimizer: SchedulableOptimizer;
  /** The index of the last step. */
  lastEpoch: number;
  private readonly schedulers: LRScheduler[];
  private readonly milestones: number[];
  private lastLr: number[];

  /** @param optimizer - the shared optimizer. @param options - schedulers, milestones. */
  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions) {
    const { schedulers, milestones } = options;
    if (!Array.isArray(schedulers) || schedulers.length === 0) throw new Error('SequentialLR: expected at least one scheduler');
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) throw new Error(`SequentialLR: scheduler ${i} (${s.constructor.name}) belongs to another optimizer`);
    });
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1) {
      throw new Error(`SequentialLR: expected ${schedulers.length - 1} milestones for ${schedulers.length} schedulers, got ${Array.isArray(milestones) ? milestones.length : String(milestones)}`);
    }
    milestones.forEach((m, i) => {
      if (!Number.isInteger(m) || m < 0 || (i > 0 && m <= milestones[i - 1]!)) {
        throw new Error(`SequentialLR: milestones must be strictly increasing non-negative integers, got [${milestones.join(', ')}]`);
      }
    });
    this.optimizer = optimizer;
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.lastEpoch = (options.lastEpoch ?? -1) + 1;
    optimizer.paramGroups.forEach((g, i) => {
      if (g.initialLr === undefined) throw new Error(`SequentialLR: parameter group ${i} has no initialLr`);
      g.lr = g.initialLr;
    });
    for (const s of this.schedulers) s.lastEpoch -= 1;
    (this.schedulers[0] as unknown as { initialStep(): void }).initialStep();
    this.lastLr = this.schedulers[0]!.getLastLr();
  }

  /** Advances one epoch, stepping the scheduler in charge (restarting it with step(0) at its milestone). */
  step(): void {
    this.lastEpoch += 1;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;
    const s = this.schedulers[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
    this.lastLr = s.getLastLr();
  }

  /** The learning rates the last step wrote. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** This scheduler's state with the wrapped schedulers' states. */
  stateDict(): SchedulerState {
    return { lastEpoch: this.lastEpoch, milestones: [...this.milestones], lastLr: [...this.lastLr], schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  /** Restores a state from stateDict(). */
  loadStateDict(state: SchedulerState): void {
    const subs = state['schedulers'];
    if (!Array.isArray(subs) || subs.length !== this.schedulers.length || typeof state['lastEpoch'] !== 'number') {
      throw new Error(`SequentialLR.loadStateDict: expected a SequentialLR state over ${this.schedulers.length} schedulers`);
    }
    this.lastEpoch = state['lastEpoch'];
    if (Array.isArray(state['lastLr'])) this.lastLr = [...(state['lastLr'] as number[])];
    subs.forEach((s, i) => this.schedulers[i]!.loadStateDict(s as SchedulerState));
  }
}
