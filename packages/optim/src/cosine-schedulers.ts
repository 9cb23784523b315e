// CosineAnnealingLR and CosineAnnealingWarmRestarts (SGDR), with PyTorch 1.13's chainable and fractional-epoch forms.
import { LRScheduler } from './lr-scheduler.js';
import { checkNonNegative, checkPositiveInt, pyMod } from './scheduler-checks.js';
import type { SchedulableOptimizer } from './scheduler-types.js';

/** Options of CosineAnnealingLR. */
export interface CosineAnnealingLROptions {
  /** Half period in epochs (the lr reaches etaMin at tMax). */
  tMax: number;
  /** Minimum learning rate (default 0). */
  etaMin?: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** Anneals each group's lr along a cosine from its initial lr to etaMin over tMax epochs (and back up, periodically). */
export class CosineAnnealingLR extends LRScheduler {
  /** Half period in epochs. */
  readonly tMax: number;
  /** Minimum learning rate. */
  readonly etaMin: number;
  /** @param optimizer - the optimizer to schedule. @param options - tMax, etaMin. */
  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingLROptions) {
    super(optimizer, options.lastEpoch);
    checkPositiveInt('CosineAnnealingLR', 'tMax', options.tMax);
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    checkNonNegative('CosineAnnealingLR', 'etaMin', this.etaMin);
    this.initialStep();
  }
  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const e = this.lastEpoch, T = this.tMax, m = this.etaMin;
    if (e === 0) return groups.map((g) => g.lr);
    if (this.stepCount === 1 && e > 0) return this.baseLrs.map((b) => m + ((b - m) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if (pyMod(e - 1 - T, 2 * T) === 0) return groups.map((g, i) => g.lr + ((this.baseLrs[i]! - m) * (1 - Math.cos(Math.PI / T))) / 2);
    return groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - m) + m);
  }
  protected override closedFormLr(): number[] {
    const e = this.lastEpoch, m = this.etaMin;
    return this.baseLrs.map((b) => m + ((b - m) * (1 + Math.cos((Math.PI * e) / this.tMax))) / 2);
  }
}

/** Options of CosineAnnealingWarmRestarts. */
export interface CosineAnnealingWarmRestartsOptions {
  /** Epochs until the first restart (positive integer). */
  t0: number;
  /** Factor by which the period grows after each restart (integer >= 1, default 1). */
  tMult?: number;
  /** Minimum learning rate (default 0). */
  etaMin?: number;
  /** Last epoch index when resuming (default -1). */
  lastEpoch?: number;
}

/** SGDR: cosine annealing from the initial lr to etaMin, restarting after t0, t0·tMult, t0·tMult², ... epochs. */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  /** First period. */
  readonly t0: number;
  /** Period growth factor. */
  readonly tMult: number;
  /** Minimum learning rate. */
  readonly etaMin: number;
  /** Current period. */
  tI: number;
  /** Epochs (possibly fractional) since the last restart. */
  tCur: number;

  /** @param optimizer - the optimizer to schedule. @param options - t0, tMult, etaMin. */
  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions) {
    super(optimizer, options.lastEpoch);
    checkPositiveInt('CosineAnnealingWarmRestarts', 't0', options.t0);
    const tMult = options.tMult ?? 1;
    if (!Number.isInteger(tMult) || tMult < 1) throw new Error(`CosineAnnealingWarmRestarts: tMult must be an integer >= 1, got ${tMult}`);
    this.t0 = options.t0;
    this.tI = options.t0;
    this.tMult = tMult;
    this.etaMin = options.etaMin ?? 0;
    checkNonNegative('CosineAnnealingWarmRestarts', 'etaMin', this.etaMin);
    this.tCur = this.lastEpoch;
    this.initialStep();
  }
  protected override getLr(): number[] {
    const m = this.etaMin;
    return this.baseLrs.map((b) => m + ((b - m) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2);
  }

  /** Advances one epoch, or jumps to `epoch` (fractional epochs allowed, e.g. `epoch + batch / batches`). */
  override step(epoch?: number): void {
    this.stepCount += 1;
    let e = epoch;
    if (e === undefined && this.lastEpoch < 0) e = 0;
    if (e === undefined) {
      e = this.lastEpoch + 1;
      this.tCur += 1;
      if (this.tCur >= this.tI) {
        this.tCur -= this.tI;
        this.tI *= this.tMult;
      }
    } else {
      if (!(e >= 0)) throw new Error(`CosineAnnealingWarmRestarts: expected a non-negative epoch, got ${e}`);
      if (e >= this.t0) {
        if (this.tMult === 1) this.tCur = e % this.t0;
        else {
          const n = Math.trunc(Math.log((e / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
          this.tCur = e - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
          this.tI = this.t0 * this.tMult ** n;
        }
      } else {
        this.tI = this.t0;
        this.tCur = e;
      }
    }
    this.lastEpoch = Math.floor(e);
    const lrs = this.getLr();
    this.optimizer.paramGroups.forEach((g, i) => { g.lr = lrs[i]!; });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
