// Regression losses: mean squared error, mean absolute error (L1), Huber and smooth L1, as functions and modules.
import { type Tensor, abs, gt, lt, mul, neg, nn, sub, where } from '@nn/core';
import { checkNoNaN, checkPair } from './input-checks.js';
import { type ReductionOptions, readReduction, reduce } from './reduction.js';

function diff(fn: string, input: Tensor, target: Tensor): Tensor {
  checkPair(fn, input, target);
  checkNoNaN(fn, 'target', target);
  return sub(input, target);
}

/**
 * Mean squared error: ℓ_i = (x_i - y_i)², reduced by `reduction` (default 'mean').
 * Use for regression with Gaussian-like noise; large errors dominate. Input and target must have the same shape and
 * dtype (PyTorch would broadcast with a warning; here a mismatch is an error). PyTorch: `F.mse_loss` / `nn.MSELoss`.
 */
export function mseLoss(input: Tensor, target: Tensor, opts: ReductionOptions = {}): Tensor {
  const reduction = readReduction('mseLoss', opts);
  const d = diff('mseLoss', input, target);
  return reduce(mul(d, d), reduction);
}

/**
 * Mean absolute error: ℓ_i = |x_i - y_i|, reduced by `reduction` (default 'mean'). Robust to outliers; its gradient
 * is sign(x - y), 0 where x = y. PyTorch: `F.l1_loss` / `nn.L1Loss`.
 */
export function l1Loss(input: Tensor, target: Tensor, opts: ReductionOptions = {}): Tensor {
  const reduction = readReduction('l1Loss', opts);
  return reduce(abs(diff('l1Loss', input, target)), reduction);
}

/** Options of {@link huberLoss}. */
export interface HuberOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear; positive (default 1). */
  delta?: number;
}

/**
 * Huber loss: ℓ_i = ½ d² if |d| < δ, else δ (|d| - ½ δ), with d = x_i - y_i. Quadratic near 0, linear for outliers
 * (gradient bounded by δ). PyTorch: `F.huber_loss` / `nn.HuberLoss`.
 */
export function huberLoss(input: Tensor, target: Tensor, opts: HuberOptions = {}): Tensor {
  const reduction = readReduction('huberLoss', opts);
  const delta = opts.delta ?? 1;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) throw new RangeError(`huberLoss: delta must be a positive number, got ${delta}`);
  const d = diff('huberLoss', input, target);
  const a = abs(d);
  const quadratic = mul(mul(d, d), 0.5);
  const linear = mul(sub(a, 0.5 * delta), delta);
  return reduce(where(lt(a, delta), quadratic, linear), reduction);
}

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1Options extends ReductionOptions {
  /** Width of the quadratic zone; ≥ 0 (default 1). 0 gives the L1 loss, as in PyTorch. */
  beta?: number;
}

/**
 * Smooth L1: ℓ_i = ½ d² / β if |d| < β, else |d| - ½ β, with d = x_i - y_i; β = 0 is exactly L1. Equals Huber / β
 * (Fast R-CNN's box regression loss). At β = 0 the gradient at d = 0 is -1, as PyTorch's kernel gives. PyTorch: `F.smooth_l1_loss` / `nn.SmoothL1Loss`.
 */
export function smoothL1Loss(input: Tensor, target: Tensor, opts: SmoothL1Options = {}): Tensor {
  const reduction = readReduction('smoothL1Loss', opts);
  const beta = opts.beta ?? 1;
  if (typeof beta !== 'number' || !(beta >= 0) || !Number.isFinite(beta)) throw new RangeError(`smoothL1Loss: beta must be a non-negative number, got ${beta}`);
  const d = diff('smoothL1Loss', input, target);
  const a = abs(d);
  // β = 0: |d|, with PyTorch's subgradient -1 (not abs's 0) at d = 0.
  if (beta === 0) return reduce(where(gt(d, 0), d, neg(d)), reduction);
  const quadratic = mul(mul(d, d), 0.5 / beta);
  return reduce(where(lt(a, beta), quadratic, sub(a, 0.5 * beta)), reduction);
}

/** Module form of {@link mseLoss}: `new MSELoss(opts).forward(input, target)`. PyTorch: `nn.MSELoss`. */
export class MSELoss extends nn.Module {
  constructor(readonly options: ReductionOptions = {}) { super(); readReduction('MSELoss', options); }
  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return mseLoss(input, target, this.options); }
}

/** Module form of {@link l1Loss}. PyTorch: `nn.L1Loss`. */
export class L1Loss extends nn.Module {
  constructor(readonly options: ReductionOptions = {}) { super(); readReduction('L1Loss', options); }
  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return l1Loss(input, target, this.options); }
}

/** Module form of {@link huberLoss}. PyTorch: `nn.HuberLoss`. */
export class HuberLoss extends nn.Module {
  constructor(readonly options: HuberOptions = {}) { super(); readReduction('HuberLoss', options); }
  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return huberLoss(input, target, this.options); }
}

/** Module form of {@link smoothL1Loss}. PyTorch: `nn.SmoothL1Loss`. */
export class SmoothL1Loss extends nn.Module {
  constructor(readonly options: SmoothL1Options = {}) { super(); readReduction('SmoothL1Loss', options); }
  /** The loss of `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return smoothL1Loss(input, target, this.options); }
}
