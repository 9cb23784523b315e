// The backend interface: flat kernels over typed arrays that every backend (native, TypeScript) implements.

/** Elementwise binary operations, with the integer codes the native addon understands. */
export const BinaryOp = { add: 0, sub: 1, mul: 2, div: 3 } as const;
/** Name of an elementwise binary operation. */
export type BinaryOpName = keyof typeof BinaryOp;
/** Integer code of an elementwise binary operation. */
export type BinaryOpCode = (typeof BinaryOp)[BinaryOpName];

/** Elementwise transcendental operations, with the integer codes the native addon understands. */
export const UnaryOp = { exp: 0, log: 1, tanh: 2, sigmoid: 3 } as const;
/** Integer code of an elementwise unary operation. */
export type UnaryOpCode = (typeof UnaryOp)[keyof typeof UnaryOp];

/** Reductions over the middle axis of a contiguous (outer, n, inner) tensor, with the codes the native addon understands. */
export const ReduceOp = { sum: 0, mean: 1, max: 2, min: 3 } as const;
/** Integer code of a reduction. */
export type ReduceOpCode = (typeof ReduceOp)[keyof typeof ReduceOp];

/**
 * Kernels a backend provides. Arguments are validated by the caller (the native side re-checks bounds);
 * matrices are row-major, and offsets and leading dimensions are in elements.
 */
export interface Backend {
  /** Which implementation this is. */
  readonly name: 'native' | 'reference';
  /**
   * C = alpha * op(A) * op(B) + beta * C, op(A): (m, k), op(B): (k, n), C: (m, n).
   * A is stored (k, m) when transA is set, B is stored (n, k) when transB is set. C is not read when beta is 0.
   */
  sgemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    a: Float32Array, aOffset: number, lda: number,
    b: Float32Array, bOffset: number, ldb: number,
    beta: number, c: Float32Array, cOffset: number, ldc: number,
  ): void;
  /** {@link Backend.sgemm} for float64 matrices. */
  dgemm(
    transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    a: Float64Array, aOffset: number, lda: number,
    b: Float64Array, bOffset: number, ldb: number,
    beta: number, c: Float64Array, cOffset: number, ldc: number,
  ): void;
  /** out[i] = a[i] (op) b[i] for i in [0, n); out may alias a or b. */
  binaryF32(
    op: BinaryOpCode, n: number,
    a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  ): void;
  /** out[i] = f(x[i]) for i in [0, n): exp, log, tanh or sigmoid (native: within 1-3 ulp of libm); out may alias x. */
  unaryF32(op: UnaryOpCode, n: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number): void;
  /** Softmax (or log-softmax when `log`) of each row of a contiguous (rows, n) matrix, max-shifted; out may alias x. */
  softmaxF32(rows: number, n: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number, log: boolean): void;
  /**
   * Fused softmax cross-entropy forward over logits x (n, c) with targets (n) in [0, c) or equal to ignoreIndex and
   * optional class weights (c): loss (n) per row, ε = labelSmoothing, (1 - ε) w[t] (lse - x[t]) + ε / c Σ w (lse - x),
   * 0 for ignored rows; stats (n, 2) = (row max, log Σ exp(x - max)) for the backward. Arrays start at element 0.
   */
  crossEntropyForwardF32(
    n: number, c: number, x: Float32Array, target: Int32Array, weight: Float32Array | null,
    ignoreIndex: number, labelSmoothing: number, loss: Float32Array, stats: Float32Array,
  ): void;
  /** gradX (n, c) = d(Σ gradLoss[i] loss[i]) / dx from x and the forward's stats in one pass; gradX may be x itself. */
  crossEntropyBackwardF32(
    n: number, c: number, x: Float32Array, target: Int32Array, weight: Float32Array | null,
    ignoreIndex: number, labelSmoothing: number, stats: Float32Array, gradLoss: Float32Array, gradX: Float32Array,
  ): void;
  /** out (n, d) = rows index[k] (each in [0, v)) of weight (v, d). */
  embeddingGatherF32(n: number, v: number, d: number, weight: Float32Array, index: Int32Array, out: Float32Array): void;
  /** gradWeight (v, d) += gradOut (n, d) row k at row index[k], in order of k; rows at paddingIdx skipped (-1: none). */
  embeddingScatterAddF32(
    n: number, v: number, d: number, gradOut: Float32Array, index: Int32Array, paddingIdx: number, gradWeight: Float32Array,
  ): void;
  /**
   * out (rows, n) contiguous = a (op) b where a(r, j) = a[aOffset + r * aRowStride + j * aColStride] (b likewise) and
   * each col stride is 0 (the operand repeats along the row: a scalar or a column) or 1 (a bias row or a matrix).
   * out may be an operand only when that operand is laid out exactly as out.
   */
  binaryBroadcastF32(
    op: BinaryOpCode, rows: number, n: number,
    a: Float32Array, aOffset: number, aRowStride: number, aColStride: number,
    b: Float32Array, bOffset: number, bRowStride: number, bColStride: number,
    out: Float32Array, outOffset: number,
  ): void;
  /**
   * out (outer, inner) = sum, mean, max or min over k of x (outer, n, inner) contiguous from xOffset. Max and min
   * propagate NaN and need n >= 1. Native sums are float32 with blocked, pairwise-combined accumulators.
   */
  reduceF32(op: ReduceOpCode, outer: number, n: number, inner: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number): void;
  /**
   * values and indices (outer, inner) of the largest (max) or smallest value over k of x (outer, n, inner), n >= 1,
   * as torch.max/min(x, dim): the first index on ties; a line holding NaN gives NaN and the index of its first NaN.
   */
  argReduceF32(
    max: boolean, outer: number, n: number, inner: number, x: Float32Array, xOffset: number,
    values: Float32Array, valuesOffset: number, indices: Int32Array, indicesOffset: number,
  ): void;
  /**
   * One SGD step (torch.optim.SGD, foreach=False) on a group of float32 tensors: params[i], grads[i] and
   * momentumBuffers[i] (read only when momentum != 0; set to the update direction on step 1) have equal lengths.
   */
  sgdStepF32(
    params: readonly Float32Array[], grads: readonly Float32Array[], momentumBuffers: readonly Float32Array[],
    lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: boolean, maximize: boolean, step: number,
  ): void;
  /** One Adam step, or AdamW when decoupledWeightDecay; maxExpAvgSqs is read only with amsgrad. step counts from 1. */
  adamStepF32(
    params: readonly Float32Array[], grads: readonly Float32Array[], expAvgs: readonly Float32Array[],
    expAvgSqs: readonly Float32Array[], maxExpAvgSqs: readonly Float32Array[],
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number,
    amsgrad: boolean, maximize: boolean, decoupledWeightDecay: boolean, step: number,
  ): void;
  /** One RMSProp step; gradAvgs is read only when centered, momentumBuffers only when momentum > 0. */
  rmspropStepF32(
    params: readonly Float32Array[], grads: readonly Float32Array[], squareAvgs: readonly Float32Array[],
    gradAvgs: readonly Float32Array[], momentumBuffers: readonly Float32Array[],
    lr: number, alpha: number, eps: number, weightDecay: number, momentum: number, centered: boolean, maximize: boolean,
  ): void;
  /** One AdaGrad step (dense gradients); step counts from 1. */
  adagradStepF32(
    params: readonly Float32Array[], grads: readonly Float32Array[], stateSums: readonly Float32Array[],
    lr: number, lrDecay: number, weightDecay: number, eps: number, maximize: boolean, step: number,
  ): void;
}
