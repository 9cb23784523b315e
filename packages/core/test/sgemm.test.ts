// SGEMM and DGEMM on the native and reference backends against a float64 oracle: awkward sizes, transposes, strides, alpha/beta.
import { assertAllClose, randomFloat32, seededRandom } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../src/backend/backend.js';
import { gemmOracle, nativeBackend, referenceBackend } from './helpers.js';

const SIZES = [1, 3, 7, 17, 63, 65, 257];

interface Case { m: number; n: number; k: number; transA: boolean; transB: boolean; alpha: number; beta: number; pad: number }

function runCase(backend: Backend, c: Case, seed: number): void {
  const rng = seededRandom(seed);
  const [aRows, aCols] = c.transA ? [c.k, c.m] : [c.m, c.k];
  const [bRows, bCols] = c.transB ? [c.n, c.k] : [c.k, c.n];
  const lda = aCols + c.pad, ldb = bCols + c.pad, ldc = c.n + c.pad;
  const a = randomFloat32(aRows * lda, rng), b = randomFloat32(bRows * ldb, rng), cInit = randomFloat32(c.m * ldc, rng);
  const out = cInit.slice();
  backend.sgemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, a, 0, lda, b, 0, ldb, c.beta, out, 0, ldc);
  const expected = gemmOracle(c.transA, c.transB, c.m, c.n, c.k, c.alpha, a, lda, b, ldb, c.beta, cInit, ldc);
  const got = new Float64Array(c.m * c.n);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) got[i * c.n + j] = out[i * ldc + j]!;
    // Padding between rows must be left untouched.
    for (let j = c.n; j < ldc; j++) expect(out[i * ldc + j]).toBe(cInit[i * ldc + j]);
  }
  // float32 accumulation over k terms of magnitude <= 1: error grows like sqrt(k) * eps.
  assertAllClose(got, expected, { rtol: 1e-5, atol: 2e-6 * Math.sqrt(c.k + 1) * 4, label: `${backend.name} sgemm ${JSON.stringify(c)}` });
}

function cases(): Case[] {
  const out: Case[] = [];
  let i = 0;
  for (const m of SIZES) {
    for (const n of SIZES) {
      // k cycles through the sizes too, so every size meets every role without a cubic blow-up.
      const k = SIZES[(i++ * 3) % SIZES.length]!;
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          out.push({ m, n, k, transA, transB, alpha: 1, beta: 0, pad: (m + n) % 3 });
        }
      }
    }
  }
  return out;
}

describe.each([
  ['native', nativeBackend],
  ['reference', () => referenceBackend],
])('sgemm on the %s backend', (_name, get) => {
  it('matches the float64 oracle on awkward sizes, every transpose pair and padded leading dimensions', () => {
    const backend = get();
    cases().forEach((c, i) => runCase(backend, c, 1000 + i));
  });

  it('applies alpha and beta, including beta = 0 and k larger than one cache block', () => {
    const backend = get();
    const specs: Array<Partial<Case>> = [
      { alpha: 2.5, beta: 0 }, { alpha: 1, beta: 1 }, { alpha: -0.5, beta: 0.75 }, { alpha: 0, beta: 0.5 },
      { m: 13, n: 37, k: 600, alpha: 1, beta: 1 }, { m: 150, n: 40, k: 300, transA: true, alpha: 1, beta: -1 },
    ];
    specs.forEach((s, i) => runCase(backend, { m: 9, n: 20, k: 11, transA: false, transB: false, alpha: 1, beta: 0, pad: 2, ...s }, 77 + i));
  });

  it('does not read C when beta is 0, so NaN in C does not leak', () => {
    const c = new Float32Array([NaN, NaN, NaN, NaN]);
    get().sgemm(false, false, 2, 2, 1, 1, new Float32Array([1, 2]), 0, 1, new Float32Array([3, 4]), 0, 2, 0, c, 0, 2);
    expect(Array.from(c)).toEqual([3, 4, 6, 8]);
  });

  it('scales C by beta when k is 0 and honours offsets', () => {
    const c = new Float32Array([9, 1, 2, 3, 4]);
    get().sgemm(false, false, 2, 2, 0, 1, new Float32Array(0), 0, 1, new Float32Array(0), 0, 2, 2, c, 1, 2);
    expect(Array.from(c)).toEqual([9, 2, 4, 6, 8]);
    const out = new Float32Array(3);
    get().sgemm(false, false, 1, 1, 2, 1, new Float32Array([0, 1, 2]), 1, 2, new Float32Array([5, 3, 4]), 1, 1, 0, out, 2, 1);
    expect(Array.from(out)).toEqual([0, 0, 11]);
  });
});

describe('native and reference backends agree', () => {
  it('on a 65x257x63 product with both transposes', () => {
    const rng = seededRandom(5);
    const a = randomFloat32(63 * 65, rng), b = randomFloat32(257 * 63, rng);
    const n1 = new Float32Array(65 * 257), n2 = new Float32Array(65 * 257);
    nativeBackend().sgemm(true, true, 65, 257, 63, 1, a, 0, 65, b, 0, 63, 0, n1, 0, 257);
    referenceBackend.sgemm(true, true, 65, 257, 63, 1, a, 0, 65, b, 0, 63, 0, n2, 0, 257);
    assertAllClose(n1, n2, { rtol: 1e-5, atol: 1e-5 });
  });
});

describe.each([
  ['native', nativeBackend],
  ['reference', () => referenceBackend],
])('dgemm on the %s backend', (_name, get) => {
  it('matches the oracle to float64 rounding on awkward sizes, transposes, offsets and beta', () => {
    const backend = get();
    const rng = seededRandom(9);
    const rand = (len: number) => Float64Array.from(randomFloat32(len, rng), (v) => v + 1e-9 * rng());
    for (const [m, n, k, transA, transB, beta] of [
      [1, 1, 1, false, false, 0], [7, 17, 3, true, false, 1], [65, 63, 257, false, true, 0.5], [257, 65, 17, true, true, 0],
      [13, 37, 600, false, false, -1],
    ] as const) {
      const [aRows, aCols] = transA ? [k, m] : [m, k];
      const [bRows, bCols] = transB ? [n, k] : [k, n];
      const a = rand(aRows * aCols + 2), b = rand(bRows * bCols + 1), cInit = rand(m * n + 3);
      const out = cInit.slice();
      backend.dgemm(transA, transB, m, n, k, 1.5, a, 2, aCols, b, 1, bCols, beta, out, 3, n);
      const expected = gemmOracle(transA, transB, m, n, k, 1.5, a.subarray(2), aCols, b.subarray(1), bCols, beta, cInit.subarray(3), n);
      // Only the summation order differs from the oracle: a few ulps of float64 per term.
      assertAllClose(out.subarray(3), expected, { rtol: 1e-13, atol: 1e-13 * Math.sqrt(k), label: `${backend.name} dgemm ${m}x${n}x${k}` });
      expect(Array.from(out.subarray(0, 3))).toEqual(Array.from(cInit.subarray(0, 3)));
    }
  });
});
