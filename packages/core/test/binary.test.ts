// Elementwise binary ops on both backends, including SIMD tails and in-place use.
import { assertAllClose, randomFloat32, seededRandom } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import { BinaryOp, type BinaryOpName } from '../src/backend/backend.js';
import { binaryOp } from '../src/kernels.js';
import { nativeBackend, referenceBackend } from './helpers.js';

const FN: Record<BinaryOpName, (x: number, y: number) => number> = {
  add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y,
};

describe.each([
  ['native', nativeBackend],
  ['reference', () => referenceBackend],
])('binaryF32 on the %s backend', (_name, get) => {
  it.each(Object.keys(FN) as BinaryOpName[])('%s matches float32-rounded scalar math for every tail length', (op) => {
    for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 33, 1000]) {
      const rng = seededRandom(n + 11);
      const a = randomFloat32(n, rng), b = randomFloat32(n, rng, 0.5, 2);
      const out = new Float32Array(n);
      get().binaryF32(BinaryOp[op], n, a, 0, b, 0, out, 0);
      const expected = Float32Array.from(a, (x, i) => FN[op](x, b[i]!));
      // One IEEE operation per element: results must be bit-identical.
      expect(Array.from(out)).toEqual(Array.from(expected));
    }
  });

  it('honours offsets and writes nothing outside [offset, offset + n)', () => {
    const a = new Float32Array([1, 2, 3, 4]), b = new Float32Array([10, 20, 30]), out = new Float32Array(5);
    get().binaryF32(BinaryOp.add, 2, a, 2, b, 1, out, 3);
    expect(Array.from(out)).toEqual([0, 0, 0, 23, 34]);
  });
});

describe('binaryOp (public)', () => {
  it('works in place', () => {
    const a = new Float32Array([1, 2, 3]);
    binaryOp('mul', a, a, a);
    assertAllClose(a, [1, 4, 9]);
  });
});
