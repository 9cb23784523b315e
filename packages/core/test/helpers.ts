// Test helpers for @nn/core: the two backends side by side and a float64 GEMM oracle.
import type { Backend } from '../src/backend/backend.js';
import { referenceBackend } from '../src/backend/reference.js';
import { backendInfo, getBackend } from '../src/backend/select.js';

/** The native backend; the tests need it (CI builds it), so its absence is a failure, not a skip. */
export function nativeBackend(): Backend {
  const backend = getBackend();
  if (backend.name !== 'native') {
    throw new Error(`native backend expected, got ${backend.name}; attempts: ${JSON.stringify(backendInfo().attempts)}`);
  }
  return backend;
}

export { referenceBackend };

/** C = alpha * op(A) op(B) + beta * C in float64, written for clarity, not speed. */
export function gemmOracle(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: Float32Array | Float64Array, lda: number, b: Float32Array | Float64Array, ldb: number, beta: number,
  c: Float32Array | Float64Array, ldc: number,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) {
        const x = transA ? a[p * lda + i]! : a[i * lda + p]!;
        const y = transB ? b[j * ldb + p]! : b[p * ldb + j]!;
        acc += x * y;
      }
      out[i * n + j] = alpha * acc + (beta === 0 ? 0 : beta * c[i * ldc + j]!);
    }
  }
  return out;
}
