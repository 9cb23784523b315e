// GEMM on tensor views: maps a 2-D view onto (transpose flag, leading dimension) so no transposed copy is made.
import { getBackend } from '../backend/select.js';
import type { Storage } from '../tensor/dtype.js';
import type { Tensor } from '../tensor/tensor.js';
import { dispatch } from './dispatch.js';

/** A matrix as GEMM sees it: storage, offset, whether it is stored transposed, and the leading dimension. */
interface MatrixRef { data: Storage; offset: number; trans: boolean; ld: number }

/** Describes the (rows, cols) view `t` (with strides rs, cs at offset) for GEMM, copying only when no flag fits. */
function asMatrix(t: Tensor, offset: number, rs: number, cs: number, rows: number, cols: number): MatrixRef {
  if (cols === 1 || cs === 1) {
    const ld = rows === 1 ? Math.max(cols, 1) : rs;
    if (ld >= cols) return { data: t.data, offset, trans: false, ld };
  }
  if (rows === 1 || rs === 1) {
    const ld = cols === 1 ? Math.max(rows, 1) : cs;
    if (ld >= rows) return { data: t.data, offset, trans: true, ld };
  }
  // Irregular strides: copy this one matrix to row-major.
  const packed = new (t.data.constructor as new (n: number) => Storage)(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) packed[i * cols + j] = t.data[offset + i * rs + j * cs]!;
  return { data: packed, offset: 0, trans: false, ld: Math.max(cols, 1) };
}

/** C = op(A)op(B) + beta*C on any float storage, in TypeScript (below the dispatch size, where a native call costs more). */
function gemmTs(a: MatrixRef, b: MatrixRef, m: number, n: number, k: number, c: Storage, cOffset: number, ldc: number, beta: number): void {
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const aip = a.trans ? a.data[a.offset + p * a.ld + i]! : a.data[a.offset + i * a.ld + p]!;
      if (aip === 0) continue;
      if (b.trans) for (let j = 0; j < n; j++) row[j]! += aip * b.data[b.offset + j * b.ld + p]!;
      else { const base = b.offset + p * b.ld; for (let j = 0; j < n; j++) row[j]! += aip * b.data[base + j]!; }
    }
    const base = cOffset + i * ldc;
    for (let j = 0; j < n; j++) c[base + j] = beta === 0 ? row[j]! : row[j]! + beta * c[base + j]!;
  }
}

/** out (m, n) = a (m, k) @ b (k, n) for 2-D views, into contiguous storage at outOffset (beta = 1 accumulates). */
export function gemm2d(a: Tensor, b: Tensor, out: Storage, outOffset = 0, beta = 0): void {
  gemmAt(a, a.offset, a.strides[0]!, a.strides[1]!, b, b.offset, b.strides[0]!, b.strides[1]!, a.shape[0]!, b.shape[1]!, a.shape[1]!, out, outOffset, beta);
}

function gemmAt(a: Tensor, aOff: number, ars: number, acs: number, b: Tensor, bOff: number, brs: number, bcs: number,
  m: number, n: number, k: number, out: Storage, outOffset: number, beta: number): void {
  const am = asMatrix(a, aOff, ars, acs, m, k);
  const bm = asMatrix(b, bOff, brs, bcs, k, n);
  if (m * n * k >= dispatch.matmulMin && a.dtype === 'float32') {
    getBackend().sgemm(am.trans, bm.trans, m, n, k, 1, am.data as Float32Array, am.offset, am.ld, bm.data as Float32Array, bm.offset, bm.ld, beta, out as Float32Array, outOffset, Math.max(n, 1));
  } else if (m * n * k >= dispatch.matmulMin && a.dtype === 'float64') {
    getBackend().dgemm(am.trans, bm.trans, m, n, k, 1, am.data as Float64Array, am.offset, am.ld, bm.data as Float64Array, bm.offset, bm.ld, beta, out as Float64Array, outOffset, Math.max(n, 1));
  } else {
    gemmTs(am, bm, m, n, k, out, outOffset, n, beta);
  }
}

/**
 * out[b] = a[b] @ b[b] for 3-D views a: (B, m, k), b: (B, k, n) (batch stride 0 allowed), into the contiguous
 * (B, m, n) storage `out` of the same float dtype; beta = 1 accumulates onto what `out` holds.
 */
export function batchedGemm(a: Tensor, b: Tensor, out: Storage, beta = 0): void {
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  for (let i = 0; i < batch; i++) {
    gemmAt(a, a.offset + i * a.strides[0]!, a.strides[1]!, a.strides[2]!, b, b.offset + i * b.strides[0]!, b.strides[1]!, b.strides[2]!, m, n, k, out, i * m * n, beta);
  }
}
