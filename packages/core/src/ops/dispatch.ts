// The one table of thresholds that decides when an op calls a backend kernel instead of the TypeScript loop.

function fromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`@nn/core: ${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return v;
}

/**
 * Sizes (in elements, or multiply-adds for matmul) from which the backend kernel is used. Below them the
 * cost of crossing into native code is not repaid. NN_DISPATCH_* environment variables override them.
 */
export const dispatch = {
  /** Contiguous same-shape float32 add/sub/mul/div. */
  elementwiseMin: fromEnv('NN_DISPATCH_ELEMENTWISE_MIN', 256),
  /** float32 matmul, in m*n*k. */
  matmulMin: fromEnv('NN_DISPATCH_MATMUL_MIN', 512),
  /** float32 add/sub/mul/div where an operand broadcasts as a scalar, a repeated row or a column, in output elements. */
  broadcastMin: fromEnv('NN_DISPATCH_BROADCAST_MIN', 256),
  /** float32 sum/mean/amax/amin over adjacent dims and argmax/argmin/max/min along a dim, in input elements. */
  reduceMin: fromEnv('NN_DISPATCH_REDUCE_MIN', 256),
  /** float32 embedding / indexSelect along dim 0 of a contiguous table (gather) and its backward (scatter-add), in rows x row length. */
  embeddingMin: fromEnv('NN_DISPATCH_EMBEDDING_MIN', 64),
};
