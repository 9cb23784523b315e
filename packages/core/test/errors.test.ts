// Bad input: the public kernels name the function and the offending values; the addon throws, never crashes.
import { describe, expect, it } from 'vitest';
import { binaryOp, sgemm } from '../src/kernels.js';
import { nativeBackend } from './helpers.js';

const f32 = (n: number): Float32Array => new Float32Array(n);

describe('sgemm argument checks', () => {
  it('rejects a too-short operand, naming shape, offset and the length needed', () => {
    expect(() => sgemm({ m: 2, n: 3, k: 4, a: f32(7), b: f32(12), c: f32(6) })).toThrow(
      'sgemm: a has length 7 but a 2x4 matrix at offset 0 with lda = 4 needs 8',
    );
    expect(() => sgemm({ m: 2, n: 3, k: 4, a: f32(8), b: f32(12), c: f32(6), transB: true, ldb: 5 })).toThrow(
      'sgemm: b has length 12 but a 3x4 matrix at offset 0 with ldb = 5 needs 14',
    );
    expect(() => sgemm({ m: 2, n: 3, k: 4, a: f32(8), b: f32(12), c: f32(6), cOffset: 1 })).toThrow('sgemm: c has length 6');
  });
  it('rejects a leading dimension below the row length, negative or fractional sizes, wrong dtypes', () => {
    expect(() => sgemm({ m: 2, n: 2, k: 3, a: f32(6), b: f32(6), c: f32(4), lda: 2 })).toThrow(
      'sgemm: lda = 2 is smaller than the row length 3 of stored A (2x3)',
    );
    expect(() => sgemm({ m: -1, n: 2, k: 3, a: f32(6), b: f32(6), c: f32(4) })).toThrow('sgemm: m must be a non-negative integer, got -1');
    expect(() => sgemm({ m: 1.5, n: 2, k: 3, a: f32(6), b: f32(6), c: f32(4) })).toThrow('got 1.5');
    expect(() => sgemm({ m: 1, n: 1, k: 1, a: new Float64Array(1) as unknown as Float32Array, b: f32(1), c: f32(1) })).toThrow(
      'sgemm: a must be a Float32Array, got Float64Array',
    );
    expect(() => sgemm({ m: 1, n: 1, k: 1, a: f32(1), b: f32(1), c: f32(1), alpha: NaN })).toThrow('alpha and beta must be finite');
  });
  it('rejects an output that overlaps an input, but accepts disjoint views of one buffer', () => {
    const buf = new Float32Array(12);
    expect(() => sgemm({ m: 2, n: 2, k: 2, a: buf, b: buf.subarray(4), c: buf.subarray(2) })).toThrow('c must not share memory with a or b');
    buf.set([1, 2, 3, 4, 1, 0, 0, 1]);
    sgemm({ m: 2, n: 2, k: 2, a: buf.subarray(0, 4), b: buf.subarray(4, 8), c: buf.subarray(8) });
    expect(Array.from(buf.subarray(8))).toEqual([1, 2, 3, 4]);
  });
});

describe('binaryOp argument checks', () => {
  it('names the op and all three lengths on a mismatch, and unknown ops', () => {
    expect(() => binaryOp('add', f32(3), f32(4), f32(3))).toThrow('binaryOp(add): lengths differ: a 3, b 4, out 3');
    expect(() => binaryOp('pow' as 'add', f32(1), f32(1), f32(1))).toThrow("binaryOp: unknown op 'pow'");
  });
});

describe('the addon checks its own arguments', () => {
  // Calls that bypass TypeScript validation must throw a JavaScript error, never touch memory out of bounds.
  const raw = (): Record<string, (...args: unknown[]) => void> => nativeBackend() as unknown as Record<string, (...args: unknown[]) => void>;
  it('sgemm: bounds, types, counts and overlap', () => {
    const { sgemm: s } = raw();
    expect(() => s!(false, false, 2, 2, 2, 1, f32(3), 0, 2, f32(4), 0, 2, 0, f32(4), 0, 2)).toThrow(
      'sgemm: a (length 3) is too short for a 2x2 matrix at offset 0 with leading dimension 2',
    );
    expect(() => s!(false, false, 2, 2, 2, 1, f32(4), 0, 2, f32(4), 0, 2, 0, f32(4), 1, 2)).toThrow(RangeError);
    expect(() => s!(false, false, 2, 2, 2, 1, new Int32Array(4), 0, 2, f32(4), 0, 2, 0, f32(4), 0, 2)).toThrow(
      'sgemm: a must be a Float32Array, got Int32Array',
    );
    expect(() => s!(false, false, -2, 2, 2, 1, f32(4), 0, 2, f32(4), 0, 2, 0, f32(4), 0, 2)).toThrow('m must be a non-negative integer');
    expect(() => s!(0, false, 2, 2, 2, 1, f32(4), 0, 2, f32(4), 0, 2, 0, f32(4), 0, 2)).toThrow('transA must be a boolean');
    expect(() => s!(false, false, 2, 2)).toThrow('sgemm: expected 16 arguments, got 4');
    const buf = f32(8);
    expect(() => s!(false, false, 2, 2, 2, 1, buf, 0, 2, buf, 4, 2, 0, buf, 2, 2)).toThrow('c must not share memory');
    expect(() => s!(false, false, 2, 2, 2, 1, f32(4), 0, 1, f32(4), 0, 2, 0, f32(4), 0, 2)).toThrow('leading dimension of a is 1');
  });
  it('unaryF32: op code and ranges', () => {
    const { unaryF32: un } = raw();
    expect(() => un!(4, 2, f32(2), 0, f32(2), 0)).toThrow('unaryF32: op must be 0..3 (exp, log, tanh, sigmoid), got 4');
    expect(() => un!(0, 3, f32(2), 0, f32(3), 0)).toThrow('unaryF32: x (length 2) is too short for 3 elements at offset 0');
    expect(() => un!(0, 2, f32(2), 0, new Float64Array(2), 0)).toThrow('unaryF32: out must be a Float32Array, got Float64Array');
  });

  it('softmaxF32: rows x n must fit both arrays', () => {
    const { softmaxF32: sm } = raw();
    expect(() => sm!(2, 3, f32(5), 0, f32(6), 0, false)).toThrow('softmaxF32: x (length 5) is too short for a 2x3 matrix at offset 0');
    expect(() => sm!(2, 3, f32(6), 0, f32(6), 1, false)).toThrow('softmaxF32: out (length 6) is too short');
    expect(() => sm!(2, 3, f32(6), 0, f32(6), 0, 1)).toThrow('softmaxF32: log must be a boolean, got number');
  });

  it('binaryF32: op code and ranges', () => {
    const { binaryF32: bin } = raw();
    expect(() => bin!(9, 2, f32(2), 0, f32(2), 0, f32(2), 0)).toThrow('binaryF32: op must be 0..3');
    expect(() => bin!(0, 3, f32(2), 0, f32(3), 0, f32(3), 0)).toThrow('binaryF32: a (length 2) is too short for 3 elements at offset 0');
    expect(() => bin!(0, 2, f32(2), 0, f32(2), 0, f32(2), 1)).toThrow('out (length 2) is too short');
    expect(() => bin!(0, 2 ** 60, f32(2), 0, f32(2), 0, f32(2), 0)).toThrow(RangeError);
  });
});
