// reduceF32, argReduceF32 and binaryBroadcastF32 on both backends: awkward shapes, NaN and ties, and the native argument checks.
import { assertAllClose, randomFloat32, seededRandom } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import { BinaryOp, ReduceOp, type Backend, type ReduceOpCode } from '../src/backend/backend.js';
import { nativeBackend, referenceBackend } from './helpers.js';

const SIZES = [1, 3, 7, 17, 63, 65, 257];

/** (outer, n, inner) shapes from the awkward sizes, kept under 20k elements so the suite stays quick. */
function shapes(): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const outer of SIZES) for (const n of SIZES) for (const inner of SIZES) if (outer * n * inner <= 20000) out.push([outer, n, inner]);
  return out;
}

/** Values with many exact ties (small integers) and, when `nanRate` > 0, NaNs. */
function tiedValues(size: number, seed: number, nanRate: number): Float32Array {
  const rng = seededRandom(seed);
  return Float32Array.from({ length: size }, () => (rng() < nanRate ? NaN : Math.floor(rng() * 7) - 3));
}

function reduce(be: Backend, op: ReduceOpCode, [outer, n, inner]: [number, number, number], x: Float32Array): Float32Array {
  const out = new Float32Array(outer * inner);
  be.reduceF32(op, outer, n, inner, x, 0, out, 0);
  return out;
}

describe('reduceF32 and argReduceF32: native against the reference backend', () => {
  it('sum and mean agree within float32 rounding of the float64 reference on every shape', () => {
    for (const shape of shapes()) {
      const [outer, n, inner] = shape;
      const x = randomFloat32(outer * n * inner, seededRandom(outer * 1000 + n * 10 + inner));
      for (const op of [ReduceOp.sum, ReduceOp.mean]) {
        const got = reduce(nativeBackend(), op, shape, x), want = reduce(referenceBackend, op, shape, x);
        // |x| <= 1: a blocked float32 sum of n terms is within about (64 + log2 n) * 2^-24 * n of the exact one.
        const atol = (Math.min(n, 80) * n * 2 ** -24) / (op === ReduceOp.mean ? n : 1);
        assertAllClose(got, want, { rtol: 2 ** -23, atol, label: `op ${op} shape ${shape}` });
      }
    }
  });

  it('max, min, argmax and argmin match exactly, with ties and NaN, on every shape', () => {
    for (const shape of shapes()) {
      const [outer, n, inner] = shape;
      const x = tiedValues(outer * n * inner, n * 31 + inner, (outer + n) % 2 === 0 ? 0.02 : 0);
      for (const max of [true, false]) {
        const values = [nativeBackend(), referenceBackend].map((be) => reduce(be, max ? ReduceOp.max : ReduceOp.min, shape, x));
        expect(Array.from(values[0]!), `${max ? 'max' : 'min'} ${shape}`).toEqual(Array.from(values[1]!));
        const args = [nativeBackend(), referenceBackend].map((be) => {
          const v = new Float32Array(outer * inner), i = new Int32Array(outer * inner);
          be.argReduceF32(max, outer, n, inner, x, 0, v, 0, i, 0);
          return [Array.from(v), Array.from(i)];
        });
        expect(args[0], `arg${max ? 'max' : 'min'} ${shape}`).toEqual(args[1]);
        expect(args[0]![0], `arg${max ? 'max' : 'min'} values ${shape}`).toEqual(Array.from(values[1]!));
      }
    }
  });

  it.each([
    ['native', nativeBackend],
    ['reference', () => referenceBackend],
  ])('%s: PyTorch rules on hand-made rows (first NaN, first of ties, infinities)', (_name, get) => {
    const rows = [
      [1, NaN, 3, NaN], [NaN, NaN, NaN, NaN], [2, 5, 5, 1], [Infinity, -Infinity, NaN, Infinity], [-Infinity, -Infinity, -Infinity, -Infinity],
    ];
    // torch.max/min(x, 1) of these rows (torch 1.13).
    const want = {
      max: { values: [NaN, NaN, 5, NaN, -Infinity], indices: [1, 0, 1, 2, 0] },
      min: { values: [NaN, NaN, 1, NaN, -Infinity], indices: [1, 0, 3, 2, 0] },
    };
    const x = Float32Array.from(rows.flat());
    for (const max of [true, false]) {
      const v = new Float32Array(5), i = new Int32Array(5), amax = new Float32Array(5);
      get().argReduceF32(max, 5, 4, 1, x, 0, v, 0, i, 0);
      get().reduceF32(max ? ReduceOp.max : ReduceOp.min, 5, 4, 1, x, 0, amax, 0);
      const w = max ? want.max : want.min;
      expect(Array.from(v)).toEqual(w.values);
      expect(Array.from(amax)).toEqual(w.values);
      expect(Array.from(i)).toEqual(w.indices);
    }
  });

  it('honours offsets and writes only (outer, inner) outputs', () => {
    for (const be of [nativeBackend(), referenceBackend]) {
      const x = Float32Array.from([99, 1, 2, 3, 4, 5, 6]);
      const out = new Float32Array(4).fill(-1);
      be.reduceF32(ReduceOp.sum, 1, 3, 2, x, 1, out, 1);
      expect(Array.from(out), be.name).toEqual([-1, 9, 12, -1]);
    }
  });
});

describe('binaryBroadcastF32: native against float32 scalar math', () => {
  const layouts = {
    matrix: (n: number) => ({ row: n, col: 1 }), row: () => ({ row: 0, col: 1 }), column: () => ({ row: 1, col: 0 }), scalar: () => ({ row: 0, col: 0 }),
  };
  type Name = keyof typeof layouts;
  it.each(Object.keys(layouts).flatMap((a) => Object.keys(layouts).map((b) => [a as Name, b as Name])))('a %s, b %s: bit-identical on both backends', (la, lb) => {
    for (const [rows, n] of [[1, 1], [3, 7], [17, 65], [5, 257]] as const) {
      const sa = layouts[la](n), sb = layouts[lb](n);
      const len = (s: { row: number; col: number }): number => (rows - 1) * s.row + (n - 1) * s.col + 1;
      const rng = seededRandom(rows * n);
      const a = randomFloat32(len(sa), rng), b = randomFloat32(len(sb), rng, 0.5, 2);
      for (const [name, op] of Object.entries(BinaryOp)) {
        const want = new Float32Array(rows * n);
        for (let r = 0; r < rows; r++) {
          for (let j = 0; j < n; j++) {
            const x = a[r * sa.row + j * sa.col]!, y = b[r * sb.row + j * sb.col]!;
            want[r * n + j] = name === 'add' ? x + y : name === 'sub' ? x - y : name === 'mul' ? x * y : x / y;
          }
        }
        for (const be of [nativeBackend(), referenceBackend]) {
          const out = new Float32Array(rows * n);
          be.binaryBroadcastF32(op, rows, n, a, 0, sa.row, sa.col, b, 0, sb.row, sb.col, out, 0);
          expect(Array.from(out), `${be.name} ${name} ${rows}x${n}`).toEqual(Array.from(want));
        }
      }
    }
  });
});

describe('native argument checks', () => {
  const x = new Float32Array(12), out = new Float32Array(4), idx = new Int32Array(4);
  it('reduceF32 rejects bad codes, short arrays, empty extremes and aliasing with RangeErrors naming it', () => {
    const be = nativeBackend();
    expect(() => be.reduceF32(7 as ReduceOpCode, 1, 3, 4, x, 0, out, 0)).toThrow(/^reduceF32: op must be 0\.\.3 .*got 7/);
    expect(() => be.reduceF32(ReduceOp.sum, 1, 4, 4, x, 0, out, 0)).toThrow(/^reduceF32: x \(length 12\) is too short for \(1, 4, 4\) at offset 0/);
    expect(() => be.reduceF32(ReduceOp.sum, 1, 3, 4, x, 1, out, 0)).toThrow(RangeError);
    expect(() => be.reduceF32(ReduceOp.sum, 1, 3, 4, x, 0, out, 1)).toThrow(/^reduceF32: out \(length 4\) is too short for \(1, 4\) at offset 1/);
    expect(() => be.reduceF32(ReduceOp.max, 1, 0, 4, x, 0, out, 0)).toThrow(/^reduceF32: n must be at least 1 for max and min/);
    expect(() => be.reduceF32(ReduceOp.sum, 1, 2, 4, x, 0, x, 4)).toThrow(/^reduceF32: out must not share memory with x/);
    expect(() => be.reduceF32(ReduceOp.sum, 2 ** 40, 2 ** 40, 2 ** 40, x, 0, out, 0)).toThrow(RangeError);
  });

  it('argReduceF32 rejects short arrays, n = 0 and shared memory', () => {
    const be = nativeBackend();
    expect(() => be.argReduceF32(true, 1, 3, 4, x, 0, out, 0, new Int32Array(3), 0)).toThrow(/^argReduceF32: indices \(length 3\) is too short/);
    expect(() => be.argReduceF32(true, 1, 0, 4, x, 0, out, 0, idx, 0)).toThrow(/^argReduceF32: n must be at least 1/);
    expect(() => be.argReduceF32(true, 1, 2, 4, x, 0, x, 4, idx, 0)).toThrow(/^argReduceF32: values, indices and x must not share memory/);
    expect(() => be.argReduceF32(true, 1, 3, 4, x, 0, out, 0, new Float32Array(4) as unknown as Int32Array, 0)).toThrow(TypeError);
  });

  it('binaryBroadcastF32 rejects bad strides, short operands and partial aliasing', () => {
    const be = nativeBackend();
    const a = new Float32Array(12), b = new Float32Array(4), o = new Float32Array(12);
    expect(() => be.binaryBroadcastF32(BinaryOp.add, 3, 4, a, 0, 4, 2, b, 0, 0, 1, o, 0)).toThrow(/^binaryBroadcastF32: aColStride must be 0 .* or 1, got 2/);
    expect(() => be.binaryBroadcastF32(BinaryOp.add, 3, 4, a, 0, 4, 1, b, 1, 0, 1, o, 0)).toThrow(/^binaryBroadcastF32: b \(length 4\) is too short for 3 rows of 4/);
    expect(() => be.binaryBroadcastF32(BinaryOp.add, 3, 4, a, 0, 4, 1, b, 0, 1, 1, o, 0)).toThrow(RangeError);
    expect(() => be.binaryBroadcastF32(BinaryOp.add, 3, 4, a, 0, 4, 1, b, 0, 0, 1, new Float32Array(11), 0)).toThrow(/^binaryBroadcastF32: out/);
    expect(() => be.binaryBroadcastF32(BinaryOp.add, 3, 4, a, 0, 4, 1, o, 0, 0, 1, o, 0)).toThrow(/^binaryBroadcastF32: out must not share memory with b/);
    expect(() => be.binaryBroadcastF32(9 as 0, 3, 4, a, 0, 4, 1, b, 0, 0, 1, o, 0)).toThrow(/^binaryBroadcastF32: op must be 0\.\.3/);
    // The matrix operand itself may be the output (in place).
    const m = Float32Array.from({ length: 12 }, (_, i) => i), bias = Float32Array.from([1, 2, 3, 4]);
    be.binaryBroadcastF32(BinaryOp.add, 3, 4, m, 0, 4, 1, bias, 0, 0, 1, m, 0);
    expect(Array.from(m)).toEqual([1, 3, 5, 7, 5, 7, 9, 11, 9, 11, 13, 15]);
  });
});
