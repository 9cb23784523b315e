// Multi-class margin losses on class-index targets: multiMarginLoss (PyTorch), multiClassHingeLoss and softHingeLoss (lecture forms).
import { type Tensor, nn, add, amax, arange, div, eq, gather, indexSelect, mul, relu, reshape, sub, sum, where } from '@nn/core';
import { readReduction, reduce, type Reduction, type ReductionOptions } from './reduction.js';
import { checkClassTargets, checkFloat, checkNoNaN, stableSoftplus } from './margin-checks.js';

// Shapes: N = batch, C = classes. Scores (N, C) or (C); targets int32 (N) or ().

/** Scores as (N, C) and targets as (N, 1), whatever the input's rank (1-D input is one row). */
function rows(input: Tensor, target: Tensor): [Tensor, Tensor] {
  const c = input.shape[input.ndim - 1]!;
  const n = input.ndim === 2 ? input.shape[0]! : 1;
  return [reshape(input, [n, c]), reshape(target, [n, 1])];
}

/** Bool (N, C): true at each row's target class. */
function targetMask(t: Tensor, c: number): Tensor {
  return eq(reshape(arange(0, c, 1, { dtype: 'int32' }), [1, c]), t);
}

/** Per-row losses (N) back to the input's batch shape: (N) for 2-D input, () for 1-D. */
function unrow(perRow: Tensor, input: Tensor): Tensor {
  return input.ndim === 2 ? perRow : reshape(perRow, []);
}

/** Options of multiMarginLoss. */
export interface MultiMarginOptions extends ReductionOptions {
  /** 1 (default) or 2: the power of each hinge term. */
  p?: 1 | 2;
  /** Margin (default 1). */
  margin?: number;
  /** Per-class weights (C), applied by the target class. */
  weight?: Tensor | null;
}

/**
 * Multi-class hinge summed over every wrong class, as PyTorch: for row x with target t,
 * loss = Σ_{j≠t} w[t]·max(0, margin - x[t] + x[j])^p / C. Use for a multi-class SVM (Weston-Watkins form).
 * PyTorch: `torch.nn.functional.multi_margin_loss(x, t, p, margin, weight)` (the gradient is 0 at a term exactly on
 * the margin, as PyTorch's kernel). Throws for an out-of-range class (index, class count and position), non-int32
 * targets, target shape not fitting the input, p other than 1 or 2, a weight of the wrong length.
 */
export function multiMarginLoss(input: Tensor, target: Tensor, options: MultiMarginOptions = {}): Tensor {
  const fn = 'multiMarginLoss';
  const reduction = readReduction(fn, options);
  const c = checkClassTargets(fn, input, target);
  const p = options.p ?? 1;
  if (p !== 1 && p !== 2) throw new RangeError(`${fn}: p must be 1 or 2, got ${String(p)}`);
  const margin = options.margin ?? 1;
  const weight = options.weight ?? null;
  if (weight !== null) {
    checkFloat(fn, 'weight', weight);
    if (weight.ndim !== 1 || weight.shape[0] !== c) throw new RangeError(`${fn}: weight shape [${weight.shape.join(', ')}] does not match the ${c} classes of input shape [${input.shape.join(', ')}]`);
    checkNoNaN(fn, 'weight', weight);
  }
  const [x, t] = rows(input, target);
  const xt = gather(x, 1, t); // (N, 1)
  // max(0, (margin - x[t]) + x[j]) in PyTorch's order of rounding; gradient 0 at 0, as its kernel's z > 0.
  const z = relu(add(sub(margin, xt), x));
  const h = p === 2 ? mul(z, z) : z;
  let perRow = div(sum(where(targetMask(t, c), 0, h), 1), c); // (N)
  if (weight !== null) perRow = mul(perRow, indexSelect(weight, 0, reshape(t, [t.shape[0]!])));
  return reduce(unrow(perRow, input), reduction);
}

/** Options of multiClassHingeLoss. */
export interface MultiClassHingeOptions extends ReductionOptions {
  /** Margin Δ (default 1). */
  margin?: number;
}

/** Highest wrong-class score per row (N, 1); ties share the gradient. */
function bestWrong(x: Tensor, t: Tensor, c: number): Tensor {
  // @nn/core's amax refuses any empty tensor (PyTorch reduces (0, C) over dim 1 to (0)): an empty batch, kept in the graph.
  if (x.shape[0] === 0) return mul(sum(x, 1, true), 0);
  return amax(where(targetMask(t, c), -Infinity, x), 1, true);
}

/**
 * Multi-class hinge on the highest-scoring wrong class only (Crammer-Singer / the lecture form):
 * loss = max(0, Δ + max_{k≠t} ŷ_k - ŷ_t). Use when only the strongest competitor should be pushed below the target
 * by a margin. Subgradient 0 on the hinge; ties among the best wrong classes share the gradient. No PyTorch
 * function (compare `multi_margin_loss`, which sums over all wrong classes). Needs C ≥ 2.
 */
export function multiClassHingeLoss(input: Tensor, target: Tensor, options: MultiClassHingeOptions = {}): Tensor {
  const fn = 'multiClassHingeLoss';
  const reduction = readReduction(fn, options);
  const c = checkClassTargets(fn, input, target, 2);
  const margin = options.margin ?? 1;
  const [x, t] = rows(input, target);
  const loss = relu(sub(bestWrong(x, t, c), sub(gather(x, 1, t), margin))); // (N, 1)
  return reduce(unrow(reshape(loss, [loss.shape[0]!]), input), reduction);
}

/**
 * Soft hinge: the log loss log(1 + exp(-(ŷ_t - ŷ_k))) against the highest-scoring wrong class k, a smooth version
 * of {@link multiClassHingeLoss} (binary logistic loss of the target against its strongest competitor). Computed
 * stably (finite for |ŷ| = 1e4). Same targets as multiClassHingeLoss; no PyTorch function. Needs C ≥ 2.
 */
export function softHingeLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const fn = 'softHingeLoss';
  const reduction = readReduction(fn, options);
  const c = checkClassTargets(fn, input, target, 2);
  const [x, t] = rows(input, target);
  const loss = stableSoftplus(sub(bestWrong(x, t, c), gather(x, 1, t))); // (N, 1)
  return reduce(unrow(reshape(loss, [loss.shape[0]!]), input), reduction);
}

/** Module form of {@link multiMarginLoss}; PyTorch `nn.MultiMarginLoss`. The weight is kept as a buffer. */
export class MultiMarginLoss extends nn.Module {
  readonly reduction: Reduction;
  readonly p: 1 | 2;
  readonly margin: number;
  readonly weight: Tensor | null = null;
  constructor(options: MultiMarginOptions = {}) {
    super();
    this.reduction = readReduction('MultiMarginLoss', options);
    this.p = options.p ?? 1;
    if (this.p !== 1 && this.p !== 2) throw new RangeError(`MultiMarginLoss: p must be 1 or 2, got ${String(this.p)}`);
    this.margin = options.margin ?? 1;
    if (options.weight) this.registerBuffer('weight', options.weight);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, { reduction: this.reduction, p: this.p, margin: this.margin, weight: this.weight });
  }
}

/** Module form of {@link multiClassHingeLoss}. */
export class MultiClassHingeLoss extends nn.Module {
  readonly reduction: Reduction;
  readonly margin: number;
  constructor(options: MultiClassHingeOptions = {}) {
    super();
    this.reduction = readReduction('MultiClassHingeLoss', options);
    this.margin = options.margin ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return multiClassHingeLoss(input, target, { reduction: this.reduction, margin: this.margin });
  }
}

/** Module form of {@link softHingeLoss}. */
export class SoftHingeLoss extends nn.Module {
  readonly reduction: Reduction;
  constructor(options: ReductionOptions = {}) { super(); this.reduction = readReduction('SoftHingeLoss', options); }
  forward(input: Tensor, target: Tensor): Tensor { return softHingeLoss(input, target, { reduction: this.reduction }); }
}

