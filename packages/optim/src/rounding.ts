// Rounding that mimics PyTorch's per-operation float32 arithmetic in the TypeScript-loop optimizers.

/** Rounds to the parameter's precision: Math.fround for float32 arrays, the identity for float64. */
export function rounder(a: Float32Array | Float64Array): (x: number) => number {
  return a instanceof Float32Array ? Math.fround : (x: number) => x;
}
