// crossEntropyFromLogits: softmax cross-entropy of (N, C) logits against int32 class targets, with PyTorch's
// weight / ignore_index / label_smoothing / reduction semantics; one fused pass forward and one backward.
import { defineOp } from '../autograd/function.js';
import { crossEntropyBackwardRows, crossEntropyForwardRows, type FloatArray } from '../backend/reference-xent.js';
import { getBackend } from '../backend/select.js';
import { allocate, allocateUninitialized } from '../tensor/dtype.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { contiguousData, copyAs } from './compute.js';

/** How per-row losses are combined. */
export type CrossEntropyReduction = 'none' | 'mean' | 'sum';

/** Options of {@link crossEntropyFromLogits}, as the keywords of PyTorch's `cross_entropy`. */
export interface CrossEntropyOptions {
  /** Per-class weights, shape (C), same dtype as the logits. They scale each row's loss; no gradient flows into them. */
  weight?: Tensor;
  /** Rows whose target equals this contribute 0 and are left out of the mean's denominator (default -100). */
  ignoreIndex?: number;
  /** ε in [0, 1]: the target distribution becomes (1 - ε) one-hot + ε / C on every class (default 0). */
  labelSmoothing?: number;
  /**
   * 'mean' (default): Σ loss / Σ weight[target] over rows that are not ignored (NaN when every row is ignored, as in
   * PyTorch); 'sum': Σ loss; 'none': the (N) per-row losses.
   */
  reduction?: CrossEntropyReduction;
}

interface Params {
  target: Int32Array;
  weight: FloatArray | null;
  ignoreIndex: number;
  labelSmoothing: number;
  reduction: CrossEntropyReduction;
  /** Σ weight[target] over kept rows: the mean's denominator. */
  denominator: number;
}

const FN = 'crossEntropyFromLogits';
const REDUCTIONS: readonly string[] = ['none', 'mean', 'sum'];

const crossEntropyOp = defineOp<Params>({
  name: FN,
  forward: ([x], p) => {
    const [n, c] = x!.shape as [number, number];
    const data = contiguousData(x!) as FloatArray;
    const loss = allocate(x!.dtype as 'float32' | 'float64', n), stats = allocate(x!.dtype as 'float32' | 'float64', 2 * n);
    if (x!.dtype === 'float32') {
      getBackend().crossEntropyForwardF32(n, c, data as Float32Array, p.target, p.weight as Float32Array | null,
        p.ignoreIndex, p.labelSmoothing, loss as Float32Array, stats as Float32Array);
    } else {
      crossEntropyForwardRows(n, c, data, p.target, p.weight, p.ignoreIndex, p.labelSmoothing, loss, stats);
    }
    if (p.reduction === 'none') return { output: new Tensor(loss, x!.dtype, [n]), saved: stats };
    let total = 0;
    for (let i = 0; i < n; i++) total += loss[i]!;
    const out = allocate(x!.dtype as 'float32' | 'float64', 1);
    out[0] = p.reduction === 'mean' ? total / p.denominator : total;
    return { output: new Tensor(out, x!.dtype, []), saved: stats };
  },
  backward: (g, { inputs: [x], params: p, saved }) => {
    const [n, c] = x!.shape as [number, number];
    const dtype = x!.dtype as 'float32' | 'float64';
    // The gradient reaching each row's loss: g itself for 'none', g (or g / denominator) shared by all rows otherwise.
    const gradLoss = allocate(dtype, n);
    if (p.reduction === 'none') {
      gradLoss.set(copyAs(g, dtype).data as FloatArray);
    } else {
      const v = g.item();
      gradLoss.fill(p.reduction === 'mean' ? v / p.denominator : v);
    }
    // Both kernels write every row (zeros for ignored ones).
    const gradX = allocateUninitialized(dtype, n * c);
    const data = contiguousData(x!) as FloatArray;
    const stats = saved as FloatArray;
    if (dtype === 'float32') {
      getBackend().crossEntropyBackwardF32(n, c, data as Float32Array, p.target, p.weight as Float32Array | null,
        p.ignoreIndex, p.labelSmoothing, stats as Float32Array, gradLoss as Float32Array, gradX as Float32Array);
    } else {
      crossEntropyBackwardRows(n, c, data, p.target, p.weight, p.ignoreIndex, p.labelSmoothing, stats, gradLoss, gradX);
    }
    return [new Tensor(gradX, dtype, [n, c])];
  },
});

function checkWeight(weight: Tensor, logits: Tensor, c: number): FloatArray {
  if (!(weight instanceof Tensor)) throw new TypeError(`${FN}: weight must be a Tensor, got ${typeof weight}`);
  if (weight.dtype !== logits.dtype) throw new TypeError(`${FN}: weight dtype ${weight.dtype} does not match input dtype ${logits.dtype}`);
  if (weight.ndim !== 1 || weight.shape[0] !== c) {
    throw new RangeError(`${FN}: weight shape ${formatShape(weight.shape)} does not match the ${c} classes of input shape ${formatShape(logits.shape)} (expected [${c}])`);
  }
  const w = copyAs(weight, weight.dtype).data as FloatArray;
  for (let j = 0; j < c; j++) {
    if (Number.isNaN(w[j])) throw new RangeError(`${FN}: weight is NaN at class ${j}`);
  }
  return w;
}

/**
 * Softmax cross-entropy between logits (N, C) and int32 class indices target (N), as PyTorch's
 * `F.cross_entropy(logits, target, weight, ignore_index=ignoreIndex, label_smoothing=labelSmoothing, reduction)`.
 * Row i's loss is (1 - ε) w[t] (lse_i - x[i, t]) + ε / C Σ_c w[c] (lse_i - x[i, c]) with t = target[i] and
 * lse_i = log Σ_c exp(x[i, c]), computed max-shifted so logits of any size stay finite. Returns a scalar, or (N) for
 * reduction 'none'. float32 runs one fused native pass on the native backend (no softmax is materialised).
 *
 * @example
 * const loss = crossEntropyFromLogits(logits, labels, { labelSmoothing: 0.1 });
 * loss.backward();
 */
export function crossEntropyFromLogits(logits: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  if (!(logits instanceof Tensor)) throw new TypeError(`${FN}: input must be a Tensor, got ${typeof logits}`);
  if (logits.dtype !== 'float32' && logits.dtype !== 'float64') {
    throw new TypeError(`${FN}: input (logits) must be float32 or float64, got ${logits.dtype}`);
  }
  if (logits.ndim !== 2) throw new RangeError(`${FN}: input must be 2-D (N, C), got shape ${formatShape(logits.shape)}`);
  const [n, c] = logits.shape as [number, number];
  if (c < 1) throw new RangeError(`${FN}: input shape ${formatShape(logits.shape)} has no classes (C must be at least 1)`);
  if (!(target instanceof Tensor)) throw new TypeError(`${FN}: target must be a Tensor, got ${typeof target}`);
  if (target.dtype !== 'int32') throw new TypeError(`${FN}: target must be an int32 tensor of class indices, got ${target.dtype}`);
  if (target.ndim !== 1 || target.shape[0] !== n) {
    throw new RangeError(`${FN}: target shape ${formatShape(target.shape)} does not match input shape ${formatShape(logits.shape)} (expected [${n}])`);
  }
  const ignoreIndex = opts.ignoreIndex ?? -100;
  if (!Number.isInteger(ignoreIndex) || ignoreIndex < -(2 ** 31) || ignoreIndex >= 2 ** 31) {
    throw new RangeError(`${FN}: ignoreIndex must be an int32 integer, got ${ignoreIndex}`);
  }
  const labelSmoothing = opts.labelSmoothing ?? 0;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new RangeError(`${FN}: labelSmoothing must be between 0 and 1, got ${labelSmoothing}`);
  }
  const reduction = opts.reduction ?? 'mean';
  if (!REDUCTIONS.includes(reduction)) throw new RangeError(`${FN}: reduction must be 'none', 'mean' or 'sum', got '${String(reduction)}'`);
  const weight = opts.weight === undefined ? null : checkWeight(opts.weight, logits, c);
  const t = copyAs(target, 'int32').data as Int32Array;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const k = t[i]!;
    if (k === ignoreIndex) continue;
    if (k < 0 || k >= c) throw new RangeError(`${FN}: target ${k} at position ${i} is out of range for ${c} classes (ignoreIndex ${ignoreIndex})`);
    denominator += weight === null ? 1 : weight[k]!;
  }
  return crossEntropyOp([logits], { target: t, weight, ignoreIndex, labelSmoothing, reduction, denominator });
}
