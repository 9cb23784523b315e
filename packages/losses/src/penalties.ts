// Regularization terms over parameter lists: l1Penalty, l2Penalty, elasticNetPenalty (add them to a loss).
import { Tensor, nn, abs, add, mul, sum, zeros } from '@nn/core';

/** Parameters to penalise: a list of tensors, or a Module (its parameters()). */
export type PenaltyParams = Iterable<Tensor> | nn.Module;

function list(fn: string, params: PenaltyParams): Tensor[] {
  const ts = params instanceof nn.Module ? params.parameters() : Array.from(params);
  ts.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw new TypeError(`${fn}: parameter ${i} is not a Tensor (${typeof t})`);
    if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${fn}: parameter ${i} must be float32 or float64, got ${t.dtype} (shape [${t.shape.join(', ')}])`);
  });
  return ts;
}

function total(terms: Tensor[]): Tensor {
  if (terms.length === 0) return zeros([]);
  return terms.reduce((a, b) => add(a, b));
}

/**
 * L1 penalty Σ_i Σ |w_i| over every parameter: add `lambda * l1Penalty(model)` to a loss for sparse weights (lasso).
 * The subgradient at w = 0 is 0. A scalar; 0 for an empty list. PyTorch: `sum(p.abs().sum() for p in params)`.
 */
export function l1Penalty(params: PenaltyParams): Tensor {
  return total(list('l1Penalty', params).map((t) => sum(abs(t))));
}

/**
 * L2 penalty Σ_i Σ w_i² (the squared Frobenius norm, no 1/2) over every parameter: add `lambda * l2Penalty(model)`
 * to a loss for ridge / Tikhonov regularization. Its gradient is 2w, so SGD weight decay `wd` (the optimizer adding
 * wd·w to each gradient, as torch.optim.SGD's weight_decay) equals adding `wd / 2 * l2Penalty(params)` to the loss;
 * for Adam that equivalence holds only for L2-in-the-loss Adam, not AdamW's decoupled decay.
 * PyTorch: `sum(p.pow(2).sum() for p in params)`.
 */
export function l2Penalty(params: PenaltyParams): Tensor {
  return total(list('l2Penalty', params).map((t) => sum(mul(t, t))));
}

/** Coefficients of elasticNetPenalty. */
export interface ElasticNetOptions {
  /** Weight of the L1 term (default 0). */
  l1?: number;
  /** Weight of the L2 term (default 0). */
  l2?: number;
}

/**
 * Elastic net l1·Σ|w| + l2·Σw² over every parameter: sparsity with the grouping stability of ridge. Coefficients
 * must be finite and ≥ 0. (scikit-learn's alpha, l1_ratio map to l1 = alpha·l1_ratio, l2 = alpha·(1 - l1_ratio)/2.)
 */
export function elasticNetPenalty(params: PenaltyParams, options: ElasticNetOptions = {}): Tensor {
  const fn = 'elasticNetPenalty';
  const l1 = options.l1 ?? 0, l2 = options.l2 ?? 0;
  for (const [k, v] of [['l1', l1], ['l2', l2]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${fn}: ${k} must be a finite number >= 0, got ${v}`);
  }
  const ts = list(fn, params);
  return add(mul(l1Penalty(ts), l1), mul(l2Penalty(ts), l2));
}
