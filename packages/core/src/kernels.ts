// Low-level kernels on raw float arrays, validated here so every backend sees only well-formed calls.
import { BinaryOp, type BinaryOpName } from './backend/backend.js';
import { getBackend } from './backend/select.js';

/** Arguments of {@link sgemm} and {@link dgemm}: C = alpha * op(A) * op(B) + beta * C on row-major matrices. */
export interface GemmArgs<T extends Float32Array | Float64Array> {
  /** Rows of op(A) and C. */
  m: number;
  /** Columns of op(B) and C. */
  n: number;
  /** Columns of op(A), rows of op(B). */
  k: number;
  a: T;
  b: T;
  c: T;
  /** Use Aᵀ: A is stored (k, m). Default false. */
  transA?: boolean;
  /** Use Bᵀ: B is stored (n, k). Default false. */
  transB?: boolean;
  /** Default 1. */
  alpha?: number;
  /** Default 0: C is overwritten and not read. */
  beta?: number;
  aOffset?: number;
  bOffset?: number;
  cOffset?: number;
  /** Row stride of stored A; defaults to its row length. */
  lda?: number;
  ldb?: number;
  ldc?: number;
}

function checkCount(fn: string, name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${v}`);
}

/** Arguments of {@link sgemm}. */
export type SgemmArgs = GemmArgs<Float32Array>;
/** Arguments of {@link dgemm}. */
export type DgemmArgs = GemmArgs<Float64Array>;

function checkArray<T>(fn: string, name: string, v: unknown, type: new (n: number) => T): asserts v is T {
  if (!(v instanceof type)) {
    const got = v === null ? 'null' : typeof v === 'object' ? (v as object).constructor.name : typeof v;
    throw new TypeError(`${fn}: ${name} must be a ${type.name}, got ${got}`);
  }
}

function checkF32(fn: string, name: string, v: unknown): asserts v is Float32Array {
  checkArray(fn, name, v, Float32Array);
}

// Bytes [start, end) of the buffer that a (rows, cols) matrix with row stride ld at offset occupies.
function byteSpan(arr: Float32Array | Float64Array, offset: number, rows: number, cols: number, ld: number): [number, number] {
  const start = arr.byteOffset + offset * arr.BYTES_PER_ELEMENT;
  return [start, start + ((rows - 1) * ld + cols) * arr.BYTES_PER_ELEMENT];
}

function overlaps(x: Float32Array | Float64Array, xs: [number, number], y: Float32Array | Float64Array, ys: [number, number]): boolean {
  return x.buffer === y.buffer && xs[0] < ys[1] && ys[0] < xs[1];
}

function checkMatrix(fn: string, name: string, arr: Float32Array | Float64Array, offset: number, rows: number, cols: number, ld: number): void {
  checkCount(fn, `${name} offset`, offset);
  checkCount(fn, `ld${name}`, ld);
  if (rows === 0 || cols === 0) return;
  if (ld < cols) throw new RangeError(`${fn}: ld${name} = ${ld} is smaller than the row length ${cols} of stored ${name.toUpperCase()} (${rows}x${cols})`);
  const needed = offset + (rows - 1) * ld + cols;
  if (needed > arr.length) {
    throw new RangeError(`${fn}: ${name} has length ${arr.length} but a ${rows}x${cols} matrix at offset ${offset} with ld${name} = ${ld} needs ${needed}`);
  }
}

function checkGemm<T extends Float32Array | Float64Array>(fn: string, args: GemmArgs<T>, type: new (n: number) => T) {
  const { m, n, k, a, b, c } = args;
  const transA = args.transA ?? false, transB = args.transB ?? false;
  const alpha = args.alpha ?? 1, beta = args.beta ?? 0;
  checkCount(fn, 'm', m); checkCount(fn, 'n', n); checkCount(fn, 'k', k);
  checkArray(fn, 'a', a, type); checkArray(fn, 'b', b, type); checkArray(fn, 'c', c, type);
  if (!Number.isFinite(alpha) || !Number.isFinite(beta)) throw new RangeError(`${fn}: alpha and beta must be finite, got ${alpha} and ${beta}`);
  const [aRows, aCols] = transA ? [k, m] : [m, k];
  const [bRows, bCols] = transB ? [n, k] : [k, n];
  const lda = args.lda ?? aCols, ldb = args.ldb ?? bCols, ldc = args.ldc ?? n;
  const aOffset = args.aOffset ?? 0, bOffset = args.bOffset ?? 0, cOffset = args.cOffset ?? 0;
  checkMatrix(fn, 'a', a, aOffset, aRows, aCols, lda);
  checkMatrix(fn, 'b', b, bOffset, bRows, bCols, ldb);
  checkMatrix(fn, 'c', c, cOffset, m, n, ldc);
  if (m > 0 && n > 0 && k > 0 && alpha !== 0) {
    const cs = byteSpan(c, cOffset, m, n, ldc);
    if (overlaps(c, cs, a, byteSpan(a, aOffset, aRows, aCols, lda)) || overlaps(c, cs, b, byteSpan(b, bOffset, bRows, bCols, ldb))) {
      throw new RangeError(`${fn}: c must not share memory with a or b (write the product to a separate array)`);
    }
  }
  return [transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc] as const;
}

/** C = alpha * op(A) * op(B) + beta * C on row-major float32 matrices, in place in `c`. */
export function sgemm(args: SgemmArgs): void {
  getBackend().sgemm(...checkGemm('sgemm', args, Float32Array));
}

/** C = alpha * op(A) * op(B) + beta * C on row-major float64 matrices, in place in `c`. */
export function dgemm(args: DgemmArgs): void {
  getBackend().dgemm(...checkGemm('dgemm', args, Float64Array));
}

/** out = a (op) b elementwise over float32 arrays of equal length; out may be a or b. */
export function binaryOp(op: BinaryOpName, a: Float32Array, b: Float32Array, out: Float32Array): void {
  const fn = 'binaryOp';
  const code = BinaryOp[op];
  if (code === undefined) throw new RangeError(`${fn}: unknown op '${String(op)}' (expected add, sub, mul or div)`);
  checkF32(fn, 'a', a); checkF32(fn, 'b', b); checkF32(fn, 'out', out);
  if (a.length !== b.length || a.length !== out.length) {
    throw new RangeError(`${fn}(${op}): lengths differ: a ${a.length}, b ${b.length}, out ${out.length}`);
  }
  getBackend().binaryF32(code, a.length, a, 0, b, 0, out, 0);
}
