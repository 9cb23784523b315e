// Reductions over dims with keepdim (sum, mean, max, min, argmax, argmin, var, std, logsumexp, norm), forward with backward.
import { defineOp } from '../autograd/function.js';
import { ReduceOp } from '../backend/backend.js';
import { getBackend } from '../backend/select.js';
import { isFloating } from '../tensor/dtype.js';
import { formatShape, normalizeDim, shapesEqual, type Shape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { abs, exp, log, sqrt } from './unary.js';
import { add, div, eq, mul, pow, sub, where } from './binary.js';
import { copyAs, reduceDims } from './compute.js';
import { dispatch } from './dispatch.js';
import { gather as gatherAlong } from './index-ops.js';
import { expand, permute, reshape, squeeze as squeezeDim } from './view.js';

/** Which dims to reduce: one, several, or all (undefined). */
export type Dims = number | readonly number[] | undefined;

interface ReduceParams { dims: readonly number[]; keepdim: boolean }

function resolveDims(fn: string, x: Tensor, dim: Dims): number[] {
  if (dim === undefined) return [...Array(x.ndim).keys()];
  const list = typeof dim === 'number' ? [dim] : [...dim];
  // A 0-d tensor accepts dim 0 or -1 and has nothing to reduce, as in PyTorch.
  const norm = list.map((d) => normalizeDim(fn, d, x.ndim)).filter((d) => d < x.ndim);
  if (new Set(norm).size !== norm.length) throw new RangeError(`${fn}: dims ${formatShape(list)} repeat a dimension`);
  return norm.sort((a, b) => a - b);
}

/** g of a reduced shape back to x's shape: re-insert reduced dims as size 1, then broadcast. */
function expandBack(g: Tensor, x: Tensor, { dims, keepdim }: ReduceParams): Tensor {
  const kept = x.shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const gk = keepdim ? g : reshape(g, kept);
  return expand(gk, x.shape);
}

function checkInput(fn: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${fn}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
}

const sumOp = defineOp<ReduceParams>({
  name: 'sum',
  // Integer and bool sums are int32 (PyTorch uses int64); float sums accumulate in float64 and round once.
  forward: ([x], { dims, keepdim }) => reduceDims(x!, dims, keepdim, isFloating(x!.dtype) ? x!.dtype : 'int32', () => 0, (a, v) => a + v, (a) => a, ReduceOp.sum),
  backward: (g, { inputs: [x], params }) => [expandBack(g, x!, params)],
});

/** Sum over dims (all by default). */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  checkInput('sum', x);
  return sumOp([x], { dims: resolveDims('sum', x, dim), keepdim });
}

/** Sums a broadcast gradient back down to `shape` (the inverse of broadcasting). */
export function sumTo(g: Tensor, shape: Shape): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let d = 0; d < g.ndim; d++) if (d < lead || (shape[d - lead] === 1 && g.shape[d] !== 1)) dims.push(d);
  const s = dims.length > 0 ? sumOp([g], { dims, keepdim: true }) : g;
  return reshape(s, shape);
}

const meanOp = defineOp<ReduceParams>({
  name: 'mean',
  forward: ([x], { dims, keepdim }) => reduceDims(x!, dims, keepdim, x!.dtype, () => 0, (a, v) => a + v, (a, n) => a / n, ReduceOp.mean),
  backward: (g, { inputs: [x], params }) => {
    const n = params.dims.reduce((c, d) => c * x!.shape[d]!, 1);
    return [div(expandBack(g, x!, params), n)];
  },
});

/** Mean over dims (all by default); x must be floating. An empty reduction gives NaN, as in PyTorch. */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  checkInput('mean', x);
  if (!isFloating(x.dtype)) throw new TypeError(`mean: input dtype must be floating point, got ${x.dtype}`);
  return meanOp([x], { dims: resolveDims('mean', x, dim), keepdim });
}

function extremum(name: 'amax' | 'amin', better: (a: number, b: number) => boolean) {
  const kernel = name === 'amax' ? ReduceOp.max : ReduceOp.min;
  return defineOp<ReduceParams>({
    name,
    forward: ([x], { dims, keepdim }) => reduceDims(x!, dims, keepdim, x!.dtype, () => NaN, (a, v, k) => (k === 0 || Number.isNaN(v) || (!Number.isNaN(a) && better(v, a)) ? v : a), (a) => a, kernel),
    // Ties share the gradient evenly (torch.amax/amin and full max()/min()).
    backward: (g, { inputs: [x], output, params }) => {
      const outB = expandBack(output, x!, params);
      const mask = eq(x!, outB);
      const count = expandBack(sumOp([mask], params), x!, params);
      return [div(where(mask, expandBack(g, x!, params), 0), count)];
    },
  });
}
const amaxOp = extremum('amax', (a, b) => a > b);
const aminOp = extremum('amin', (a, b) => a < b);

/** Largest value over dims (all by default); ties share the gradient. NaN propagates. */
export function amax(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  checkInput('amax', x);
  if (x.numel() === 0) throw new RangeError(`amax: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`);
  return amaxOp([x], { dims: resolveDims('amax', x, dim), keepdim });
}
/** Smallest value over dims (all by default). */
export function amin(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  checkInput('amin', x);
  if (x.numel() === 0) throw new RangeError(`amin: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`);
  return aminOp([x], { dims: resolveDims('amin', x, dim), keepdim });
}

function argExtremum(name: string, better: (a: number, b: number) => boolean) {
  return (x: Tensor, dim?: number, keepdim = false): Tensor => {
    checkInput(name, x);
    if (x.numel() === 0) throw new RangeError(`${name}: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`);
    const d = dim === undefined ? 0 : normalizeDim(name, dim, x.ndim);
    const shape = dim === undefined || x.ndim === 0 ? [] : keepdim ? x.shape.map((s, k) => (k === d ? 1 : s)) : x.shape.filter((_, k) => k !== d);
    if (x.dtype === 'float32' && x.numel() >= dispatch.reduceMin) {
      return new Tensor(argKernel(name === 'argmax', x, dim === undefined ? undefined : d), 'int32', shape);
    }
    // Move the reduced dim last and make rows contiguous; over all elements the index is into the flattened tensor.
    const rows = dim === undefined ? reshape(x, [1, -1]) : x.ndim === 0 ? reshape(x, [1, 1]) : reshape(movedLast(x, d), [-1, x.shape[d]!]);
    const data = copyAs(rows, rows.dtype).data;
    const [r, n] = rows.shape as [number, number];
    const out = new Int32Array(r);
    for (let i = 0; i < r; i++) {
      let best = data[i * n]!, at = 0;
      for (let j = 1; j < n && !Number.isNaN(best); j++) {
        const v = data[i * n + j]!;
        // NaN wins (it propagates, as in PyTorch); otherwise the first extreme value wins ties.
        if (Number.isNaN(v) || better(v, best)) { best = v; at = j; }
      }
      out[i] = at;
    }
    return new Tensor(out, 'int32', shape);
  };
}

/** The backend's argmax/argmin of float32 x along dim d (over the flattened tensor when undefined): x as (outer, n, inner). */
function argKernel(max: boolean, x: Tensor, d: number | undefined): Int32Array {
  const c = x.isContiguous() ? x : copyAs(x, 'float32');
  const size = (from: number, to: number): number => c.shape.slice(from, to).reduce((p, v) => p * v, 1);
  const [outer, n, inner] = d === undefined || c.ndim === 0 ? [1, c.numel(), 1] : [size(0, d), c.shape[d]!, size(d + 1, c.ndim)];
  const values = new Float32Array(outer * inner), indices = new Int32Array(outer * inner);
  getBackend().argReduceF32(max, outer, n, inner, c.data as Float32Array, c.offset, values, 0, indices, 0);
  return indices;
}

function movedLast(x: Tensor, d: number): Tensor {
  const dims = [...Array(x.ndim).keys()].filter((k) => k !== d);
  return permute(x, [...dims, d]);
}

/** Index of the largest value (first on ties) along dim, or in the flattened tensor. Returns int32. */
export const argmax = argExtremum('argmax', (a, b) => a > b);
/** Index of the smallest value (first on ties) along dim, or in the flattened tensor. Returns int32. */
export const argmin = argExtremum('argmin', (a, b) => a < b);

/** Options of var and std. */
export interface VarOptions {
  /** Subtracted from N in the divisor: 1 (default) for the unbiased estimate, 0 for the population value. */
  correction?: number;
  keepdim?: boolean;
}

/** Variance over dims (all by default), with Bessel's correction unless correction is 0. */
export function variance(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  checkInput('var', x);
  if (!isFloating(x.dtype)) throw new TypeError(`var: input dtype must be floating point, got ${x.dtype}`);
  const dims = resolveDims('var', x, dim);
  const keepdim = options.keepdim ?? false;
  const n = dims.reduce((c, d) => c * x.shape[d]!, 1);
  const centered = sub(x, meanOp([x], { dims, keepdim: true }));
  const ss = sumOp([mul(centered, centered)], { dims, keepdim });
  return div(ss, Math.max(n - (options.correction ?? 1), 0));
}

/** Standard deviation over dims: sqrt(var). */
export function std(x: Tensor, dim?: Dims, options: VarOptions = {}): Tensor {
  return sqrt(variance(x, dim, options));
}

/** log(Σ exp(x)) over dims, computed stably by shifting with the max. */
export function logsumexp(x: Tensor, dim: Dims, keepdim = false): Tensor {
  checkInput('logsumexp', x);
  if (!isFloating(x.dtype)) throw new TypeError(`logsumexp: input dtype must be floating point, got ${x.dtype}`);
  const dims = resolveDims('logsumexp', x, dim);
  // The shift is a constant for autograd; an infinite max shifts by 0 so inf - inf does not make NaN.
  const m = noGrad(() => amaxOp([x], { dims, keepdim: true }));
  const shift = noGrad(() => where(eq(abs(m), Infinity), 0, m));
  const s = add(log(sumOp([exp(sub(x, shift))], { dims, keepdim: true })), shift);
  return keepdim ? s : reshape(s, x.shape.filter((_, d) => !dims.includes(d)));
}

const norm2Op = defineOp<ReduceParams>({
  name: 'norm',
  forward: ([x], { dims, keepdim }) => reduceDims(x!, dims, keepdim, x!.dtype, () => 0, (a, v) => a + v * v, (a) => Math.sqrt(a)),
  // d||x||/dx = x / ||x||, taken as 0 where the norm is 0 (PyTorch's subgradient there).
  backward: (g, { inputs: [x], output, params }) => {
    const n = expandBack(output, x!, params);
    return [where(eq(n, 0), 0, div(mul(expandBack(g, x!, params), x!), n))];
  },
});

/** The p-norm over dims (all by default): (Σ |x|^p)^(1/p); p = 2 is the Euclidean/Frobenius norm. */
export function norm(x: Tensor, p = 2, dim?: Dims, keepdim = false): Tensor {
  checkInput('norm', x);
  if (!isFloating(x.dtype)) throw new TypeError(`norm: input dtype must be floating point, got ${x.dtype}`);
  if (!(p > 0)) throw new RangeError(`norm: p must be positive, got ${p}`);
  const dims = resolveDims('norm', x, dim);
  if (p === Infinity) return amaxOp([abs(x)], { dims, keepdim });
  if (p === 1) return sumOp([abs(x)], { dims, keepdim });
  if (p === 2) return norm2Op([x], { dims, keepdim });
  return pow(sumOp([pow(abs(x), p)], { dims, keepdim }), 1 / p);
}


/** Values and their positions along a dim, as torch.max(x, dim) returns them. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

function maxOrMin(name: 'max' | 'min', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor | ValuesIndices {
  checkInput(name, x);
  // Over everything: the extreme value, ties sharing the gradient (PyTorch's max() without dim).
  if (dim === undefined) return name === 'max' ? amax(x) : amin(x);
  // Along a dim: the gradient goes to the returned index only, as torch.max(x, dim) does.
  const indices = name === 'max' ? argmax(x, dim, true) : argmin(x, dim, true);
  const values = gatherAlong(x, dim, indices);
  const d = normalizeDim(name, dim, x.ndim);
  return keepdim ? { values, indices } : { values: squeezeDim(values, d), indices: squeezeDim(indices, d) };
}

/** The largest element; or, with dim, the largest values along it and their indices (int32). */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return maxOrMin('max', x, dim, keepdim);
}

/** The smallest element; or, with dim, the smallest values along it and their indices (int32). */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return maxOrMin('min', x, dim, keepdim);
}
