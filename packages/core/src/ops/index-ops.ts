// Indexing ops: indexSelect, gather, scatterAdd, embedding (scatter-add backward) and maskedFill.
import { defineOp, type Op } from '../autograd/function.js';
import { formatShape, normalizeDim } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { getBackend } from '../backend/select.js';
import { where } from './binary.js';
import { contiguousData, copyAs, empty, uninitialized } from './compute.js';
import { dispatch } from './dispatch.js';
import { reshape } from './view.js';

function checkIndex(fn: string, index: Tensor, bound: number, what: string): Int32Array {
  if (!(index instanceof Tensor) || index.dtype !== 'int32') {
    throw new TypeError(`${fn}: index must be an int32 tensor, got ${index instanceof Tensor ? index.dtype : typeof index}`);
  }
  const idx = contiguousData(index) as Int32Array;
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (v < -bound || v >= bound) throw new RangeError(`${fn}: index ${v} at position ${i} is out of range for ${what} of size ${bound}`);
  }
  return idx;
}

/** Elements of x (rows, n, cols) as rows x n x cols around dim, for simple index arithmetic. */
function split3(shape: readonly number[], dim: number): [number, number, number] {
  const outer = shape.slice(0, dim).reduce((p, s) => p * s, 1);
  const inner = shape.slice(dim + 1).reduce((p, s) => p * s, 1);
  return [outer, shape[dim]!, inner];
}

interface IndexParams { dim: number; index: Int32Array }

/** Whether indexing along dim 0 of float32 rows moving `elements` values goes to the backend's row kernels. */
const useRowKernel = (dtype: string, dim: number, elements: number): boolean =>
  dim === 0 && dtype === 'float32' && elements > 0 && elements >= dispatch.embeddingMin;

/** index with negative entries counted from the end (the kernels take rows in [0, n)). */
function rowIndices(index: Int32Array, n: number): Int32Array {
  for (let i = 0; i < index.length; i++) if (index[i]! < 0) return index.map((v) => (v < 0 ? v + n : v));
  return index;
}

const indexSelectOp: Op<IndexParams> = defineOp<IndexParams>({
  name: 'indexSelect',
  forward: ([x], { dim, index }) => {
    const [outer, n, inner] = split3(x!.shape, dim);
    const shape = [...x!.shape];
    shape[dim] = index.length;
    // Every row of out is written below (the indices were checked in range).
    const out = uninitialized(shape, x!.dtype);
    if (useRowKernel(x!.dtype, dim, index.length * inner) && x!.isContiguous()) {
      // Rows of a contiguous float32 table (an embedding lookup): one native gather.
      const table = (x!.data as Float32Array).subarray(x!.offset, x!.offset + n * inner);
      getBackend().embeddingGatherF32(index.length, n, inner, table, rowIndices(index, n), out.data as Float32Array);
      return out;
    }
    const src = contiguousData(x!), dst = out.data;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < index.length; k++) {
        const r = index[k]! < 0 ? index[k]! + n : index[k]!;
        const from = (o * n + r) * inner, to = (o * index.length + k) * inner;
        // Short rows (a batch of token windows) copy faster element by element than through subarray views.
        if (inner <= 16) for (let j = 0; j < inner; j++) dst[to + j] = src[from + j]!;
        else dst.set(src.subarray(from, from + inner) as never, to);
      }
    }
    return out;
  },
  backward: (g, { inputs: [x], params }) => [indexAddOp([g], { ...params, shape: x!.shape })],
});

// Adds rows of g into zeros of `shape` at the indexed positions (repeated indices accumulate).
const indexAddOp: Op<IndexParams & { shape: readonly number[] }> = defineOp<IndexParams & { shape: readonly number[] }>({
  name: 'indexAdd',
  forward: ([g], { dim, index, shape }) => {
    const out = empty(shape, g!.dtype);
    const [outer, n, inner] = split3(shape, dim);
    if (useRowKernel(g!.dtype, dim, index.length * inner)) {
      // The embedding backward: rows of g added into the table's gradient, repeated rows accumulating in order.
      const rows = contiguousData(g!) as Float32Array;
      getBackend().embeddingScatterAddF32(index.length, n, inner, rows, rowIndices(index, n), -1, out.data as Float32Array);
      return out;
    }
    const src = copyAs(g!, g!.dtype);
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < index.length; k++) {
        const r = index[k]! < 0 ? index[k]! + n : index[k]!;
        const dst = (o * n + r) * inner, from = (o * index.length + k) * inner;
        for (let j = 0; j < inner; j++) out.data[dst + j] = out.data[dst + j]! + src.data[from + j]!;
      }
    }
    return out;
  },
  backward: (gg, { params: { dim, index } }) => [indexSelectOp([gg], { dim, index })],
});

/** The entries of x at `index` (1-D int32) along dim. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim('indexSelect', dim, x.ndim);
  if (index.ndim > 1) throw new RangeError(`indexSelect: index must be 0-D or 1-D, got shape ${formatShape(index.shape)}`);
  return indexSelectOp([x], { dim: d, index: checkIndex('indexSelect', index, x.shape[d]!, `dim ${dim}`) });
}

/**
 * Embedding lookup: rows of weight (num, dim) for each id in `ids` (any shape) -> (...ids.shape, dim). The backward
 * scatter-adds into the rows that were used.
 */
export function embedding(ids: Tensor, weight: Tensor): Tensor {
  if (weight.ndim !== 2) throw new RangeError(`embedding: weight must be 2-D (num_embeddings, dim), got shape ${formatShape(weight.shape)}`);
  const idx = checkIndex('embedding', ids, weight.shape[0]!, 'an embedding table');
  for (let i = 0; i < idx.length; i++) {
    if (idx[i]! < 0) throw new RangeError(`embedding: index ${idx[i]} at position ${i} is negative (ids must be in 0..${weight.shape[0]! - 1})`);
  }
  const rows = indexSelectOp([weight], { dim: 0, index: idx });
  return reshape(rows, [...ids.shape, weight.shape[1]!]);
}

interface GatherParams { dim: number; index: Tensor; idx: Int32Array }

const gatherOp: Op<GatherParams> = defineOp<GatherParams>({
  name: 'gather',
  forward: ([x], { dim, index, idx }) => {
    const out = empty(index.shape, x!.dtype);
    // For every position p of index: out[p] = x[p with coordinate dim replaced by index[p]].
    const strides = x!.strides;
    let p = 0;
    const walk = (d: number, off: number): void => {
      if (d === index.ndim) {
        out.data[p] = x!.data[off + idx[p]! * strides[dim]!]!;
        p++;
        return;
      }
      for (let k = 0; k < index.shape[d]!; k++) walk(d + 1, off + (d === dim ? 0 : k * strides[d]!));
    };
    walk(0, x!.offset);
    return out;
  },
  backward: (g, { inputs: [x], params: { dim, index } }) => [scatterAdd(zerosOf(x!.shape, g), dim, index, g)],
});

const zerosOf = (shape: readonly number[], like: Tensor): Tensor => empty(shape, like.dtype);

/** out[i][j] = x[i][index[i][j]] (dim 1), and so on for any dim: torch.gather. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim('gather', dim, x.ndim);
  if (index.ndim !== x.ndim) throw new RangeError(`gather: index has ${index.ndim} dims but input has ${x.ndim} (shapes ${formatShape(index.shape)} and ${formatShape(x.shape)})`);
  for (let k = 0; k < x.ndim; k++) {
    if (k !== d && index.shape[k]! > x.shape[k]!) throw new RangeError(`gather: index shape ${formatShape(index.shape)} exceeds input shape ${formatShape(x.shape)} at dim ${k}`);
  }
  const idx = checkIndex('gather', index, x.shape[d]!, `dim ${dim}`);
  const norm = idx.map((v) => (v < 0 ? v + x.shape[d]! : v));
  return gatherOp([x], { dim: d, index, idx: norm });
}

interface ScatterParams { dim: number; index: Tensor; idx: Int32Array }

const scatterAddOp: Op<ScatterParams> = defineOp<ScatterParams>({
  name: 'scatterAdd',
  forward: ([x, src], { dim, index, idx }) => {
    const out = copyAs(x!, x!.dtype);
    const s = copyAs(src!, x!.dtype);
    const strides = out.strides;
    let p = 0;
    const srcStrides = src!.shape.map((_, k) => src!.shape.slice(k + 1).reduce((a, b) => a * b, 1));
    const walk = (d: number, off: number, srcOff: number): void => {
      if (d === index.ndim) {
        const at = off + idx[p]! * strides[dim]!;
        out.data[at] = out.data[at]! + s.data[srcOff]!;
        p++;
        return;
      }
      for (let k = 0; k < index.shape[d]!; k++) walk(d + 1, off + (d === dim ? 0 : k * strides[d]!), srcOff + k * srcStrides[d]!);
    };
    walk(0, 0, 0);
    return out;
  },
  backward: (g, { inputs: [, src], params: { dim, index }, needs }) => [needs[0] && g, needs[1] && padTo(gather(g, dim, index), src!.shape)],
});

// src may be larger than index; its elements that were never scattered get a zero gradient.
function padTo(t: Tensor, shape: readonly number[]): Tensor {
  if (t.shape.every((s, k) => s === shape[k])) return t;
  const out = empty(shape, t.dtype);
  const src = copyAs(t, t.dtype).data;
  let p = 0;
  const walk = (d: number, off: number): void => {
    if (d === shape.length) { out.data[off] = src[p++]!; return; }
    const stride = shape.slice(d + 1).reduce((a, b) => a * b, 1);
    for (let k = 0; k < t.shape[d]!; k++) walk(d + 1, off + k * stride);
  };
  walk(0, 0);
  return out;
}

/** x with src added at index along dim (repeated indices accumulate): torch.scatter_add, not in place. */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = normalizeDim('scatterAdd', dim, x.ndim);
  if (index.ndim !== x.ndim || src.ndim !== x.ndim) {
    throw new RangeError(`scatterAdd: input, index and src need the same number of dims, got shapes ${formatShape(x.shape)}, ${formatShape(index.shape)} and ${formatShape(src.shape)}`);
  }
  for (let k = 0; k < x.ndim; k++) {
    if (index.shape[k]! > src.shape[k]! || (k !== d && index.shape[k]! > x.shape[k]!)) {
      throw new RangeError(`scatterAdd: index shape ${formatShape(index.shape)} does not fit src ${formatShape(src.shape)} and input ${formatShape(x.shape)} at dim ${k}`);
    }
  }
  const idx = checkIndex('scatterAdd', index, x.shape[d]!, `dim ${dim}`).map((v) => (v < 0 ? v + x.shape[d]! : v));
  return scatterAddOp([x, src], { dim: d, index, idx });
}

/** x with value wherever mask (bool, broadcastable to x) is true. */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  if (!(mask instanceof Tensor) || mask.dtype !== 'bool') throw new TypeError(`maskedFill: mask must be a bool tensor, got ${mask instanceof Tensor ? mask.dtype : typeof mask}`);
  return where(mask, value, x);
}
