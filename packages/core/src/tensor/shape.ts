// Shape arithmetic: sizes, contiguous strides, broadcasting and dimension normalisation, with errors naming the op.

/** A tensor shape: non-negative integer sizes, outermost first. */
export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides of a contiguous tensor of this shape. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export const formatShape = (shape: Shape): string => `[${shape.join(', ')}]`;

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The broadcast shape of two shapes (NumPy rules), or an error naming the op and both shapes. */
export function broadcastShapes(fn: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new RangeError(`${fn}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast (dimension ${i}: ${x} vs ${y})`);
    }
    out[i] = x === 1 ? y : x;
  }
  return out;
}

/** A dim in [-rank, rank) as a non-negative index, or an error naming the op. */
export function normalizeDim(fn: string, dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (!Number.isInteger(dim) || dim < -r || dim >= r) {
    throw new RangeError(`${fn}: dim ${dim} is out of range for a tensor of ${rank} dimension${rank === 1 ? '' : 's'} (expected ${-r}..${r - 1})`);
  }
  return dim < 0 ? dim + r : dim;
}

/** Throws unless every entry is a non-negative integer size. */
export function checkShape(fn: string, shape: readonly number[]): void {
  for (const s of shape) {
    if (!Number.isSafeInteger(s) || s < 0) throw new RangeError(`${fn}: invalid shape ${formatShape(shape)} (sizes must be non-negative integers)`);
  }
}
