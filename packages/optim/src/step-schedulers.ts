// StepLR, MultiStepLR, ExponentialLR and LambdaLR: multiplicative decays, chainable and in closed form as in PyTorch 1.13.
import { LRScheduler } from './lr-scheduler.js';
import { checkNonNegative, checkPositiveInt } from './scheduler-checks.js';
import type { SchedulableOptimizer } from './scheduler-types.js';

/** Options of StepLR. */
export interface StepLROptions {
  /** Epochs between decays (positive integer). */
  stepSize: number;
  /** Multiplicative decay (default 0.1). */
  gamma?: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Multiplies each group's lr by `gamma` every `stepSize` epochs. */
export class StepLR extends LRScheduler {
  /** Epochs between decays. */
  readonly stepSize: number;
  /** Multiplicative decay. */
  readonly gamma: number;
  /** @param optimizer - the optimizer to schedule. @param options - stepSize, gamma. */
  constructor(optimizer: SchedulableOptimizer, options: StepLROptions) {
    super(optimizer, options.lastEpoch);
    checkPositiveInt('StepLR', 'stepSize', options.stepSize);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    checkNonNegative('StepLR', 'gamma', this.gamma);
    this.initialStep();
  }
  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}

/** Options of MultiStepLR. */
export interface MultiStepLROptions {
  /** Epoch indices of the decays, non-decreasing (a repeated milestone decays twice, as PyTorch's Counter does). */
  milestones: readonly number[];
  /** Multiplicative decay (default 0.1). */
  gamma?: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Multiplies each group's lr by `gamma` at every milestone epoch. */
export class MultiStepLR extends LRScheduler {
  /** The milestones, sorted. */
  readonly milestones: number[];
  /** Multiplicative decay. */
  readonly gamma: number;
  /** @param optimizer - the optimizer to schedule. @param options - milestones, gamma. */
  constructor(optimizer: SchedulableOptimizer, options: MultiStepLROptions) {
    super(optimizer, options.lastEpoch);
    const ms = options.milestones;
    if (!Array.isArray(ms) || ms.some((m) => !Number.isInteger(m) || m < 0)) {
      throw new Error(`MultiStepLR: milestones must be non-negative integers, got [${String(ms)}]`);
    }
    for (let i = 1; i < ms.length; i++) {
      if (ms[i]! < ms[i - 1]!) throw new Error(`MultiStepLR: milestones must be non-decreasing, got [${ms.join(', ')}]`);
    }
    this.milestones = [...ms];
    this.gamma = options.gamma ?? 0.1;
    checkNonNegative('MultiStepLR', 'gamma', this.gamma);
    this.initialStep();
  }
  protected override getLr(): number[] {
    const count = this.milestones.filter((m) => m === this.lastEpoch).length;
    const groups = this.optimizer.paramGroups;
    if (count === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }
  protected override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.lastEpoch).length;
    return this.baseLrs.map((b) => b * this.gamma ** passed);
  }
}

/** Options of ExponentialLR. */
export interface ExponentialLROptions {
  /** Multiplicative decay per epoch. */
  gamma: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Multiplies each group's lr by `gamma` every epoch. */
export class ExponentialLR extends LRScheduler {
  /** Multiplicative decay per epoch. */
  readonly gamma: number;
  /** @param optimizer - the optimizer to schedule. @param options - gamma. */
  constructor(optimizer: SchedulableOptimizer, options: ExponentialLROptions) {
    super(optimizer, options.lastEpoch);
    checkNonNegative('ExponentialLR', 'gamma', options.gamma);
    this.gamma = options.gamma;
    this.initialStep();
  }
  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}

/** A learning-rate multiplier as a function of the epoch index. */
export type LrLambda = (epoch: number) => number;

/** Options of LambdaLR. */
export interface LambdaLROptions {
  /** One function for all groups, or one per group: lr = initialLr · lrLambda(epoch). */
  lrLambda: LrLambda | readonly LrLambda[];
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Sets each group's lr to its initial lr times a user function of the epoch. */
export class LambdaLR extends LRScheduler {
  /** The multiplier functions, one per group (not part of the state dict). */
  readonly lrLambdas: LrLambda[];
  /** @param optimizer - the optimizer to schedule. @param options - lrLambda. */
  constructor(optimizer: SchedulableOptimizer, options: LambdaLROptions) {
    super(optimizer, options.lastEpoch);
    const n = optimizer.paramGroups.length;
    const f = options.lrLambda;
    if (typeof f === 'function') this.lrLambdas = new Array<LrLambda>(n).fill(f);
    else {
      if (!Array.isArray(f) || f.length !== n || f.some((x) => typeof x !== 'function')) {
        throw new Error(`LambdaLR: expected one lrLambda function or ${n} (one per group), got ${Array.isArray(f) ? `${f.length} entries` : typeof f}`);
      }
      this.lrLambdas = [...f];
    }
    this.initialStep();
  }
  protected override getLr(): number[] {
    return this.baseLrs.map((b, i) => b * this.lrLambdas[i]!(this.lastEpoch));
  }
}
