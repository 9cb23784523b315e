// entropy and crossEntropyOfDistributions: the lecture numbers, 0 log 0 = 0, units, batches, gradients and errors.
import { assertAllClose } from '@nn/testing';
import { Generator, gradcheck, rand, tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { crossEntropyOfDistributions, entropy } from '../src/index.js';

const bits = (ps: number[]): number => -ps.reduce((a, p) => a + (p > 0 ? p * Math.log2(p) : 0), 0);

describe('entropy', () => {
  it('gives the lecture numbers in bits: (26/30, 4/30) 0.5665, (14/30, 16/30) 0.9968, (1/30, 29/30) 0.2108', () => {
    const cases: Array<[number[], number]> = [[[26 / 30, 4 / 30], 0.5665], [[14 / 30, 16 / 30], 0.9968], [[1 / 30, 29 / 30], 0.2108]];
    for (const [p, expected] of cases) {
      const h = entropy(p, { base: 'bits' }).item();
      expect(Math.abs(h - expected)).toBeLessThan(5e-5);
      expect(h).toBeCloseTo(bits(p), 14);
    }
  });
  it('defaults to nats, takes 0 log 0 = 0, and reduces the last dim of a batch (or the dim given)', () => {
    expect(entropy([0.5, 0.5]).item()).toBeCloseTo(Math.LN2, 15);
    expect(entropy([1, 0]).item()).toBe(0);
    expect(entropy([0.25, 0.25, 0.25, 0.25], { base: 'bits' }).item()).toBeCloseTo(2, 15);
    const batch = tensor([[0.5, 0.5], [1, 0], [0.9, 0.1]], { dtype: 'float64' });
    const h = entropy(batch, { base: 'bits' });
    expect(h.shape).toEqual([3]);
    assertAllClose(Array.from(h.toFlatArray()), [1, 0, bits([0.9, 0.1])], { rtol: 1e-14, atol: 0 });
    const byColumn = entropy(batch.T, { dim: 0 });
    assertAllClose(Array.from(byColumn.toFlatArray()), Array.from(entropy(batch).toFlatArray()), { rtol: 1e-15, atol: 0 });
    expect(entropy(tensor([0.5, 0.5])).dtype).toBe('float32');
  });
  it('differentiates: dH/dp = -(log p + 1), finite (0) at p = 0, and passes gradcheck', () => {
    const p = tensor([0.2, 0.8, 0], { dtype: 'float64', requiresGrad: true });
    entropy(p).backward();
    assertAllClose(Array.from(p.grad!.toFlatArray()), [-(Math.log(0.2) + 1), -(Math.log(0.8) + 1), 0], { rtol: 1e-14, atol: 0 });
    const q = rand([3, 4], { generator: new Generator(3), dtype: 'float64' }).mul(0.9).add(0.05).requiresGrad_();
    expect(gradcheck((x) => entropy(x, { base: 'bits' }), [q])).toBe(true);
  });
});

describe('crossEntropyOfDistributions', () => {
  it('gives the lecture numbers: [0.9, 0.1] against [1, 0] is 0.105 nats, [0.1, 0.9] 2.303, [0.5, 0.5] 0.693', () => {
    expect(crossEntropyOfDistributions([1, 0], [0.9, 0.1]).item()).toBeCloseTo(0.105, 3);
    expect(crossEntropyOfDistributions([1, 0], [0.1, 0.9]).item()).toBeCloseTo(2.303, 3);
    expect(crossEntropyOfDistributions([1, 0], [0.5, 0.5]).item()).toBeCloseTo(0.693, 3);
    expect(crossEntropyOfDistributions([1, 0], [0.5, 0.5], { base: 'bits' }).item()).toBeCloseTo(1, 15);
  });
  it('equals the entropy when q = p, is +inf where q = 0 under p > 0, and ignores q where p = 0', () => {
    const p = [0.3, 0.7];
    expect(crossEntropyOfDistributions(p, p).item()).toBeCloseTo(entropy(p).item(), 15);
    expect(crossEntropyOfDistributions([0.5, 0.5], [1, 0]).item()).toBe(Infinity);
    expect(crossEntropyOfDistributions([1, 0], [1, 0]).item()).toBe(0);
  });
  it('passes gradcheck in p and q, with a finite gradient where p = 0', () => {
    const g = new Generator(4);
    const p = rand([2, 5], { generator: g, dtype: 'float64' }).requiresGrad_();
    const q = rand([2, 5], { generator: g, dtype: 'float64' }).mul(0.9).add(0.05).requiresGrad_();
    expect(gradcheck((a, b) => crossEntropyOfDistributions(a, b), [p, q])).toBe(true);
    const q0 = tensor([0, 1], { dtype: 'float64', requiresGrad: true });
    crossEntropyOfDistributions(tensor([0, 1], { dtype: 'float64' }), q0).backward();
    expect(Array.from(q0.grad!.toFlatArray())).toEqual([0, -1]);
  });
});

describe('information measure errors', () => {
  it('names values outside [0, 1], NaN, shape mismatches, bad base, dim and dtype', () => {
    expect(() => entropy([0.5, 1.5])).toThrow(/entropy: p must hold probabilities in \[0, 1\], got 1.5 at flat position 1/);
    expect(() => entropy([NaN, 1])).toThrow(/entropy: p must hold probabilities in \[0, 1\], got NaN at flat position 0/);
    expect(() => crossEntropyOfDistributions([1, 0], [-0.1, 1.1])).toThrow(/crossEntropyOfDistributions: q must hold probabilities in \[0, 1\], got -0.1/);
    expect(() => crossEntropyOfDistributions([1, 0], [0.2, 0.3, 0.5])).toThrow(/crossEntropyOfDistributions: q shape \[3\] does not match p shape \[2\]/);
    expect(() => entropy([0.5, 0.5], { base: 'dits' as 'bits' })).toThrow(/entropy: unknown base 'dits'/);
    expect(() => entropy([0.5, 0.5], { dim: 1 })).toThrow(/entropy: dim 1 is out of range for shape \[2\]/);
    expect(() => entropy(tensor([1, 0], { dtype: 'int32' }))).toThrow(/entropy: p must be float32 or float64, got int32/);
    expect(() => entropy(tensor(0.5))).toThrow(/at least one dimension/);
  });
});
