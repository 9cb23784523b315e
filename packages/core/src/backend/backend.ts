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
  /** out[i] = a[i] (op) b[i] for i in [0, n); out may alias a or b. */
  binaryF32(
    op: BinaryOpCode, n: number,
    a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  ): void;
  /** out[i] = f(x[i]) for i in [0, n): exp, log, tanh or sigmoid (native: within 1-3 ulp of libm); out may alias x. */
  unaryF32(op: UnaryOpCode, n: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number): void;
  /** Softmax (or log-softmax when `log`) of each row of a contiguous (rows, n) matrix, max-shifted; out may alias x. */
  softmaxF32(rows: number, n: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number, log: boolean): void;
}
