// Softmax cross-entropy over rows in TypeScript: the reference backend's kernels and the float64 path of the op.
// Same contract as the native kernels (native/src/kernels/xent/xent.h): x (N, C), target (N), weight (C) or null,
// loss (N), stats (N, 2) = (row max, log Σ exp(x - max)), gradLoss (N), gradX (N, C).

/** Float storage; float32 results are computed in double and rounded once on store. */
export type FloatArray = Float32Array | Float64Array;

function weightTotal(c: number, weight: FloatArray | null): number {
  if (weight === null) return c;
  let s = 0;
  for (let j = 0; j < c; j++) s += weight[j]!;
  return s;
}

/**
 * Per-row loss (1 - ε) w[t] (lse - x[t]) + ε / C Σ_c w[c] (lse - x[c]), 0 for rows whose target is ignoreIndex,
 * and each row's (max, log-sum) so backward can rebuild the softmax exactly. ε = 0 skips the smoothing term.
 */
export function crossEntropyForwardRows(
  n: number, c: number, x: FloatArray, target: Int32Array, weight: FloatArray | null,
  ignoreIndex: number, labelSmoothing: number, loss: FloatArray, stats: FloatArray,
): void {
  const eps = labelSmoothing;
  const wTotal = eps > 0 ? weightTotal(c, weight) : 0;
  for (let r = 0; r < n; r++) {
    const t = target[r]!;
    if (t === ignoreIndex) {
      loss[r] = 0;
      stats[2 * r] = stats[2 * r + 1] = 0;
      continue;
    }
    const base = r * c;
    let m = -Infinity;
    for (let j = 0; j < c; j++) m = Math.max(m, x[base + j]!);
    let s = 0;
    for (let j = 0; j < c; j++) s += Math.exp(x[base + j]! - m);
    // Stored first so a float32 row uses the same rounded log-sum as its backward.
    stats[2 * r] = m;
    stats[2 * r + 1] = Math.log(s);
    const logSum = stats[2 * r + 1]!;
    const wt = weight === null ? 1 : weight[t]!;
    let l = (1 - eps) * wt * (logSum + (m - x[base + t]!));
    if (eps > 0) {
      // Σ_c w[c] (lse - x[c]) = W log-sum + Σ_c w[c] (max - x[c]); the second sum has no cancellation.
      let gap = 0;
      for (let j = 0; j < c; j++) gap += (weight === null ? 1 : weight[j]!) * (m - x[base + j]!);
      l += (eps / c) * (wTotal * logSum + gap);
    }
    loss[r] = l;
  }
}

/**
 * gradX = the gradient of Σ_i gradLoss[i] loss[i]: per row gradLoss[i] (((1 - ε) w[t] + ε W / C) softmax - ε w / C
 * - (1 - ε) w[t] onehot(t)), zero for ignored rows, with the softmax rebuilt from x and the forward's stats.
 */
export function crossEntropyBackwardRows(
  n: number, c: number, x: FloatArray, target: Int32Array, weight: FloatArray | null,
  ignoreIndex: number, labelSmoothing: number, stats: FloatArray, gradLoss: FloatArray, gradX: FloatArray,
): void {
  const eps = labelSmoothing;
  const wTotal = eps > 0 ? weightTotal(c, weight) : 0;
  for (let r = 0; r < n; r++) {
    const base = r * c;
    const t = target[r]!;
    if (t === ignoreIndex) {
      gradX.fill(0, base, base + c);
      continue;
    }
    const s = gradLoss[r]!;
    const wt = weight === null ? 1 : weight[t]!;
    const pScale = s * ((1 - eps) * wt + (eps * wTotal) / c);
    const epsScale = (s * eps) / c;
    const targetScale = s * (1 - eps) * wt;
    const m = stats[2 * r]!, logSum = stats[2 * r + 1]!;
    for (let j = 0; j < c; j++) {
      // One rounding on store, so a float32 gradient that is exactly 0 in theory (C = 1) comes out 0.
      gradX[base + j] = pScale * Math.exp(x[base + j]! - m - logSum) - epsScale * (weight === null ? 1 : weight[j]!) -
        (j === t ? targetScale : 0);
    }
  }
}
