// Information measures as utilities: entropy and cross-entropy of probability distributions, in nats or bits.
import { Tensor, div, gt, log, mul, sub, sum, tensor, where } from '@nn/core';
import { checkSameShape } from './margin-checks.js';

/** Options of entropy and crossEntropyOfDistributions. */
export interface InformationOptions {
  /** Unit of the result: 'nats' (natural log, default) or 'bits' (log base 2). */
  base?: 'nats' | 'bits';
  /** Dimension holding the distribution (default -1, the last). */
  dim?: number;
}

function asTensor(fn: string, name: string, p: Tensor | readonly number[]): Tensor {
  const t = p instanceof Tensor ? p : tensor(Array.from(p), { dtype: 'float64' });
  if (t.dtype !== 'float32' && t.dtype !== 'float64') throw new TypeError(`${fn}: ${name} must be float32 or float64, got ${t.dtype}`);
  if (t.ndim === 0) throw new RangeError(`${fn}: ${name} must have at least one dimension (a distribution), got a scalar`);
  return t;
}

function checkProbabilities(fn: string, name: string, p: Tensor): void {
  const v = p.toFlatArray();
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isNaN(x) || x < 0 || x > 1) throw new RangeError(`${fn}: ${name} must hold probabilities in [0, 1], got ${x} at flat position ${i}`);
  }
}

function readOptions(fn: string, t: Tensor, options: InformationOptions): { dim: number; scale: number } {
  const base = options.base ?? 'nats';
  if (base !== 'nats' && base !== 'bits') throw new RangeError(`${fn}: unknown base '${String(base)}' (expected 'nats' or 'bits')`);
  const d = options.dim ?? -1;
  const dim = d < 0 ? d + t.ndim : d;
  if (!Number.isInteger(dim) || dim < 0 || dim >= t.ndim) throw new RangeError(`${fn}: dim ${d} is out of range for shape [${t.shape.join(', ')}]`);
  return { dim, scale: base === 'bits' ? Math.LN2 : 1 };
}

/** p · log(q) with 0 · log(anything) = 0, and no NaN in the gradient where p = 0. */
function plogq(p: Tensor, q: Tensor): Tensor {
  const live = gt(p, 0);
  const safeQ = where(live, q, 1); // keeps log finite where the term is dropped
  return where(live, mul(p, log(safeQ)), 0);
}

/**
 * Shannon entropy H(p) = -Σ p log p along `dim` (default last), with 0 log 0 = 0, in nats or bits
 * (`{ base: 'bits' }`). A 1-D p gives a scalar. Values must lie in [0, 1]; rows are not renormalised. Differentiable;
 * the gradient is taken as 0 at p = 0. PyTorch: `torch.distributions.Categorical(probs=p).entropy()` (nats).
 * Example: entropy of (26/30, 4/30) is 0.5665 bits.
 */
export function entropy(p: Tensor | readonly number[], options: InformationOptions = {}): Tensor {
  const fn = 'entropy';
  const t = asTensor(fn, 'p', p);
  const { dim, scale } = readOptions(fn, t, options);
  checkProbabilities(fn, 'p', t);
  const h = sub(0, sum(plogq(t, t), dim)); // 0 - x, not -x: a certain event has entropy +0, not -0
  return scale === 1 ? h : div(h, scale);
}

/**
 * Cross-entropy of distributions H(p, q) = -Σ p log q along `dim` (default last), p the true distribution and q the
 * model's, with 0 log q = 0; +inf where q = 0 under p > 0. In nats or bits. Example: p = [1, 0], q = [0.9, 0.1] gives
 * 0.105 nats. Use to score predicted probabilities (not logits: see crossEntropy for those). PyTorch:
 * `-(p * q.log()).sum(-1)`.
 */
export function crossEntropyOfDistributions(p: Tensor | readonly number[], q: Tensor | readonly number[], options: InformationOptions = {}): Tensor {
  const fn = 'crossEntropyOfDistributions';
  const tp = asTensor(fn, 'p', p), tq = asTensor(fn, 'q', q);
  checkSameShape(fn, 'p', tp, 'q', tq);
  const { dim, scale } = readOptions(fn, tp, options);
  checkProbabilities(fn, 'p', tp);
  checkProbabilities(fn, 'q', tq);
  const h = sub(0, sum(plogq(tp, tq), dim));
  return scale === 1 ? h : div(h, scale);
}
