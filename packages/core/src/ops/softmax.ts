// softmax and logSoftmax over a dim, computed stably (max-shifted), with their backward passes.
import { defineOp } from '../autograd/function.js';
import { isFloating } from '../tensor/dtype.js';
import { normalizeDim } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { mul, sub } from './binary.js';
import { getBackend } from '../backend/select.js';
import { copyAs, empty, uninitialized } from './compute.js';
import { dispatch } from './dispatch.js';
import { sum } from './reduce.js';
import { exp } from './unary.js';
import { permute } from './view.js';

/** Rows of x along `dim`: a contiguous copy with dim moved last, and how to move the result back. */
function rowsAlong(x: Tensor, dim: number): { rows: Tensor; back: number[] | null } {
  if (dim === x.ndim - 1) return { rows: copyAs(x, x.dtype), back: null };
  const order = [...Array(x.ndim).keys()].filter((d) => d !== dim);
  order.push(dim);
  const back = new Array<number>(x.ndim);
  order.forEach((d, i) => { back[d] = i; });
  return { rows: copyAs(permute(x, order), x.dtype), back };
}

/** log-softmax of each contiguous row of length n, in place: x - max - log Σ exp(x - max). */
function logSoftmaxRows(data: Tensor['data'], n: number): void {
  for (let base = 0; base < data.length; base += n) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) max = Math.max(max, data[base + j]!);
    if (max === -Infinity || Number.isNaN(max)) max = Number.isNaN(max) ? NaN : 0;
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(data[base + j]! - max);
    const lse = max + Math.log(s);
    for (let j = 0; j < n; j++) data[base + j] = data[base + j]! - lse;
  }
}

function forward(x: Tensor, dim: number, log: boolean): Tensor {
  // The backend kernel: contiguous float32 rows along the last dim, above the dispatch size.
  if (x.dtype === 'float32' && dim === x.ndim - 1 && x.isContiguous() && x.numel() >= dispatch.elementwiseMin) {
    const out = uninitialized(x.shape, 'float32');
    const n = x.shape[dim]!;
    if (n > 0) getBackend().softmaxF32(out.data.length / n, n, x.data as Float32Array, x.offset, out.data as Float32Array, 0, log);
    return out;
  }
  if (x.ndim === 0) {
    const out = empty([], x.dtype);
    out.data[0] = log ? 0 : 1;
    return out;
  }
  const { rows, back } = rowsAlong(x, dim);
  const n = x.shape[dim]!;
  if (n > 0) logSoftmaxRows(rows.data, n);
  if (!log) for (let i = 0; i < rows.data.length; i++) rows.data[i] = Math.exp(rows.data[i]!);
  return back === null ? rows : copyAs(permute(rows, back), x.dtype);
}

const softmaxOp = defineOp<number>({
  name: 'softmax',
  forward: ([x], dim) => forward(x!, dim, false),
  // dx = y * (g - Σ g*y)
  backward: (g, { output: y, params: dim }) => [mul(y, sub(g, sum(mul(g, y), dim, true)))],
});

const logSoftmaxOp = defineOp<number>({
  name: 'logSoftmax',
  forward: ([x], dim) => forward(x!, dim, true),
  // dx = g - softmax * Σ g
  backward: (g, { output: y, params: dim }) => [sub(g, mul(exp(y), sum(g, dim, true)))],
});

function check(fn: string, x: Tensor, dim: number): number {
  if (!(x instanceof Tensor)) throw new TypeError(`${fn}: expected a Tensor`);
  if (!isFloating(x.dtype)) throw new TypeError(`${fn}: input dtype must be floating point, got ${x.dtype}`);
  return normalizeDim(fn, dim, x.ndim);
}

/** exp(x) / Σ exp(x) along dim, shifted by the max so large logits do not overflow. */
export function softmax(x: Tensor, dim: number): Tensor {
  return softmaxOp([x], check('softmax', x, dim));
}

/** x - logsumexp(x) along dim: the log of softmax without its underflow. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  return logSoftmaxOp([x], check('logSoftmax', x, dim));
}
