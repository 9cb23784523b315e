// Joining and splitting along a dim: cat, stack, split, chunk (splits are narrow views).
import { defineOp } from '../autograd/function.js';
import { promoteTypes } from '../tensor/dtype.js';
import { formatShape, normalizeDim } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { copyAs, empty } from './compute.js';
import { narrow, unsqueeze } from './view.js';

const catOp = defineOp<number>({
  name: 'cat',
  forward: (xs, dim) => {
    const shape = [...xs[0]!.shape];
    shape[dim] = xs.reduce((s, t) => s + t.shape[dim]!, 0);
    const dtype = xs.map((t) => t.dtype).reduce(promoteTypes);
    const out = empty(shape, dtype);
    const outer = shape.slice(0, dim).reduce((p, s) => p * s, 1);
    const inner = shape.slice(dim + 1).reduce((p, s) => p * s, 1);
    let at = 0;
    for (const t of xs) {
      const src = copyAs(t, dtype).data;
      const width = t.shape[dim]! * inner;
      for (let o = 0; o < outer; o++) out.data.set(src.subarray(o * width, (o + 1) * width) as never, o * shape[dim]! * inner + at);
      at += width;
    }
    return out;
  },
  backward: (g, { inputs, params: dim, needs }) => {
    let start = 0;
    return inputs.map((t, i) => {
      const part = needs[i] ? narrow(g, dim, start, t.shape[dim]!) : null;
      start += t.shape[dim]!;
      return part;
    });
  },
});

/** Joins tensors along an existing dim; all other sizes must match. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError('cat: expected a non-empty list of tensors');
  const first = tensors[0]!;
  const d = normalizeDim('cat', dim, first.ndim);
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim || t.shape.some((s, k) => k !== d && s !== first.shape[k])) {
      throw new RangeError(`cat: tensor ${i} has shape ${formatShape(t.shape)} but tensor 0 has shape ${formatShape(first.shape)}; sizes must match except in dim ${dim}`);
    }
  });
  return catOp(tensors, d);
}

/** Joins equally shaped tensors along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new RangeError('stack: expected a non-empty list of tensors');
  const first = tensors[0]!;
  tensors.forEach((t, i) => {
    if (t.ndim !== first.ndim || t.shape.some((s, k) => s !== first.shape[k])) {
      throw new RangeError(`stack: tensor ${i} has shape ${formatShape(t.shape)} but tensor 0 has shape ${formatShape(first.shape)}; all must be equal`);
    }
  });
  const d = normalizeDim('stack', dim, first.ndim + 1);
  return catOp(tensors.map((t) => unsqueeze(t, d)), d);
}

/** Views of consecutive pieces along dim: of `sizes`, or of equal size `splitSize` (the last may be smaller). */
export function split(x: Tensor, splitSizeOrSizes: number | readonly number[], dim = 0): Tensor[] {
  const d = normalizeDim('split', dim, x.ndim);
  const n = x.shape[d]!;
  let sizes: number[];
  if (typeof splitSizeOrSizes === 'number') {
    if (!Number.isInteger(splitSizeOrSizes) || splitSizeOrSizes <= 0) throw new RangeError(`split: split size must be a positive integer, got ${splitSizeOrSizes}`);
    sizes = [];
    for (let s = 0; s < n; s += splitSizeOrSizes) sizes.push(Math.min(splitSizeOrSizes, n - s));
  } else {
    sizes = [...splitSizeOrSizes];
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total !== n) throw new RangeError(`split: sizes ${formatShape(sizes)} sum to ${total}, but dim ${dim} has size ${n}`);
  }
  let start = 0;
  return sizes.map((s) => {
    const part = narrow(x, d, start, s);
    start += s;
    return part;
  });
}

/** `chunks` nearly equal views along dim (torch.chunk: size ceil(n / chunks), so fewer may come back). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new RangeError(`chunk: chunks must be a positive integer, got ${chunks}`);
  const d = normalizeDim('chunk', dim, x.ndim);
  return split(x, Math.max(1, Math.ceil(x.shape[d]! / chunks)), d);
}
