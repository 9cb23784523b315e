// OneCycleLR: the 1cycle policy (warmup to maxLr, anneal to a tiny lr, momentum cycled inversely), as in PyTorch 1.13.
import { LRScheduler } from './lr-scheduler.js';
import { checkChoice, perGroup } from './scheduler-checks.js';
import type { SchedulableOptimizer } from './scheduler-types.js';

/** Options of OneCycleLR (PyTorch's names in camelCase). */
export interface OneCycleLROptions {
  /** Peak learning rate, one for all groups or one per group. */
  maxLr: number | readonly number[];
  /** Total steps of the cycle; or give epochs and stepsPerEpoch. */
  totalSteps?: number;
  /** Epochs (with stepsPerEpoch) when totalSteps is not given. */
  epochs?: number;
  /** Steps per epoch (with epochs). */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the lr (default 0.3). */
  pctStart?: number;
  /** 'cos' (default) or 'linear' annealing. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (or Adam's beta1) inversely to the lr (default true). */
  cycleMomentum?: boolean;
  /** Lowest momentum (default 0.85). */
  baseMomentum?: number | readonly number[];
  /** Highest momentum (default 0.95). */
  maxMomentum?: number | readonly number[];
  /** initial lr = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** minimum lr = initial lr / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Three phases (up, down to initial lr, annihilate) instead of two (default false). */
  threePhase?: boolean;
  /** Last step index when resuming (default -1). */
  lastEpoch?: number;
}

type Key = 'initial' | 'max' | 'min';
type MKey = 'maxM' | 'baseM';
interface Phase { endStep: number; startLr: Key; endLr: Key; startM: MKey; endM: MKey }

/** The 1cycle learning-rate policy, stepped once per batch. */
export class OneCycleLR extends LRScheduler {
  /** Total steps of the cycle. */
  readonly totalSteps: number;
  /** Annealing strategy. */
  readonly annealStrategy: 'cos' | 'linear';
  /** Whether momentum (or beta1) is cycled. */
  readonly cycleMomentum: boolean;
  /** Whether beta1 of `betas` is cycled rather than `momentum`. */
  readonly useBeta1: boolean;
  /** Per group: the starting lr, maxLr / divFactor. */
  readonly initialLrs: number[];
  /** Per group: the peak lr. */
  readonly maxLrs: number[];
  /** Per group: the final lr, initial lr / finalDivFactor. */
  readonly minLrs: number[];
  /** Per group: the highest momentum (at the start and end of the cycle). */
  readonly maxMomentums: number[];
  /** Per group: the lowest momentum (at the peak lr). */
  readonly baseMomentums: number[];
  private readonly phases: Phase[];

  /** @param optimizer - the optimizer to schedule. @param options - maxLr, totalSteps (or epochs and stepsPerEpoch), ... */
  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions) {
    const groups = optimizer?.paramGroups ?? [];
    const C = 'OneCycleLR';
    const divFactor = options.divFactor ?? 25;
    const finalDivFactor = options.finalDivFactor ?? 1e4;
    if (!(divFactor > 0) || !(finalDivFactor > 0)) throw new Error(`${C}: divFactor and finalDivFactor must be > 0, got ${divFactor} and ${finalDivFactor}`);
    const maxLrs = perGroup(C, 'maxLr', options.maxLr, groups.length);
    maxLrs.forEach((v) => { if (!(v >= 0)) throw new Error(`${C}: maxLr must be >= 0, got ${v}`); });
    const lastEpoch = options.lastEpoch ?? -1;
    if (lastEpoch === -1) {
      groups.forEach((g, i) => { g.initialLr = maxLrs[i]! / divFactor; });
    }
    super(optimizer, lastEpoch);
    let total: number;
    if (options.totalSteps !== undefined) {
      if (!Number.isInteger(options.totalSteps) || options.totalSteps <= 0) throw new Error(`${C}: expected a positive integer totalSteps, got ${options.totalSteps}`);
      total = options.totalSteps;
    } else if (options.epochs !== undefined && options.stepsPerEpoch !== undefined) {
      if (!Number.isInteger(options.epochs) || options.epochs <= 0) throw new Error(`${C}: expected a positive integer epochs, got ${options.epochs}`);
      if (!Number.isInteger(options.stepsPerEpoch) || options.stepsPerEpoch <= 0) throw new Error(`${C}: expected a positive integer stepsPerEpoch, got ${options.stepsPerEpoch}`);
      total = options.epochs * options.stepsPerEpoch;
    } else throw new Error(`${C}: give totalSteps, or epochs and stepsPerEpoch`);
    this.totalSteps = total;
    const pct = options.pctStart ?? 0.3;
    if (!(pct >= 0 && pct <= 1)) throw new Error(`${C}: pctStart must be in [0, 1], got ${pct}`);
    this.annealStrategy = options.annealStrategy ?? 'cos';
    checkChoice(C, 'annealStrategy', this.annealStrategy, ['cos', 'linear']);
    this.phases = options.threePhase
      ? [
          { endStep: pct * total - 1, startLr: 'initial', endLr: 'max', startM: 'maxM', endM: 'baseM' },
          { endStep: 2 * pct * total - 2, startLr: 'max', endLr: 'initial', startM: 'baseM', endM: 'maxM' },
          { endStep: total - 1, startLr: 'initial', endLr: 'min', startM: 'maxM', endM: 'maxM' },
        ]
      : [
          { endStep: pct * total - 1, startLr: 'initial', endLr: 'max', startM: 'maxM', endM: 'baseM' },
          { endStep: total - 1, startLr: 'max', endLr: 'min', startM: 'baseM', endM: 'maxM' },
        ];
    this.initialLrs = [...this.baseLrs];
    this.maxLrs = maxLrs;
    this.minLrs = this.initialLrs.map((l) => l / finalDivFactor);
    this.cycleMomentum = options.cycleMomentum ?? true;
    this.useBeta1 = groups[0]?.betas !== undefined;
    this.maxMomentums = perGroup(C, 'maxMomentum', options.maxMomentum ?? 0.95, groups.length);
    this.baseMomentums = perGroup(C, 'baseMomentum', options.baseMomentum ?? 0.85, groups.length);
    if (this.cycleMomentum) {
      if (!this.useBeta1 && groups[0]?.momentum === undefined) throw new Error(`${C}: cycleMomentum needs an optimizer with momentum or betas`);
      if (lastEpoch === -1) groups.forEach((g, i) => this.setMomentum(g, this.maxMomentums[i]!));
    }
    this.initialStep();
  }

  private setMomentum(g: SchedulableOptimizer['paramGroups'][number], m: number): void {
    if (this.useBeta1) g.betas = [m, g.betas![1]];
    else g.momentum = m;
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'cos') return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }

  protected override getLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) throw new Error(`OneCycleLR: tried to step ${step + 1} times; totalSteps is ${this.totalSteps}`);
    return this.optimizer.paramGroups.map((g, gi) => {
      const lr: Record<Key, number> = { initial: this.initialLrs[gi]!, max: this.maxLrs[gi]!, min: this.minLrs[gi]! };
      const mom: Record<MKey, number> = { maxM: this.maxMomentums[gi]!, baseM: this.baseMomentums[gi]! };
      let start = 0;
      for (let i = 0; i < this.phases.length; i++) {
        const p = this.phases[i]!;
        if (step <= p.endStep || i === this.phases.length - 1) {
          const pct = (step - start) / (p.endStep - start);
          if (this.cycleMomentum) this.setMomentum(g, this.anneal(mom[p.startM], mom[p.endM], pct));
          return this.anneal(lr[p.startLr], lr[p.endLr], pct);
        }
        start = p.endStep;
      }
      return g.lr;
    });
  }
}
