// Ranking and metric-learning losses: marginRankingLoss, tripletMarginLoss, cosineEmbeddingLoss (functions and modules).
import { type Tensor, nn, add, clamp, div, eq, minimum, mul, norm, sqrt, sub, sum, where } from '@nn/core';
import { readReduction, reduce, type Reduction, type ReductionOptions } from './reduction.js';
import { checkFloat, checkPlusMinusOne, checkSameShape, checkTensor } from './margin-checks.js';

/** Options of marginRankingLoss. */
export interface MarginRankingOptions extends ReductionOptions {
  /** Margin (default 0). */
  margin?: number;
}

/**
 * max(0, -y·(x1 - x2) + margin) with y ∈ {-1, +1}: y = 1 asks x1 to rank above x2 by the margin, y = -1 the
 * reverse. Use for pairwise ranking (learning to rank, preference pairs). x1, x2 and y share one shape.
 * PyTorch: `torch.nn.functional.margin_ranking_loss(x1, x2, y, margin)` (same gradient on the hinge).
 */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, options: MarginRankingOptions = {}): Tensor {
  const fn = 'marginRankingLoss';
  const reduction = readReduction(fn, options);
  checkFloat(fn, 'input1', input1);
  checkFloat(fn, 'input2', input2);
  checkSameShape(fn, 'input1', input1, 'input2', input2);
  checkTensor(fn, 'target', target);
  checkSameShape(fn, 'input1', input1, 'target', target);
  checkPlusMinusOne(fn, 'target', target);
  const margin = options.margin ?? 0;
  return reduce(clamp(add(mul(target, sub(input2, input1)), margin), 0), reduction);
}

/** Options of tripletMarginLoss. */
export interface TripletMarginOptions extends ReductionOptions {
  /** Margin (default 1). */
  margin?: number;
  /** Norm degree of the pairwise distance (default 2). */
  p?: number;
  /** Added to each difference before the norm, as torch.pairwise_distance (default 1e-6). */
  eps?: number;
  /** Also use the positive-negative distance when smaller (distance swap, Balntas et al. 2016; default false). */
  swap?: boolean;
}

/** ||a - b + eps||_p over the last dim, as torch.pairwise_distance. */
function pairwiseDistance(a: Tensor, b: Tensor, p: number, eps: number): Tensor {
  return norm(add(sub(a, b), eps), p, a.ndim - 1);
}

/**
 * max(0, margin + d(a, p) - d(a, n)) with d(x, y) = ||x - y + eps||_p over the last dim (with swap, d(a, n) is
 * replaced by min(d(a, n), d(p, n))). Use to learn embeddings where an anchor is nearer its positive than its
 * negative by a margin (face recognition, retrieval). Inputs (N, D) or (D), all the same shape.
 * PyTorch: `torch.nn.functional.triplet_margin_loss(a, p, n, margin, p, eps, swap)`.
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options: TripletMarginOptions = {}): Tensor {
  const fn = 'tripletMarginLoss';
  const reduction = readReduction(fn, options);
  checkFloat(fn, 'anchor', anchor);
  checkFloat(fn, 'positive', positive);
  checkFloat(fn, 'negative', negative);
  if (anchor.ndim !== 1 && anchor.ndim !== 2) throw new RangeError(`${fn}: anchor must be (N, D) or (D), got shape [${anchor.shape.join(', ')}]`);
  checkSameShape(fn, 'anchor', anchor, 'positive', positive);
  checkSameShape(fn, 'anchor', anchor, 'negative', negative);
  const margin = options.margin ?? 1, p = options.p ?? 2, eps = options.eps ?? 1e-6;
  if (!(p > 0)) throw new RangeError(`${fn}: p must be positive, got ${p}`);
  const dPos = pairwiseDistance(anchor, positive, p, eps);
  let dNeg = pairwiseDistance(anchor, negative, p, eps);
  if (options.swap === true) dNeg = minimum(dNeg, pairwiseDistance(positive, negative, p, eps));
  return reduce(clamp(sub(add(dPos, margin), dNeg), 0), reduction);
}

/** Options of cosineEmbeddingLoss. */
export interface CosineEmbeddingOptions extends ReductionOptions {
  /** Margin for dissimilar pairs, in [-1, 1] (default 0). */
  margin?: number;
}

/**
 * 1 - cos(x1, x2) where y = 1, max(0, cos(x1, x2) - margin) where y = -1, with cos over the last dim and
 * squared norms padded by 1e-12 (as PyTorch). Use to pull similar pairs' embeddings to the same direction and push
 * dissimilar ones apart. Inputs (N, D) with y (N), or (D) with y ().
 * PyTorch: `torch.nn.functional.cosine_embedding_loss(x1, x2, y, margin)`. Labels other than ±1 are an error.
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, options: CosineEmbeddingOptions = {}): Tensor {
  const fn = 'cosineEmbeddingLoss';
  const reduction = readReduction(fn, options);
  checkFloat(fn, 'input1', input1);
  checkFloat(fn, 'input2', input2);
  checkSameShape(fn, 'input1', input1, 'input2', input2);
  if (input1.ndim !== 1 && input1.ndim !== 2) throw new RangeError(`${fn}: inputs must be (N, D) or (D), got shape [${input1.shape.join(', ')}]`);
  checkTensor(fn, 'target', target);
  if (target.ndim !== input1.ndim - 1 || (target.ndim === 1 && target.shape[0] !== input1.shape[0])) {
    throw new RangeError(`${fn}: target shape [${target.shape.join(', ')}] does not fit input shape [${input1.shape.join(', ')}] (expected [${input1.shape.slice(0, -1).join(', ')}])`);
  }
  checkPlusMinusOne(fn, 'target', target);
  const margin = options.margin ?? 0;
  const d = input1.ndim - 1;
  const EPSILON = 1e-12;
  const dot = sum(mul(input1, input2), d);
  const denom = sqrt(mul(add(sum(mul(input1, input1), d), EPSILON), add(sum(mul(input2, input2), d), EPSILON)));
  const cos = div(dot, denom);
  return reduce(where(eq(target, 1), sub(1, cos), clamp(sub(cos, margin), 0)), reduction);
}

/** Module form of {@link marginRankingLoss}; PyTorch `nn.MarginRankingLoss`. */
export class MarginRankingLoss extends nn.Module {
  readonly reduction: Reduction;
  readonly margin: number;
  constructor(options: MarginRankingOptions = {}) {
    super();
    this.reduction = readReduction('MarginRankingLoss', options);
    this.margin = options.margin ?? 0;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return marginRankingLoss(input1, input2, target, { reduction: this.reduction, margin: this.margin });
  }
}

/** Module form of {@link tripletMarginLoss}; PyTorch `nn.TripletMarginLoss`. */
export class TripletMarginLoss extends nn.Module {
  readonly reduction: Reduction;
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;
  constructor(options: TripletMarginOptions = {}) {
    super();
    this.reduction = readReduction('TripletMarginLoss', options);
    this.margin = options.margin ?? 1;
    this.p = options.p ?? 2;
    this.eps = options.eps ?? 1e-6;
    this.swap = options.swap ?? false;
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return tripletMarginLoss(anchor, positive, negative, { reduction: this.reduction, margin: this.margin, p: this.p, eps: this.eps, swap: this.swap });
  }
}

/** Module form of {@link cosineEmbeddingLoss}; PyTorch `nn.CosineEmbeddingLoss`. */
export class CosineEmbeddingLoss extends nn.Module {
  readonly reduction: Reduction;
  readonly margin: number;
  constructor(options: CosineEmbeddingOptions = {}) {
    super();
    this.reduction = readReduction('CosineEmbeddingLoss', options);
    this.margin = options.margin ?? 0;
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return cosineEmbeddingLoss(input1, input2, target, { reduction: this.reduction, margin: this.margin });
  }
}
