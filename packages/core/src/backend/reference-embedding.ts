// Embedding gather / scatter-add in TypeScript for the reference backend (contract of native/src/kernels/embedding).

/** out (n, d) = rows index[k] of weight (v, d); indices are in [0, v) (checked by the caller). */
export function embeddingGatherRows(n: number, _v: number, d: number, weight: Float32Array, index: Int32Array, out: Float32Array): void {
  for (let k = 0; k < n; k++) out.set(weight.subarray(index[k]! * d, (index[k]! + 1) * d), k * d);
}

/**
 * gradWeight (v, d) += rows of gradOut (n, d) at index[k], in order of k (repeated indices accumulate); rows whose
 * index equals paddingIdx are skipped (-1: none).
 */
export function embeddingScatterAddRows(
  n: number, _v: number, d: number, gradOut: Float32Array, index: Int32Array, paddingIdx: number, gradWeight: Float32Array,
): void {
  for (let k = 0; k < n; k++) {
    const i = index[k]!;
    if (i === paddingIdx) continue;
    const dst = i * d, src = k * d;
    for (let j = 0; j < d; j++) gradWeight[dst + j] = gradWeight[dst + j]! + gradOut[src + j]!;
  }
}
