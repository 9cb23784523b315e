// Shape ops: views that share storage (reshape, transpose, permute, narrow, expand, squeeze, unsqueeze, flatten), contiguous.
import { defineOp, type Op } from '../autograd/function.js';
import { checkShape, contiguousStrides, formatShape, normalizeDim, numel } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { copyAs, empty } from './compute.js';
import { sumTo } from './reduce.js';

const view = (x: Tensor, shape: readonly number[], strides: readonly number[], offset = x.offset): Tensor =>
  new Tensor(x.data, x.dtype, shape, strides, offset);

/** Resolves one -1 in a requested shape against numel, or explains why the shape does not fit. */
function inferShape(fn: string, x: Tensor, shape: readonly number[]): number[] {
  const out = [...shape];
  const free = out.indexOf(-1);
  if (out.indexOf(-1, free + 1) !== -1) throw new RangeError(`${fn}: only one dimension can be -1, got ${formatShape(shape)}`);
  const known = out.reduce((p, s, i) => (i === free ? p : p * s), 1);
  if (free >= 0) {
    if (known === 0 || x.numel() % known !== 0) throw new RangeError(`${fn}: shape ${formatShape(shape)} is invalid for input of size ${x.numel()}`);
    out[free] = x.numel() / known;
  }
  checkShape(fn, out);
  if (numel(out) !== x.numel()) throw new RangeError(`${fn}: shape ${formatShape(shape)} is invalid for input of size ${x.numel()} (shape ${formatShape(x.shape)})`);
  return out;
}

const reshapeOp = defineOp<readonly number[]>({
  name: 'reshape',
  // A contiguous tensor is re-viewed; anything else is copied first (torch.reshape semantics).
  forward: ([x], shape) => (x!.isContiguous() ? view(x!, shape, contiguousStrides(shape)) : view(copyAs(x!, x!.dtype), shape, contiguousStrides(shape), 0)),
  backward: (g, { inputs: [x] }) => [reshape(g, x!.shape)],
});

/** The same elements in a new shape (one size may be -1); a view when x is contiguous, else a copy. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  return reshapeOp([x], inferShape('reshape', x, shape));
}

/** Like reshape, but never copies: x must be contiguous. */
export function viewAs(x: Tensor, shape: readonly number[]): Tensor {
  const s = inferShape('view', x, shape);
  if (!x.isContiguous()) {
    throw new RangeError(`view: tensor of shape ${formatShape(x.shape)} with strides ${formatShape(x.strides)} is not contiguous; use reshape() or contiguous().view()`);
  }
  return reshapeOp([x], s);
}

const permuteOp = defineOp<readonly number[]>({
  name: 'permute',
  forward: ([x], dims) => view(x!, dims.map((d) => x!.shape[d]!), dims.map((d) => x!.strides[d]!)),
  backward: (g, { params: dims }) => {
    const inverse = new Array<number>(dims.length);
    dims.forEach((d, i) => { inverse[d] = i; });
    return [permute(g, inverse)];
  },
});

/** Reorders dimensions (a view): result dim i is x's dim dims[i]. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) throw new RangeError(`permute: got ${dims.length} dims ${formatShape(dims)} for a tensor of ${x.ndim} dimensions`);
  const norm = dims.map((d) => normalizeDim('permute', d, x.ndim));
  if (new Set(norm).size !== norm.length) throw new RangeError(`permute: dims ${formatShape(dims)} repeat a dimension`);
  return permuteOp([x], norm);
}

/** Swaps two dimensions (a view). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim('transpose', dim0, x.ndim), b = normalizeDim('transpose', dim1, x.ndim);
  const dims = [...Array(x.ndim).keys()];
  [dims[a], dims[b]] = [b, a];
  return permuteOp([x], x.ndim === 0 ? [] : dims);
}

interface NarrowParams { dim: number; start: number; length: number }
const narrowOp: Op<NarrowParams> = defineOp<NarrowParams>({
  name: 'narrow',
  forward: ([x], { dim, start, length }) => {
    const shape = [...x!.shape];
    shape[dim] = length;
    return view(x!, shape, x!.strides, x!.offset + start * x!.strides[dim]!);
  },
  backward: (g, { inputs: [x], params }) => [narrowBackward([g], { ...params, shape: x!.shape })],
});
// Scatters a slice's gradient into zeros of the full shape.
const narrowBackward: Op<NarrowParams & { shape: readonly number[] }> = defineOp<NarrowParams & { shape: readonly number[] }>({
  name: 'narrowBackward',
  forward: ([g], { dim, start, length, shape }) => {
    const out = empty(shape, g!.dtype);
    const target = narrowOp([out], { dim, start, length });
    const src = copyAs(g!, g!.dtype);
    // Copy row-major elements of g into the (strided) narrow view of out.
    let i = 0;
    const walk = (d: number, off: number): void => {
      if (d === target.ndim) { out.data[off] = src.data[i++]!; return; }
      for (let k = 0; k < target.shape[d]!; k++) walk(d + 1, off + k * target.strides[d]!);
    };
    walk(0, target.offset);
    return out;
  },
  backward: (g, { params: { dim, start, length } }) => [narrowOp([g], { dim, start, length })],
});

/** Elements start..start+length-1 along dim (a view). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim('narrow', dim, x.ndim);
  const size = x.shape[d]!;
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > size) {
    throw new RangeError(`narrow: start ${start} and length ${length} are out of range for dim ${dim} of size ${size}`);
  }
  return narrowOp([x], { dim: d, start: s, length });
}

const expandOp = defineOp<readonly number[]>({
  name: 'expand',
  forward: ([x], shape) => {
    const lead = shape.length - x!.ndim;
    const strides = shape.map((_, i) => (i < lead || x!.shape[i - lead] !== shape[i] ? 0 : x!.strides[i - lead]!));
    return view(x!, shape, strides);
  },
  backward: (g, { inputs: [x] }) => [sumTo(g, x!.shape)],
});

/** Repeats size-1 dims (and adds leading dims) without copying; -1 keeps a size. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) throw new RangeError(`expand: target shape ${formatShape(shape)} has fewer dims than tensor shape ${formatShape(x.shape)}`);
  const lead = shape.length - x.ndim;
  const out = shape.map((s, i) => {
    const cur = i < lead ? undefined : x.shape[i - lead]!;
    const want = s === -1 && cur !== undefined ? cur : s;
    if (cur !== undefined && cur !== want && cur !== 1) {
      throw new RangeError(`expand: cannot expand shape ${formatShape(x.shape)} to ${formatShape(shape)} (dimension ${i}: ${cur} vs ${s})`);
    }
    return want;
  });
  checkShape('expand', out);
  return expandOp([x], out);
}

/** Removes size-1 dims (all of them, or just `dim` if it has size 1). A view. */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return reshapeViewOf(x, x.shape.filter((s) => s !== 1), x.strides.filter((_, i) => x.shape[i] !== 1));
  const d = normalizeDim('squeeze', dim, x.ndim);
  if (x.ndim === 0 || x.shape[d] !== 1) return reshapeViewOf(x, x.shape, x.strides);
  return reshapeViewOf(x, x.shape.filter((_, i) => i !== d), x.strides.filter((_, i) => i !== d));
}

/** Inserts a size-1 dim at `dim` (in [-ndim-1, ndim]). A view. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1);
  const shape = [...x.shape], strides = [...x.strides];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, d < x.ndim ? x.strides[d]! * x.shape[d]! : 1);
  return reshapeViewOf(x, shape, strides);
}

const restrideOp = defineOp<{ shape: readonly number[]; strides: readonly number[] }>({
  name: 'view',
  forward: ([x], { shape, strides }) => view(x!, shape, strides),
  backward: (g, { inputs: [x] }) => [reshape(g, x!.shape)],
});
const reshapeViewOf = (x: Tensor, shape: readonly number[], strides: readonly number[]): Tensor => restrideOp([x], { shape, strides });

/** Merges dims startDim..endDim into one (reshape semantics). */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim('flatten', startDim, x.ndim), e = normalizeDim('flatten', endDim, x.ndim);
  if (s > e) throw new RangeError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  const merged = x.shape.slice(s, e + 1).reduce((p, v) => p * v, 1);
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

const contiguousOp = defineOp<void>({
  name: 'contiguous',
  forward: ([x]) => copyAs(x!, x!.dtype),
  backward: (g) => [g],
});

/** x itself when already contiguous, else a contiguous copy (gradients flow through). */
export function contiguous(x: Tensor): Tensor {
  return x.isContiguous() ? x : contiguousOp([x], undefined);
}
