// Strided elementwise and reduction loops in TypeScript: the reference path every op has, and where float32 work
// above the dispatch sizes goes to a backend kernel instead.
import type { BinaryOpCode, ReduceOpCode, UnaryOpCode } from '../backend/backend.js';
import { getBackend } from '../backend/select.js';
import { allocate, allocateUninitialized, type DType, type Storage } from '../tensor/dtype.js';
import { contiguousStrides, numel, shapesEqual, type Shape } from '../tensor/shape.js';
import { markFreshStorage, Tensor } from '../tensor/tensor.js';
import { dispatch } from './dispatch.js';

/** A new contiguous tensor of this shape and dtype, zero-filled. */
export function empty(shape: Shape, dtype: DType): Tensor {
  return markFreshStorage(new Tensor(allocate(dtype, numel(shape)), dtype, [...shape]));
}

/** A new contiguous tensor of this shape and dtype whose contents are unspecified: for ops that write every element. */
export function uninitialized(shape: Shape, dtype: DType): Tensor {
  return markFreshStorage(new Tensor(allocateUninitialized(dtype, numel(shape)), dtype, [...shape]));
}

/** Strides of t seen through a broadcast to `shape` (0 where t's size is 1 or the dim is new). */
export function broadcastStrides(t: Tensor, shape: Shape): number[] {
  const out = new Array<number>(shape.length).fill(0);
  const lead = shape.length - t.ndim;
  for (let i = 0; i < t.ndim; i++) out[lead + i] = t.shape[i] === 1 && shape[lead + i] !== 1 ? 0 : t.strides[i]!;
  return out;
}

/**
 * Calls visit(outIndex, offsets...) for every element of `shape` in row-major order, where offsets[k] is the
 * storage offset of that element in operand k (given by its strides and offset).
 */
function forEachOffset(shape: Shape, strides: readonly (readonly number[])[], offsets: readonly number[], visit: (i: number, off: Int32Array | number[]) => void): void {
  const n = numel(shape);
  if (n === 0) return;
  const rank = shape.length, k = strides.length;
  const idx = new Array<number>(rank).fill(0);
  const off = offsets.slice();
  for (let i = 0; i < n; i++) {
    visit(i, off);
    // Odometer increment: bump the last dim, carry into earlier ones.
    for (let d = rank - 1; d >= 0; d--) {
      idx[d]!++;
      for (let j = 0; j < k; j++) off[j]! += strides[j]![d]!;
      if (idx[d]! < shape[d]!) break;
      for (let j = 0; j < k; j++) off[j]! -= strides[j]![d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

/**
 * out = f(x) elementwise into a new contiguous tensor of dtype outDtype. `kernel`, when given, is the backend's
 * version of f, used for contiguous float32 input and output above the dispatch size.
 */
export function mapUnary(x: Tensor, outDtype: DType, f: (v: number) => number, kernel?: UnaryOpCode): Tensor {
  const out = uninitialized(x.shape, outDtype);
  if (kernel !== undefined && outDtype === 'float32' && x.dtype === 'float32' && x.isContiguous() && x.numel() >= dispatch.elementwiseMin) {
    getBackend().unaryF32(kernel, out.data.length, x.data as Float32Array, x.offset, out.data as Float32Array, 0);
    return out;
  }
  const o = out.data, src = x.data;
  if (x.isContiguous()) {
    const base = x.offset;
    for (let i = 0; i < o.length; i++) o[i] = f(src[base + i]!);
  } else {
    forEachOffset(x.shape, [x.strides], [x.offset], (i, off) => { o[i] = f(src[off[0]!]!); });
  }
  return out;
}

/**
 * out = f(a, b) elementwise with broadcasting to `shape`, into a new contiguous tensor of dtype outDtype. `kernel`,
 * when given, is the backend's version of f, used for float32 operands above the dispatch sizes: same-shape
 * contiguous pairs, and pairs that view as rows where an operand is a scalar, a repeated row or a column.
 */
export function mapBinary(a: Tensor, b: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number) => number, kernel?: BinaryOpCode): Tensor {
  if (kernel !== undefined && outDtype === 'float32' && a.dtype === 'float32' && b.dtype === 'float32') {
    const out = binaryKernel(kernel, a, b, shape);
    if (out !== null) return out;
  }
  const out = uninitialized(shape, outDtype);
  const o = out.data, da = a.data, db = b.data;
  const aFull = a.isContiguous() && a.numel() === o.length, bFull = b.isContiguous() && b.numel() === o.length;
  const oa = a.offset, ob = b.offset;
  if (aFull && bFull) {
    for (let i = 0; i < o.length; i++) o[i] = f(da[oa + i]!, db[ob + i]!);
  } else if (aFull && b.numel() === 1) {
    const y = db[ob]!;
    for (let i = 0; i < o.length; i++) o[i] = f(da[oa + i]!, y);
  } else if (bFull && a.numel() === 1) {
    const x = da[oa]!;
    for (let i = 0; i < o.length; i++) o[i] = f(x, db[ob + i]!);
  } else if (aFull && b.isContiguous() && isTrailing(b.shape, shape)) {
    // Row broadcast (a bias over the last dims): b repeats every b.numel() elements.
    const m = b.numel();
    for (let i = 0; i < o.length; i++) o[i] = f(da[oa + i]!, db[ob + (i % m)]!);
  } else {
    forEachOffset(shape, [broadcastStrides(a, shape), broadcastStrides(b, shape)], [a.offset, b.offset], (i, off) => {
      o[i] = f(da[off[0]!]!, db[off[1]!]!);
    });
  }
  return out;
}

/** The backend kernel's result for a float32 pair, or null where no kernel applies or the work is below its dispatch size. */
function binaryKernel(op: BinaryOpCode, a: Tensor, b: Tensor, shape: Shape): Tensor | null {
  const size = numel(shape);
  if (size === 0) return null;
  if (shapesEqual(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
    if (size < dispatch.elementwiseMin) return null;
    const out = uninitialized(shape, 'float32');
    getBackend().binaryF32(op, size, a.data as Float32Array, a.offset, b.data as Float32Array, b.offset, out.data as Float32Array, 0);
    return out;
  }
  if (size < dispatch.broadcastMin) return null;
  const rows = asRows(shape, [broadcastStrides(a, shape), broadcastStrides(b, shape)]);
  if (rows === null) return null;
  const out = uninitialized(shape, 'float32');
  const [sa, sb] = rows.strides as [RowStrides, RowStrides];
  getBackend().binaryBroadcastF32(op, size / rows.n, rows.n, a.data as Float32Array, a.offset, sa.row, sa.col,
    b.data as Float32Array, b.offset, sb.row, sb.col, out.data as Float32Array, 0);
  return out;
}

/** An operand seen as rows: element (r, j) at offset + r * row + j * col, col 0 (repeated along the row) or 1. */
interface RowStrides { row: number; col: number }

/**
 * Views a row-major walk over `shape` as (rows, n) for every operand (given its broadcast strides): the longest
 * trailing block of dims that each operand either walks contiguously or repeats, with the leading dims folding into
 * one row stride per operand. Null when no split works (e.g. a transposed operand).
 */
function asRows(shape: Shape, strides: readonly (readonly number[])[]): { n: number; strides: RowStrides[] } | null {
  for (let p = 0; p <= shape.length; p++) {
    const found: RowStrides[] = [];
    for (const st of strides) {
      const col = foldStride(shape, st, p, shape.length), row = foldStride(shape, st, 0, p);
      if (col === null || row === null || col > 1 || row < 0) break;
      found.push({ row, col });
    }
    if (found.length === strides.length) return { n: numel(shape.slice(p)), strides: found };
  }
  return null;
}

/** The one stride s with which dims [from, to) walk memory (flat index i at i * s), or null when they do not. */
function foldStride(shape: Shape, strides: readonly number[], from: number, to: number): number | null {
  let base: number | null = null, next = 0;
  for (let d = to - 1; d >= from; d--) {
    if (shape[d] === 1) continue;
    if (base === null) base = strides[d]!;
    else if (strides[d] !== next) return null;
    next = strides[d]! * shape[d]!;
  }
  return base ?? 0;
}

/** Whether `inner` equals the trailing dims of `shape` (ignoring leading 1s of inner). */
function isTrailing(inner: Shape, shape: Shape): boolean {
  let k = 0;
  while (k < inner.length && inner[k] === 1) k++;
  const tail = inner.length - k;
  if (tail > shape.length) return false;
  for (let i = 0; i < tail; i++) if (inner[k + i] !== shape[shape.length - tail + i]) return false;
  return true;
}

/** out = f(a, b, c) elementwise with broadcasting (used by where). */
export function mapTernary(a: Tensor, b: Tensor, c: Tensor, shape: Shape, outDtype: DType, f: (x: number, y: number, z: number) => number): Tensor {
  const out = empty(shape, outDtype);
  const o = out.data;
  forEachOffset(shape, [broadcastStrides(a, shape), broadcastStrides(b, shape), broadcastStrides(c, shape)], [a.offset, b.offset, c.offset], (i, off) => {
    o[i] = f(a.data[off[0]!]!, b.data[off[1]!]!, c.data[off[2]!]!);
  });
  return out;
}

/** A contiguous copy of x in dtype (x itself is never returned). */
export function copyAs(x: Tensor, dtype: DType): Tensor {
  if (x.isContiguous() && dtype === x.dtype) {
    const out = uninitialized(x.shape, dtype);
    out.data.set(x.data.subarray(x.offset, x.offset + out.data.length) as never);
    return out;
  }
  if (dtype === 'bool') return mapUnary(x, dtype, (v) => (v !== 0 ? 1 : 0));
  if (dtype === 'int32') return mapUnary(x, dtype, (v) => Math.trunc(v));
  return mapUnary(x, dtype, (v) => v);
}

/** x's elements in row-major order as a storage array, without copying when x is contiguous from offset 0. */
export function contiguousData(x: Tensor): Storage {
  if (x.isContiguous()) {
    const n = x.numel();
    return x.offset === 0 && x.data.length === n ? x.data : x.data.subarray(x.offset, x.offset + n);
  }
  return copyAs(x, x.dtype).data;
}

/**
 * Reduces x over `dims` (sorted, distinct) with an accumulator: init, step(acc, value, indexInReduced), finish(acc, count).
 * Returns a contiguous tensor of the kept shape (reduced dims of size 1 when keepdim). `kernel`, when given, is the
 * backend's version of the reduction, used for contiguous float32 input above the dispatch size when dims are adjacent.
 */
export function reduceDims(
  x: Tensor, dims: readonly number[], keepdim: boolean, outDtype: DType,
  init: () => number, step: (acc: number, v: number, k: number) => number, finish: (acc: number, count: number) => number,
  kernel?: ReduceOpCode,
): Tensor {
  const reduced = new Set(dims);
  const keptShape = x.shape.map((s, d) => (reduced.has(d) ? 1 : s));
  const outShape = keepdim ? keptShape : x.shape.filter((_, d) => !reduced.has(d));
  const out = empty(outShape, outDtype);
  const count = dims.reduce((c, d) => c * x.shape[d]!, 1);
  // Fast path: a contiguous input reduced over one block of adjacent dims is (outer, count, inner) in memory.
  const block = dims.length > 0 && dims[dims.length - 1]! - dims[0]! === dims.length - 1;
  if (x.isContiguous() && (block || dims.length === 0)) {
    const first = dims[0] ?? x.ndim, last = dims[dims.length - 1] ?? x.ndim - 1;
    const outer = x.shape.slice(0, first).reduce((p, v) => p * v, 1);
    const inner = x.shape.slice(last + 1).reduce((p, v) => p * v, 1);
    const n = dims.length === 0 ? 1 : count;
    if (kernel !== undefined && dims.length > 0 && x.dtype === 'float32' && outDtype === 'float32' && x.numel() >= dispatch.reduceMin) {
      getBackend().reduceF32(kernel, outer, n, inner, x.data as Float32Array, x.offset, out.data as Float32Array, 0);
      return out;
    }
    const src = x.data, base = x.offset, o = out.data;
    for (let a = 0; a < outer; a++) {
      for (let c = 0; c < inner; c++) {
        let acc = init();
        for (let k = 0; k < n; k++) acc = step(acc, src[base + (a * n + k) * inner + c]!, k);
        o[a * inner + c] = finish(acc, count);
      }
    }
    return out;
  }
  const acc = new Float64Array(out.data.length).fill(init());
  const seen = new Int32Array(out.data.length);
  // Output strides over the full rank (0 on reduced dims) map each input element to its accumulator.
  const keptStrides = contiguousStrides(keptShape).map((s, d) => (reduced.has(d) ? 0 : s));
  forEachOffset(x.shape, [x.strides, keptStrides], [x.offset, 0], (_i, off) => {
    const j = off[1]!;
    acc[j] = step(acc[j]!, x.data[off[0]!]!, seen[j]!++);
  });
  for (let j = 0; j < acc.length; j++) out.data[j] = finish(acc[j]!, count);
  return out;
}
