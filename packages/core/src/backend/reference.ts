// The TypeScript reference backend: plain loops, used when no native binary loads and as the tests' oracle.
import { BinaryOp, UnaryOp, type Backend, type BinaryOpCode, type UnaryOpCode } from './backend.js';
import { embeddingGatherRows, embeddingScatterAddRows } from './reference-embedding.js';
import { adagradStepRef, adamStepRef, rmspropStepRef, sgdStepRef } from './reference-optim.js';
import { argReduceRows, binaryBroadcastRows, reduceRows } from './reference-reduce.js';
import { crossEntropyBackwardRows, crossEntropyForwardRows } from './reference-xent.js';

function gemm<T extends Float32Array | Float64Array>(
  transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
  a: T, aOffset: number, lda: number,
  b: T, bOffset: number, ldb: number,
  beta: number, c: T, cOffset: number, ldc: number,
): void {
  // Accumulate a row of C in float64, then round once on store.
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    if (alpha !== 0) {
      for (let p = 0; p < k; p++) {
        const aip = transA ? a[aOffset + p * lda + i]! : a[aOffset + i * lda + p]!;
        if (aip === 0) continue;
        if (transB) {
          for (let j = 0; j < n; j++) row[j]! += aip * b[bOffset + j * ldb + p]!;
        } else {
          const base = bOffset + p * ldb;
          for (let j = 0; j < n; j++) row[j]! += aip * b[base + j]!;
        }
      }
    }
    const base = cOffset + i * ldc;
    for (let j = 0; j < n; j++) {
      c[base + j] = beta === 0 ? alpha * row[j]! : alpha * row[j]! + beta * c[base + j]!;
    }
  }
}

function binaryF32(
  op: BinaryOpCode, n: number,
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
): void {
  switch (op) {
    case BinaryOp.add: for (let i = 0; i < n; i++) out[outOffset + i] = a[aOffset + i]! + b[bOffset + i]!; return;
    case BinaryOp.sub: for (let i = 0; i < n; i++) out[outOffset + i] = a[aOffset + i]! - b[bOffset + i]!; return;
    case BinaryOp.mul: for (let i = 0; i < n; i++) out[outOffset + i] = a[aOffset + i]! * b[bOffset + i]!; return;
    case BinaryOp.div: for (let i = 0; i < n; i++) out[outOffset + i] = a[aOffset + i]! / b[bOffset + i]!; return;
  }
}

const UNARY: Record<UnaryOpCode, (v: number) => number> = {
  [UnaryOp.exp]: Math.exp,
  [UnaryOp.log]: Math.log,
  [UnaryOp.tanh]: Math.tanh,
  [UnaryOp.sigmoid]: (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
};

function unaryF32(op: UnaryOpCode, n: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number): void {
  const f = UNARY[op];
  for (let i = 0; i < n; i++) out[outOffset + i] = f(x[xOffset + i]!);
}

function softmaxF32(rows: number, n: number, x: Float32Array, xOffset: number, out: Float32Array, outOffset: number, log: boolean): void {
  for (let r = 0; r < rows; r++) {
    const xi = xOffset + r * n, oi = outOffset + r * n;
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, x[xi + j]!);
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.exp(x[xi + j]! - m);
    const ls = Math.log(s);
    for (let j = 0; j < n; j++) out[oi + j] = log ? x[xi + j]! - m - ls : Math.exp(x[xi + j]! - m - ls);
  }
}

/** The TypeScript reference backend. */
export const referenceBackend: Backend = { name: 'reference', sgemm: gemm<Float32Array>, dgemm: gemm<Float64Array>, binaryF32, unaryF32, softmaxF32,
  crossEntropyForwardF32: crossEntropyForwardRows, crossEntropyBackwardF32: crossEntropyBackwardRows,
  embeddingGatherF32: embeddingGatherRows, embeddingScatterAddF32: embeddingScatterAddRows,
  binaryBroadcastF32: binaryBroadcastRows, reduceF32: reduceRows, argReduceF32: argReduceRows,
  sgdStepF32: sgdStepRef, adamStepF32: adamStepRef, rmspropStepF32: rmspropStepRef, adagradStepF32: adagradStepRef,
};
