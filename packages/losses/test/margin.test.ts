// Margin and ranking losses: hand-computed cases for the non-PyTorch forms, stability at |x| = 1e4, float64 gradcheck
// of every loss and option, modules, and the errors users hit.
import { assertAllClose } from '@nn/testing';
import { Generator, type Tensor, gradcheck, rand, randint, randn, tensor, where, lt } from '@nn/core';
import { describe, expect, it } from 'vitest';
import * as L from '../src/index.js';

const f64 = (v: number[] | number[][], requiresGrad = true): Tensor => tensor(v, { dtype: 'float64', requiresGrad });
const i32 = (v: number[] | number): Tensor => tensor(v, { dtype: 'int32' });
const flat = (t: Tensor): number[] => Array.from(t.toFlatArray());
const REDS = ['none', 'mean', 'sum'] as const;

describe('hingeLoss and squaredHinge', () => {
  // 1 - y·ŷ = [-1, 0.5, 0.7, 2, 3, 0 (on the hinge)]
  const yhat = [2, 0.5, -0.3, -1, -2, 1];
  const y = [1, 1, -1, 1, 1, 1];
  it('gives max(0, 1 - y·ŷ) and its subgradient (0 on the hinge)', () => {
    const x = f64(yhat);
    const none = L.hingeLoss(x, f64(y, false), { reduction: 'none' });
    assertAllClose(flat(none), [0, 0.5, 0.7, 2, 3, 0], { rtol: 1e-15, atol: 0 });
    const mean = L.hingeLoss(x, f64(y, false));
    expect(mean.item()).toBeCloseTo(6.2 / 6, 14);
    mean.backward();
    assertAllClose(flat(x.grad!), [0, -1, 1, -1, -1, 0].map((v) => v / 6), { rtol: 1e-15, atol: 0 });
    expect(L.hingeLoss(x, f64(y, false), { reduction: 'sum' }).item()).toBeCloseTo(6.2, 14);
  });
  it('squares the hinge: max(0, 1 - y·ŷ)² with gradient -2y·max(0, 1 - y·ŷ)', () => {
    const x = f64(yhat);
    const s = L.squaredHinge(x, f64(y, false), { reduction: 'sum' });
    expect(s.item()).toBeCloseTo(0.25 + 0.49 + 4 + 9, 13);
    s.backward();
    assertAllClose(flat(x.grad!), [0, -1, 1.4, -4, -6, 0], { rtol: 1e-14, atol: 0 });
    expect(new L.SquaredHingeLoss({ reduction: 'none' }).forward(f64(yhat), f64(y, false)).shape).toEqual([6]);
  });
  it('works in float32 with float32 labels and keeps the input dtype', () => {
    const out = new L.HingeLoss().forward(tensor([0.5, -0.5]), tensor([1, 1]));
    expect(out.dtype).toBe('float32');
    expect(out.item()).toBeCloseTo(1, 6);
  });
});

describe('multiClassHingeLoss and softHingeLoss (highest-scoring wrong class)', () => {
  const scores = [[3, 1, 2.5], [0, 2, 1], [5, 0, 1], [0, 1, 1]];
  const target = [0, 0, 0, 0];
  it('gives max(0, Δ + max_{k≠t} ŷ_k - ŷ_t) and its gradient; tied best wrong classes share it', () => {
    const x = f64(scores);
    const out = L.multiClassHingeLoss(x, i32(target), { reduction: 'none' });
    assertAllClose(flat(out), [0.5, 3, 0, 2], { rtol: 1e-15, atol: 0 });
    out.sum().backward();
    assertAllClose(flat(x.grad!), [-1, 0, 1, -1, 1, 0, 0, 0, 0, -1, 0.5, 0.5], { rtol: 1e-15, atol: 0 });
    expect(L.multiClassHingeLoss(f64(scores), i32(target), { margin: 0.5 }).item()).toBeCloseTo((0 + 2.5 + 0 + 1.5) / 4, 14);
  });
  it('differs from multiMarginLoss, which sums over every wrong class and divides by C', () => {
    const a = L.multiClassHingeLoss(f64([[3, 2.5, 2.5]]), i32([0]), { reduction: 'sum' }).item();
    const b = L.multiMarginLoss(f64([[3, 2.5, 2.5]]), i32([0]), { reduction: 'sum' }).item();
    expect(a).toBeCloseTo(0.5, 14);
    expect(b).toBeCloseTo(1 / 3, 14);
  });
  it('takes a 1-D score vector with a 0-d target and gives a 0-d loss', () => {
    const out = new L.MultiClassHingeLoss({ reduction: 'none' }).forward(f64([3, 1, 2.5]), i32(0));
    expect(out.shape).toEqual([]);
    expect(out.item()).toBeCloseTo(0.5, 15);
    expect(new L.SoftHingeLoss({ reduction: 'none' }).forward(f64([3, 1, 2.5]), i32(0)).shape).toEqual([]);
  });
  it('soft hinge is log(1 + exp(-(ŷ_t - ŷ_k))) with gradient sigmoid(ŷ_k - ŷ_t)', () => {
    const x = f64(scores);
    const out = L.softHingeLoss(x, i32(target), { reduction: 'none' });
    assertAllClose(flat(out), [Math.log1p(Math.exp(-0.5)), Math.log1p(Math.exp(2)), Math.log1p(Math.exp(-4)), Math.log1p(Math.exp(1))], { rtol: 1e-15, atol: 0 });
    out.sum().backward();
    const s = (z: number): number => 1 / (1 + Math.exp(-z));
    assertAllClose(flat(x.grad!), [-s(-0.5), 0, s(-0.5), -s(2), s(2), 0, -s(-4), 0, s(-4), -s(1), s(1) / 2, s(1) / 2], { rtol: 1e-14, atol: 0 });
  });
  it('soft hinge stays finite and exact at |ŷ| = 1e4 in float32 and float64', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = tensor([[1e4, -1e4], [-1e4, 1e4]], { dtype, requiresGrad: true });
      const out = L.softHingeLoss(x, i32([0, 0]), { reduction: 'none' });
      assertAllClose(flat(out), [0, 2e4], { rtol: 1e-7, atol: 0 });
      out.sum().backward();
      assertAllClose(flat(x.grad!), [0, 0, -1, 1], { rtol: 1e-7, atol: 0 });
    }
  });
});

describe('softMarginLoss stability', () => {
  it('gives the exact loss and gradient where PyTorch overflows (float32, -y·x = 1e4)', () => {
    const x = tensor([1e4, -1e4, 1e4], { requiresGrad: true });
    const out = L.softMarginLoss(x, tensor([-1, 1, 1]), { reduction: 'none' });
    assertAllClose(flat(out), [1e4, 1e4, 0], { rtol: 1e-7, atol: 0 });
    out.sum().backward();
    assertAllClose(flat(x.grad!), [1, -1, 0], { rtol: 1e-7, atol: 0 });
  });
  it('is exact in float64 beyond a softplus threshold: log(1 + e^30) = 30 + log1p(e^-30)', () => {
    expect(L.softMarginLoss(f64([30]), f64([-1], false), { reduction: 'sum' }).item()).toBe(30 + Math.log1p(Math.exp(-30)));
  });
});

describe('float64 gradcheck of every margin and ranking loss', () => {
  const g = new Generator(11);
  const pm = (shape: number[]): Tensor => where(lt(rand(shape, { generator: g, dtype: 'float64' }), 0.5), 1, -1).to('float64');
  const x = (shape: number[]): Tensor => randn(shape, { generator: g, dtype: 'float64' }).mul(2).requiresGrad_();
  it('binary hinge family, all reductions', () => {
    for (const reduction of REDS) {
      const y = pm([4, 3]);
      expect(gradcheck((a) => L.hingeLoss(a, y, { reduction }), [x([4, 3])])).toBe(true);
      expect(gradcheck((a) => L.squaredHinge(a, y, { reduction }), [x([4, 3])])).toBe(true);
      expect(gradcheck((a) => L.hingeEmbeddingLoss(a, y, { reduction, margin: 0.7 }), [x([4, 3])])).toBe(true);
      expect(gradcheck((a) => L.softMarginLoss(a, y, { reduction }), [x([4, 3])])).toBe(true);
    }
  });
  it('multi-class family with p, margin and weights (weight gradient included)', () => {
    const t = randint(0, 5, [6], { generator: g }).to('int32');
    for (const reduction of REDS) {
      for (const p of [1, 2] as const) {
        const w = rand([5], { generator: g, dtype: 'float64' }).add(0.5).requiresGrad_();
        expect(gradcheck((a, ww) => L.multiMarginLoss(a, t, { reduction, p, margin: 0.8, weight: ww }), [x([6, 5]), w])).toBe(true);
        expect(gradcheck((a) => L.multiMarginLoss(a, t, { reduction, p }), [x([6, 5])])).toBe(true);
      }
      expect(gradcheck((a) => L.multiClassHingeLoss(a, t, { reduction, margin: 2 }), [x([6, 5])])).toBe(true);
      expect(gradcheck((a) => L.softHingeLoss(a, t, { reduction }), [x([6, 5])])).toBe(true);
    }
  });
  it('ranking family with margin, p, eps and swap (every input)', () => {
    for (const reduction of REDS) {
      const y = pm([5]);
      expect(gradcheck((a, b) => L.marginRankingLoss(a, b, y, { reduction, margin: 0.3 }), [x([5]), x([5])])).toBe(true);
      expect(gradcheck((a, b) => L.cosineEmbeddingLoss(a, b, y, { reduction, margin: 0.2 }), [x([5, 3]), x([5, 3])])).toBe(true);
      for (const [p, swap] of [[2, false], [1, true], [3, true], [1.5, false]] as const) {
        expect(gradcheck((a, b, c) => L.tripletMarginLoss(a, b, c, { reduction, p, swap, margin: 3 }), [x([4, 3]), x([4, 3]), x([4, 3])])).toBe(true);
      }
    }
  });
});

describe('margin and ranking loss errors', () => {
  const x = tensor([0.5, -1, 2]);
  it('names a label other than ±1 with its value and position, and NaN labels', () => {
    expect(() => L.hingeLoss(x, tensor([1, 0, -1]))).toThrow(/hingeLoss: target must hold -1 or \+1, got 0 at position \[1\]/);
    expect(() => L.squaredHinge(x, tensor([1, -1, NaN]))).toThrow(/squaredHinge: target is NaN at position \[2\]/);
    expect(() => L.hingeEmbeddingLoss(tensor([[1, 2], [3, 4]]), tensor([[1, 1], [1, 2]]))).toThrow(/got 2 at position \[1, 1\]/);
    expect(() => L.marginRankingLoss(x, x, tensor([1, 1, 0.5]))).toThrow(/marginRankingLoss: target must hold -1 or \+1, got 0.5 at position \[2\]/);
    expect(() => L.cosineEmbeddingLoss(tensor([[1, 2]]), tensor([[1, 2]]), tensor([0]))).toThrow(/cosineEmbeddingLoss: target must hold -1 or \+1, got 0/);
  });
  it('names both shapes when they do not match', () => {
    expect(() => L.softMarginLoss(x, tensor([1, 1]))).toThrow(/softMarginLoss: target shape \[2\] does not match input shape \[3\]/);
    expect(() => L.marginRankingLoss(x, tensor([1, 2]), tensor([1, 1, 1]))).toThrow(/input2 shape \[2\] does not match input1 shape \[3\]/);
    expect(() => L.tripletMarginLoss(tensor([[1, 2]]), tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(/tripletMarginLoss: negative shape \[1, 3\] does not match anchor shape \[1, 2\]/);
    expect(() => L.cosineEmbeddingLoss(tensor([[1, 2], [3, 4]]), tensor([[1, 2], [3, 4]]), tensor([1, 1, 1]))).toThrow(/target shape \[3\] does not fit input shape \[2, 2\] \(expected \[2\]\)/);
  });
  it('names an out-of-range class with the number of classes and its position, and wrong target dtypes or shapes', () => {
    const s = tensor([[1, 2, 3, 4], [1, 2, 3, 4]]);
    expect(() => L.multiMarginLoss(s, i32([0, 4]))).toThrow(/multiMarginLoss: target 4 at position 1 is out of range for 4 classes/);
    expect(() => L.multiClassHingeLoss(s, i32([-1, 0]))).toThrow(/multiClassHingeLoss: target -1 at position 0 is out of range for 4 classes/);
    expect(() => L.softHingeLoss(s, tensor([0, 1]))).toThrow(/softHingeLoss: target must hold int32 class indices, got float32/);
    expect(() => L.multiMarginLoss(s, i32([0, 1, 2]))).toThrow(/target shape \[3\] does not fit input shape \[2, 4\] \(expected \[2\]\)/);
    expect(() => L.multiClassHingeLoss(tensor([[1], [2]]), i32([0, 0]))).toThrow(/needs at least 2 classes/);
    expect(() => L.multiMarginLoss(tensor([[[1]]]), i32([0]))).toThrow(/input must be \(N, C\) or \(C\), got shape \[1, 1, 1\]/);
  });
  it('rejects bad options: reduction, p, weight length, triplet p, non-float input', () => {
    expect(() => L.hingeLoss(x, tensor([1, 1, 1]), { reduction: 'avg' as 'mean' })).toThrow(/hingeLoss: unknown reduction 'avg'/);
    expect(() => new L.TripletMarginLoss({ reduction: 'max' as 'mean' })).toThrow(/TripletMarginLoss: unknown reduction 'max'/);
    expect(() => L.multiMarginLoss(tensor([[1, 2]]), i32([0]), { p: 3 as 1 })).toThrow(/multiMarginLoss: p must be 1 or 2, got 3/);
    expect(() => new L.MultiMarginLoss({ p: 0 as 1 })).toThrow(/MultiMarginLoss: p must be 1 or 2, got 0/);
    expect(() => L.multiMarginLoss(tensor([[1, 2]]), i32([0]), { weight: tensor([1, 2, 3]) })).toThrow(/weight shape \[3\] does not match the 2 classes/);
    expect(() => L.tripletMarginLoss(x, x, x, { p: 0 })).toThrow(/tripletMarginLoss: p must be positive, got 0/);
    expect(() => L.hingeLoss(i32([1, 2]), i32([1, 1]))).toThrow(/hingeLoss: input must be float32 or float64, got int32/);
    expect(() => L.multiMarginLoss(tensor([[1, 2]]), i32([0]), { weight: tensor([1, NaN]) })).toThrow(/multiMarginLoss: weight is NaN at position \[1\]/);
    expect(() => L.hingeLoss(x, [1, 1, 1] as unknown as Tensor)).toThrow(/hingeLoss: target must be a Tensor, got an array/);
    expect(() => L.multiClassHingeLoss(tensor([[1, 2]]), 0 as unknown as Tensor)).toThrow(/multiClassHingeLoss: target must be a Tensor, got number/);
  });
});

describe('empty batches', () => {
  it('give NaN for mean, 0 for sum and an empty tensor for none, as PyTorch (where it is defined)', () => {
    const e = tensor([[], []], { dtype: 'float64' }).T; // (0, 2)
    const t = tensor([], { dtype: 'int32' });
    for (const f of [L.multiMarginLoss, L.multiClassHingeLoss, L.softHingeLoss]) {
      expect(f(e, t).item()).toBeNaN();
      expect(f(e, t, { reduction: 'sum' }).item()).toBe(0);
      expect(f(e, t, { reduction: 'none' }).shape).toEqual([0]);
    }
    expect(L.hingeLoss(tensor([]), tensor([])).item()).toBeNaN();
    expect(L.tripletMarginLoss(e, e, e, { reduction: 'sum' }).item()).toBe(0);
  });
});

describe('loss modules', () => {
  it('keep their options, hold no parameters, and MultiMarginLoss keeps its weight as a buffer', () => {
    const m = new L.MultiMarginLoss({ p: 2, margin: 0.5, weight: tensor([1, 2]), reduction: 'sum' });
    expect(m.parameters()).toEqual([]);
    expect(Object.keys(m.stateDict())).toEqual(['weight']);
    expect(m.forward(tensor([[1, 2]]), i32([0])).item()).toBeCloseTo((1 * 1.5 ** 2) / 2, 6);
    expect(new L.MultiMarginLoss().stateDict()).toEqual({});
    const t = new L.TripletMarginLoss({ margin: 2, swap: true });
    expect([t.margin, t.p, t.eps, t.swap, t.reduction]).toEqual([2, 2, 1e-6, true, 'mean']);
    expect(new L.MarginRankingLoss().margin).toBe(0);
    expect(new L.HingeEmbeddingLoss().margin).toBe(1);
  });
});
