// LRScheduler: the base of the epoch-driven schedulers, with PyTorch 1.13's step() semantics (the constructor steps once).
import type { SchedulableOptimizer, SchedulerState } from './scheduler-types.js';

const SKIP_STATE = new Set(['optimizer']);

function copyState(v: unknown): unknown {
  return Array.isArray(v) ? v.map(copyState) : v;
}

function isData(v: unknown): boolean {
  if (typeof v === 'function') return false;
  if (Array.isArray(v)) return v.every(isData);
  return v === null || ['number', 'string', 'boolean', 'undefined'].includes(typeof v);
}

/**
 * Base class of the learning-rate schedulers. Subclasses set their options, then call `initialStep()` (PyTorch's
 * `_initial_step`), which sets `lastEpoch` to 0 (or `lastEpoch + 1` when resuming) and writes the first lr.
 */
export abstract class LRScheduler {
  /** The optimizer (or plain object with `paramGroups`) whose learning rates this scheduler writes. */
  readonly optimizer: SchedulableOptimizer;
  /** The groups' initial learning rates (`initialLr`). */
  baseLrs: number[];
  /** The index of the last step (epoch); -1 before the constructor's initial step. */
  lastEpoch: number;
  /** How many times step() was called, the constructor's step included. */
  stepCount = 0;
  /** The learning rates written by the last step. */
  protected lastLr: number[] = [];

  /**
   * @param optimizer - the optimizer whose groups to schedule.
   * @param lastEpoch - the last epoch index when resuming (default -1: start; otherwise each group needs `initialLr`).
   */
  constructor(optimizer: SchedulableOptimizer, lastEpoch = -1) {
    const cls = new.target.name;
    if (!optimizer || !Array.isArray(optimizer.paramGroups) || optimizer.paramGroups.length === 0) {
      throw new Error(`${cls}: expected an optimizer with at least one parameter group`);
    }
    if (!Number.isInteger(lastEpoch) || lastEpoch < -1) throw new Error(`${cls}: lastEpoch must be an integer >= -1, got ${lastEpoch}`);
    this.optimizer = optimizer;
    optimizer.paramGroups.forEach((g, i) => {
      if (typeof g.lr !== 'number' || Number.isNaN(g.lr) || g.lr < 0) throw new Error(`${cls}: parameter group ${i} has invalid lr ${String(g.lr)}`);
      if (lastEpoch === -1) g.initialLr ??= g.lr;
      else if (g.initialLr === undefined) throw new Error(`${cls}: parameter group ${i} has no initialLr, needed to resume at lastEpoch ${lastEpoch}`);
    });
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr!);
    this.lastEpoch = lastEpoch;
  }

  /** PyTorch's `_initial_step`: resets the step count and steps once. Subclass constructors call it last. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** The chainable learning rates for the current `lastEpoch` (PyTorch's `get_lr`). */
  protected abstract getLr(): number[];

  /** The closed-form learning rates for an explicit epoch (PyTorch's `_get_closed_form_lr`), where one exists. */
  protected closedFormLr(): number[] | null {
    return null;
  }

  /**
   * Advances one epoch (or jumps to `epoch`, using the closed form where the scheduler has one) and writes the
   * new learning rates into the optimizer's groups.
   */
  step(epoch?: number): void {
    this.stepCount += 1;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch += 1;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.getLr();
    }
    this.optimizer.paramGroups.forEach((g, i) => { g.lr = values[i]!; });
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rates the last step wrote, one per group. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The scheduler's state (everything but the optimizer and functions), to resume with loadStateDict. */
  stateDict(): SchedulerState {
    const out: SchedulerState = {};
    for (const [k, v] of Object.entries(this)) if (!SKIP_STATE.has(k) && isData(v)) out[k] = copyState(v);
    return out;
  }

  /** Restores a state from stateDict() of a scheduler of the same class. */
  loadStateDict(state: SchedulerState): void {
    const own = this.stateDict();
    const unknown = Object.keys(state).filter((k) => !(k in own));
    if (unknown.length > 0) throw new Error(`${this.constructor.name}.loadStateDict: unexpected keys ${unknown.join(', ')} (a state of another scheduler?)`);
    const self = this as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(state)) self[k] = copyState(v);
  }
}
