// Binary margin losses on ±1 labels: hingeLoss, squaredHinge, hingeEmbeddingLoss, softMarginLoss (functions and modules).
import { type Tensor, nn, clamp, mul, relu, sub, where, eq, neg } from '@nn/core';
import { readReduction, reduce, type Reduction, type ReductionOptions } from './reduction.js';
import { checkFloat, checkPlusMinusOne, checkSameShape, checkTensor, stableSoftplus } from './margin-checks.js';

function checkBinary(fn: string, input: Tensor, target: Tensor): void {
  checkFloat(fn, 'input', input);
  checkTensor(fn, 'target', target);
  checkSameShape(fn, 'input', input, 'target', target);
  checkPlusMinusOne(fn, 'target', target);
}

/**
 * Binary hinge loss max(0, 1 - y·ŷ) on scores ŷ and labels y ∈ {-1, +1} of the same shape (the SVM loss).
 * Use for a max-margin binary classifier on raw scores. The subgradient at the hinge (y·ŷ = 1) is 0.
 * No direct PyTorch function: equals `torch.clamp(1 - y * x, min=0)` up to that subgradient.
 * Throws for labels other than ±1 (naming value and position), NaN labels, shape mismatch, unknown reduction.
 */
export function hingeLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = readReduction('hingeLoss', options);
  checkBinary('hingeLoss', input, target);
  return reduce(relu(sub(1, mul(target, input))), reduction);
}

/**
 * Squared hinge max(0, 1 - y·ŷ)² with y ∈ {-1, +1}: smooth at the hinge, penalises margin violations quadratically
 * (the L2-SVM loss). No direct PyTorch function: `torch.clamp(1 - y * x, min=0) ** 2`.
 */
export function squaredHinge(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = readReduction('squaredHinge', options);
  checkBinary('squaredHinge', input, target);
  const h = relu(sub(1, mul(target, input)));
  return reduce(mul(h, h), reduction);
}

/** Options of hingeEmbeddingLoss. */
export interface HingeEmbeddingOptions extends ReductionOptions {
  /** Margin Δ for the y = -1 terms (default 1). */
  margin?: number;
}

/**
 * x where y = 1, max(0, Δ - x) where y = -1: for x a distance between a pair, small for similar pairs (y = 1) and
 * at least Δ for dissimilar ones (y = -1). Use for learning embeddings or semi-supervised similarity.
 * PyTorch: `torch.nn.functional.hinge_embedding_loss(x, y, margin)` (same gradient at x = Δ). Unlike PyTorch, labels
 * other than ±1 are an error rather than summing both branches.
 */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, options: HingeEmbeddingOptions = {}): Tensor {
  const reduction = readReduction('hingeEmbeddingLoss', options);
  checkBinary('hingeEmbeddingLoss', input, target);
  const margin = options.margin ?? 1;
  // clamp (not relu) so the gradient flows at x = Δ exactly as PyTorch's clamp_min does.
  const dissimilar = clamp(sub(margin, input), 0);
  return reduce(where(eq(target, 1), input, dissimilar), reduction);
}

/**
 * log(1 + e^(-y·x)) with y ∈ {-1, +1}: the logistic loss on ±1 labels (a smooth hinge). Computed stably, so
 * |x| = 1e4 gives a finite loss and gradient. PyTorch: `torch.nn.functional.soft_margin_loss` (which overflows to
 * inf for -y·x ≳ 89 in float32; here the exact value).
 */
export function softMarginLoss(input: Tensor, target: Tensor, options: ReductionOptions = {}): Tensor {
  const reduction = readReduction('softMarginLoss', options);
  checkBinary('softMarginLoss', input, target);
  return reduce(stableSoftplus(neg(mul(target, input))), reduction);
}

/** Module form of {@link hingeLoss}. */
export class HingeLoss extends nn.Module {
  readonly reduction: Reduction;
  constructor(options: ReductionOptions = {}) { super(); this.reduction = readReduction('HingeLoss', options); }
  forward(input: Tensor, target: Tensor): Tensor { return hingeLoss(input, target, { reduction: this.reduction }); }
}

/** Module form of {@link squaredHinge}. */
export class SquaredHingeLoss extends nn.Module {
  readonly reduction: Reduction;
  constructor(options: ReductionOptions = {}) { super(); this.reduction = readReduction('SquaredHingeLoss', options); }
  forward(input: Tensor, target: Tensor): Tensor { return squaredHinge(input, target, { reduction: this.reduction }); }
}

/** Module form of {@link hingeEmbeddingLoss}; PyTorch `nn.HingeEmbeddingLoss`. */
export class HingeEmbeddingLoss extends nn.Module {
  readonly reduction: Reduction;
  readonly margin: number;
  constructor(options: HingeEmbeddingOptions = {}) {
    super();
    this.reduction = readReduction('HingeEmbeddingLoss', options);
    this.margin = options.margin ?? 1;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return hingeEmbeddingLoss(input, target, { reduction: this.reduction, margin: this.margin });
  }
}

/** Module form of {@link softMarginLoss}; PyTorch `nn.SoftMarginLoss`. */
export class SoftMarginLoss extends nn.Module {
  readonly reduction: Reduction;
  constructor(options: ReductionOptions = {}) { super(); this.reduction = readReduction('SoftMarginLoss', options); }
  forward(input: Tensor, target: Tensor): Tensor { return softMarginLoss(input, target, { reduction: this.reduction }); }
}
