// Multi-class losses on logits and log-probabilities: crossEntropy (fused core kernel on index targets) and nllLoss.
import {
  Tensor, add, crossEntropyFromLogits, div, gather, logSoftmax, mul, neg, nn, permute, reshape, sum, tensor,
} from '@nn/core';
import { checkFloatTensor, checkNoNaN, fmtShape, positionOf, sameShape } from './input-checks.js';
import { type Reduction, type ReductionOptions, readReduction, reduce } from './reduction.js';

/** Options of {@link nllLoss}. */
export interface NLLOptions extends ReductionOptions {
  /** Per-class weights, shape (C), same dtype as the input; no gradient flows into them. */
  weight?: Tensor;
  /** Positions whose target equals this contribute 0 and leave the mean's denominator (default -100). */
  ignoreIndex?: number;
}

/** Options of {@link crossEntropy}. */
export interface CrossEntropyLossOptions extends NLLOptions {
  /** ε in [0, 1]: the target becomes (1 - ε) target + ε / C on every class (default 0). */
  labelSmoothing?: number;
}

/** The class count of an input (C), (N, C) or (N, C, d1, ...), after checking it is a float tensor of rank ≥ 1. */
function classCount(fn: string, input: unknown): number {
  checkFloatTensor(fn, 'input', input);
  if (input.ndim < 1) throw new RangeError(`${fn}: input must be (C), (N, C) or (N, C, d1, ...), got a 0-d tensor`);
  const c = input.ndim === 1 ? input.shape[0]! : input.shape[1]!;
  if (c < 1) throw new RangeError(`${fn}: input shape ${fmtShape(input.shape)} has no classes (C must be at least 1)`);
  return c;
}

/** input as (M, C) rows, classes last: (C) -> (1, C); (N, C) as is; (N, C, d1..) -> (N·d1·.., C). */
function rowsOf(input: Tensor): Tensor {
  if (input.ndim === 1) return reshape(input, [1, input.shape[0]!]);
  if (input.ndim === 2) return input;
  const dims = [0, ...Array.from({ length: input.ndim - 2 }, (_, i) => i + 2), 1];
  return reshape(permute(input, dims), [-1, input.shape[1]!]);
}

/** The per-position shape of an input: [] for (C), [N, d1, ...] otherwise. */
const positionShape = (input: Tensor): number[] => (input.ndim === 1 ? [] : [input.shape[0]!, ...input.shape.slice(2)]);

/** Class-index targets as int32 values, checked for shape and range (naming the index, C and its position). */
function indexTargets(fn: string, input: Tensor, target: Tensor, c: number, ignoreIndex: number): Int32Array {
  if (target.dtype !== 'int32') throw new TypeError(`${fn}: class-index target must be int32, got ${target.dtype}`);
  const expected = positionShape(input);
  if (!sameShape(target.shape, expected)) {
    throw new RangeError(`${fn}: target shape ${fmtShape(target.shape)} does not match input shape ${fmtShape(input.shape)} (expected ${fmtShape(expected)} of class indices)`);
  }
  // Contiguous targets are read in place (checking needs no copy).
  const t = (target.isContiguous() ? target.data.subarray(target.offset, target.offset + target.numel()) : target.toFlatArray()) as Int32Array;
  for (let i = 0; i < t.length; i++) {
    const k = t[i]!;
    if (k !== ignoreIndex && (k < 0 || k >= c)) {
      throw new RangeError(`${fn}: target ${k} at position ${positionOf(i, target.shape)} is out of range for ${c} classes (valid 0..${c - 1}, ignoreIndex ${ignoreIndex})`);
    }
  }
  return t;
}

function checkClassWeight(fn: string, weight: unknown, input: Tensor, c: number): asserts weight is Tensor {
  checkFloatTensor(fn, 'weight', weight);
  if (weight.dtype !== input.dtype) throw new TypeError(`${fn}: weight dtype ${weight.dtype} does not match input dtype ${input.dtype}`);
  if (weight.ndim !== 1 || weight.shape[0] !== c) {
    throw new RangeError(`${fn}: weight shape ${fmtShape(weight.shape)} does not match the ${c} classes of input shape ${fmtShape(input.shape)} (expected [${c}])`);
  }
  checkNoNaN(fn, 'weight', weight);
}

function readIgnoreIndex(fn: string, opts: NLLOptions): number {
  const ignoreIndex = opts.ignoreIndex ?? -100;
  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`${fn}: ignoreIndex must be an integer, got ${ignoreIndex}`);
  return ignoreIndex;
}

/**
 * Negative log-likelihood of log-probabilities x (C), (N, C) or (N, C, d1, ...) against int32 class indices t of
 * shape (), (N) or (N, d1, ...): ℓ_i = -w[t_i] x[i, t_i], 0 where t_i = ignoreIndex. 'mean' is Σ ℓ_i / Σ w[t_i] over
 * positions not ignored, NaN when every position is ignored (PyTorch does the same; the gradient is then 0).
 * Use after a logSoftmax (or prefer {@link crossEntropy} on logits). PyTorch: `F.nll_loss` / `nn.NLLLoss`.
 */
export function nllLoss(input: Tensor, target: Tensor, opts: NLLOptions = {}): Tensor {
  const fn = 'nllLoss';
  const reduction = readReduction(fn, opts);
  const c = classCount(fn, input);
  if (!(target instanceof Tensor)) throw new TypeError(`${fn}: target must be a Tensor, got ${typeof target}`);
  const ignoreIndex = readIgnoreIndex(fn, opts);
  if (opts.weight !== undefined) checkClassWeight(fn, opts.weight, input, c);
  const t = indexTargets(fn, input, target, c, ignoreIndex);
  const w = opts.weight?.toFlatArray();
  const rows = t.length;
  const safe = new Int32Array(rows);
  const rowWeight: number[] = new Array<number>(rows);
  let denominator = 0;
  for (let i = 0; i < rows; i++) {
    const k = t[i]!;
    const ignored = k === ignoreIndex;
    safe[i] = ignored ? 0 : k;
    rowWeight[i] = ignored ? 0 : w === undefined ? 1 : w[k]!;
    denominator += rowWeight[i]!;
  }
  const picked = reshape(gather(rowsOf(input), 1, tensor(safe, { dtype: 'int32', shape: [rows, 1] })), [rows]);
  const losses = neg(mul(picked, tensor(rowWeight, { dtype: input.dtype, shape: [rows] })));
  return reduceRows(losses, reduction, denominator, positionShape(input));
}

/** Per-row losses reduced as PyTorch's weighted mean; the all-ignored mean is NaN with a zero (not NaN) gradient. */
function reduceRows(losses: Tensor, reduction: Reduction, denominator: number, shape: number[]): Tensor {
  if (reduction === 'none') return reshape(losses, shape);
  const total = sum(losses);
  if (reduction === 'sum') return total;
  return denominator === 0 ? add(mul(total, 0), NaN) : div(total, denominator);
}

/**
 * Softmax cross-entropy of logits x (C), (N, C) or (N, C, d1, ...) (classes on dim 1) against either int32 class
 * indices (shape (), (N) or (N, d1, ...)) or class probabilities (float, x's shape). With index t:
 * ℓ_i = (1 - ε) w[t] (lse_i - x[i, t]) + ε / C Σ_c w[c] (lse_i - x[i, c]), 'mean' divides by Σ w[t_i] over
 * positions not ignored (NaN if all are ignored, as PyTorch). With probabilities p: ℓ_i = -Σ_c w[c] p'_ic log softmax(x)_ic,
 * p' = (1 - ε) p + ε / C, and 'mean' divides by the number of positions. The index path runs @nn/core's fused
 * `crossEntropyFromLogits` (dims after C are moved before it first); the probability path is logSoftmax composed.
 * The standard classification loss. PyTorch: `F.cross_entropy` / `nn.CrossEntropyLoss`.
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyLossOptions = {}): Tensor {
  const fn = 'crossEntropy';
  const reduction = readReduction(fn, opts);
  const c = classCount(fn, input);
  if (!(target instanceof Tensor)) throw new TypeError(`${fn}: target must be a Tensor, got ${typeof target}`);
  const ignoreIndex = readIgnoreIndex(fn, opts);
  const labelSmoothing = opts.labelSmoothing ?? 0;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new RangeError(`${fn}: labelSmoothing must be between 0 and 1, got ${labelSmoothing}`);
  }
  if (opts.weight !== undefined) checkClassWeight(fn, opts.weight, input, c);
  if (target.dtype === 'float32' || target.dtype === 'float64') {
    return probabilityCrossEntropy(input, target, opts.weight, labelSmoothing, reduction, opts.ignoreIndex);
  }
  if (target.dtype !== 'int32') {
    throw new TypeError(`${fn}: target must be int32 class indices or float class probabilities of input shape ${fmtShape(input.shape)}, got dtype ${target.dtype} shape ${fmtShape(target.shape)}`);
  }
  const t = indexTargets(fn, input, target, c, ignoreIndex);
  // A (N) target of an (N, C) input goes through as it is: the per-step copy showed in small training steps.
  const flatTarget = input.ndim === 2 ? target : tensor(t, { dtype: 'int32', shape: [t.length] });
  const ceOpts = { ignoreIndex, labelSmoothing, reduction, ...(opts.weight === undefined ? {} : { weight: opts.weight }) };
  const out = crossEntropyFromLogits(rowsOf(input), flatTarget, ceOpts);
  return reduction === 'none' ? reshape(out, positionShape(input)) : out;
}

function probabilityCrossEntropy(input: Tensor, target: Tensor, weight: Tensor | undefined, eps: number, reduction: Reduction,
  ignoreIndex: number | undefined): Tensor {
  const fn = 'crossEntropy';
  if (ignoreIndex !== undefined && ignoreIndex >= 0) throw new RangeError(`${fn}: ignoreIndex (${ignoreIndex}) applies only to class-index targets, not to float probability targets`);
  if (target.dtype !== input.dtype) throw new TypeError(`${fn}: probability target dtype ${target.dtype} does not match input dtype ${input.dtype}`);
  if (!sameShape(target.shape, input.shape)) {
    throw new RangeError(`${fn}: probability target shape ${fmtShape(target.shape)} does not match input shape ${fmtShape(input.shape)} (float targets are class probabilities of the input's shape; use int32 for class indices)`);
  }
  checkNoNaN(fn, 'target', target);
  const classDim = input.ndim === 1 ? 0 : 1;
  const c = input.shape[classDim]!;
  const p = eps > 0 ? add(mul(target, 1 - eps), eps / c) : target;
  let prod = mul(logSoftmax(input, classDim), p);
  if (weight !== undefined) prod = mul(prod, input.ndim > 2 ? reshape(weight, [c, ...input.shape.slice(2).map(() => 1)]) : weight);
  return reduce(neg(sum(prod, classDim)), reduction);
}

/** Module form of {@link crossEntropy}. PyTorch: `nn.CrossEntropyLoss`. */
export class CrossEntropyLoss extends nn.Module {
  constructor(readonly options: CrossEntropyLossOptions = {}) { super(); readReduction('CrossEntropyLoss', options); }
  /** The loss of logits `input` against class indices or probabilities `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return crossEntropy(input, target, this.options); }
}

/** Module form of {@link nllLoss}. PyTorch: `nn.NLLLoss`. */
export class NLLLoss extends nn.Module {
  constructor(readonly options: NLLOptions = {}) { super(); readReduction('NLLLoss', options); }
  /** The loss of log-probabilities `input` against class indices `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return nllLoss(input, target, this.options); }
}
