// Argument checks shared by the regression and probabilistic losses: tensor type, float dtype, shapes, NaN targets.
import { Tensor } from '@nn/core';

/** A shape as `[2, 3]`, for error messages. */
export const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** The multi-index of flat position `flat` in a contiguous tensor of `shape`, as `[i, j, ...]`. */
export function positionOf(flat: number, shape: readonly number[]): string {
  const idx: number[] = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const s = shape[d]!;
    idx[d] = s === 0 ? 0 : rest % s;
    rest = s === 0 ? rest : Math.floor(rest / s);
  }
  return fmtShape(idx);
}

/** Throws unless `t` is a float32/float64 Tensor. */
export function checkFloatTensor(fn: string, name: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw new TypeError(`${fn}: ${name} must be a Tensor, got ${typeof t}`);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new TypeError(`${fn}: ${name} must be float32 or float64, got ${t.dtype} (shape ${fmtShape(t.shape)})`);
  }
}

/** Throws unless input and target are float tensors of one dtype and one shape (naming both shapes/dtypes). */
export function checkPair(fn: string, input: unknown, target: unknown): asserts target is Tensor {
  checkFloatTensor(fn, 'input', input);
  checkFloatTensor(fn, 'target', target);
  if (input.dtype !== target.dtype) {
    throw new TypeError(`${fn}: target dtype ${target.dtype} does not match input dtype ${input.dtype}`);
  }
  if (!sameShape(input.shape, target.shape)) {
    throw new RangeError(`${fn}: target shape ${fmtShape(target.shape)} does not match input shape ${fmtShape(input.shape)}`);
  }
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Throws if `t` holds a NaN, naming its position. */
export function checkNoNaN(fn: string, name: string, t: Tensor): void {
  const data = t.toFlatArray();
  for (let i = 0; i < data.length; i++) {
    if (Number.isNaN(data[i])) throw new RangeError(`${fn}: ${name} is NaN at position ${positionOf(i, t.shape)} (shape ${fmtShape(t.shape)})`);
  }
}

/** Throws unless `w` is a float tensor of `input`'s dtype whose shape broadcasts to `input`'s shape without growing it. */
export function checkBroadcastWeight(fn: string, name: string, w: unknown, input: Tensor): asserts w is Tensor {
  checkFloatTensor(fn, name, w);
  if (w.dtype !== input.dtype) throw new TypeError(`${fn}: ${name} dtype ${w.dtype} does not match input dtype ${input.dtype}`);
  const ok = w.ndim <= input.ndim && w.shape.every((s, i) => s === 1 || s === input.shape[input.ndim - w.ndim + i]);
  if (!ok) throw new RangeError(`${fn}: ${name} shape ${fmtShape(w.shape)} does not broadcast to input shape ${fmtShape(input.shape)}`);
  checkNoNaN(fn, name, w);
}
