// Reference (TypeScript) reductions over the middle axis of (outer, n, inner) and broadcast binary rows: the oracle of the native kernels.
import { BinaryOp, ReduceOp, type BinaryOpCode, type ReduceOpCode } from './backend.js';

const APPLY: Record<BinaryOpCode, (x: number, y: number) => number> = {
  [BinaryOp.add]: (x, y) => x + y,
  [BinaryOp.sub]: (x, y) => x - y,
  [BinaryOp.mul]: (x, y) => x * y,
  [BinaryOp.div]: (x, y) => x / y,
};

/** out (rows, n) = a (op) b with a(r, j) at aOffset + r * aRowStride + j * aColStride (b likewise), rounded to float32. */
export function binaryBroadcastRows(
  op: BinaryOpCode, rows: number, n: number,
  a: Float32Array, aOffset: number, aRowStride: number, aColStride: number,
  b: Float32Array, bOffset: number, bRowStride: number, bColStride: number,
  out: Float32Array, outOffset: number,
): void {
  const f = APPLY[op];
  for (let r = 0; r < rows; r++) {
    const ar = aOffset + r * aRowStride, br = bOffset + r * bRowStride, o = outOffset + r * n;
    for (let j = 0; j < n; j++) out[o + j] = f(a[ar + j * aColStride]!, b[br + j * bColStride]!);
  }
}

/** out (outer, inner) = sum, mean (float64 accumulation, one rounding), max or min (NaN propagates) over n of x. */
export function reduceRows(
  op: ReduceOpCode, outer: number, n: number, inner: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number,
): void {
  const extreme = op === ReduceOp.max || op === ReduceOp.min;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < inner; c++) {
      const base = xOffset + o * n * inner + c;
      let acc = extreme ? (op === ReduceOp.max ? -Infinity : Infinity) : 0;
      for (let k = 0; k < n; k++) {
        const v = x[base + k * inner]!;
        if (!extreme) acc += v;
        else if (Number.isNaN(v) || (op === ReduceOp.max ? v > acc : v < acc)) acc = v;
        if (Number.isNaN(acc)) break;
      }
      out[outOffset + o * inner + c] = op === ReduceOp.mean ? acc / n : acc;
    }
  }
}

/** values and indices (outer, inner) of the max (or min) over n >= 1 of x: the first on ties, the first NaN when there is one. */
export function argReduceRows(
  max: boolean, outer: number, n: number, inner: number, x: Float32Array, xOffset: number,
  values: Float32Array, valuesOffset: number, indices: Int32Array, indicesOffset: number,
): void {
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < inner; c++) {
      const base = xOffset + o * n * inner + c;
      let best = x[base]!, at = 0;
      for (let k = 1; k < n && !Number.isNaN(best); k++) {
        const v = x[base + k * inner]!;
        if (Number.isNaN(v) || (max ? v > best : v < best)) { best = v; at = k; }
      }
      values[valuesOffset + o * inner + c] = best;
      indices[indicesOffset + o * inner + c] = at;
    }
  }
}
