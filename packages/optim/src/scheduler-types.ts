// The minimal optimizer shape a learning-rate scheduler drives: parameter groups with a mutable lr (and momentum or betas).

/** One parameter group as a scheduler sees it: the learning rate it rewrites, and the momentum terms OneCycleLR cycles. */
export interface SchedulableGroup {
  /** The group's current learning rate; schedulers overwrite it. */
  lr: number;
  /** The lr at schedule start (PyTorch's `initial_lr`); set by the first scheduler attached when absent. */
  initialLr?: number;
  /** SGD/RMSprop-style momentum, cycled by OneCycleLR with `cycleMomentum`. */
  momentum?: number;
  /** Adam-style betas; OneCycleLR cycles beta1 when present. */
  betas?: readonly [number, number] | [number, number];
}

/** Anything with parameter groups: an @nn/optim Optimizer, or a plain object of the same shape. */
export interface SchedulableOptimizer {
  /** The groups whose `lr` (and momentum) a scheduler sets. */
  paramGroups: SchedulableGroup[];
}

/** A scheduler's state dict: plain data (numbers, strings, booleans, arrays, nested states). */
export type SchedulerState = Record<string, unknown>;
