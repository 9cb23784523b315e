// Tensor basics: creation, dtypes, views sharing storage, seeded randomness, printing and shape errors.
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

describe('creation', () => {
  it('builds from nested arrays, booleans and typed arrays with the right dtype and shape', () => {
    const t = nn.tensor([[1, 2, 3], [4, 5, 6]]);
    expect([t.dtype, t.shape, t.strides]).toEqual(['float32', [2, 3], [3, 1]]);
    expect(nn.tensor([true, false]).dtype).toBe('bool');
    expect(nn.tensor(new Int32Array([1, 2, 3, 4]), { shape: [2, 2] }).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(nn.tensor(7, { dtype: 'float64' }).item()).toBe(7);
    expect(() => nn.tensor([[1, 2], [3]])).toThrow('tensor: ragged nested array: [0] has shape [2] but [1] has shape [1]');
    expect(() => nn.tensor(['a'] as never)).toThrow('tensor: expected numbers or nested arrays, got string at [0]');
    expect(() => nn.zeros([2, -1])).toThrow('zeros: invalid shape [2, -1]');
    expect(() => nn.zeros([2], { dtype: 'float16' as never })).toThrow('zeros: unknown dtype "float16"');
  });

  it('fills constants, ranges and identities like PyTorch', () => {
    expect(nn.full([2], 3.5).toArray()).toEqual([3.5, 3.5]);
    expect(nn.arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(nn.arange(5).dtype).toBe('int32');
    expect(Array.from(nn.arange(0, 1, 0.25).toFlatArray())).toEqual([0, 0.25, 0.5, 0.75]);
    expect(Array.from(nn.linspace(0, 1, 5, { dtype: 'float64' }).toFlatArray())).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(nn.eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(nn.onesLike(nn.zeros([2], { dtype: 'float64' })).dtype).toBe('float64');
  });
});

describe('seeded randomness', () => {
  it('repeats exactly for a seed, per generator and for the default one', () => {
    const a = nn.randn([100], { generator: new nn.Generator(7) }).toFlatArray();
    const b = nn.randn([100], { generator: new nn.Generator(7) }).toFlatArray();
    expect(Array.from(a)).toEqual(Array.from(b));
    nn.manualSeed(3);
    const c = nn.rand([5]).toFlatArray();
    nn.manualSeed(3);
    expect(Array.from(nn.rand([5]).toFlatArray())).toEqual(Array.from(c));
  });

  it('has the right moments and ranges', () => {
    const g = new nn.Generator(1);
    const n = nn.randn([20000], { dtype: 'float64', generator: g });
    expect(Math.abs(n.mean().item())).toBeLessThan(0.03);
    expect(Math.abs(n.std().item() - 1)).toBeLessThan(0.03);
    const u = nn.rand([20000], { dtype: 'float64', generator: g });
    expect(u.amin().item()).toBeGreaterThanOrEqual(0);
    expect(u.amax().item()).toBeLessThan(1);
    const r = nn.randint(3, 7, [2000], { generator: g });
    expect([r.amin().item(), r.amax().item(), r.dtype]).toEqual([3, 6, 'int32']);
  });

  it('saves and restores a generator state', () => {
    const g = new nn.Generator(11);
    g.nextNormal();
    const state = g.getState();
    const next = [g.nextNormal(), g.nextDouble()];
    const h = new nn.Generator();
    h.setState(state);
    expect([h.nextNormal(), h.nextDouble()]).toEqual(next);
  });
});

describe('views', () => {
  it('share storage with the base tensor', () => {
    const base = nn.arange(12, undefined, 1, { dtype: 'float32' }).reshape([3, 4]);
    const t = base.T;
    expect(t.isContiguous()).toBe(false);
    expect(t.data).toBe(base.data);
    const row = base.narrow(0, 1, 1);
    row.data[row.offset] = 100;
    expect(base.toArray()).toEqual([[0, 1, 2, 3], [100, 5, 6, 7], [8, 9, 10, 11]]);
    expect(base.unsqueeze(0).expand([2, 3, 4]).strides).toEqual([0, 4, 1]);
    expect(t.contiguous().isContiguous()).toBe(true);
    expect(base.contiguous()).toBe(base);
  });

  it('explain shape errors with the op and the shapes', () => {
    const x = nn.zeros([2, 3]);
    expect(() => x.reshape([4, 2])).toThrow('reshape: shape [4, 2] is invalid for input of size 6 (shape [2, 3])');
    expect(() => x.T.view([6])).toThrow('view: tensor of shape [3, 2] with strides [1, 3] is not contiguous');
    expect(() => nn.add(x, nn.zeros([4]))).toThrow('add: shapes [2, 3] and [4] cannot be broadcast (dimension 1: 3 vs 4)');
    expect(() => nn.matmul(x, nn.zeros([2, 3]))).toThrow('matmul: shapes [2, 3] and [2, 3] cannot be multiplied (2x3 and 2x3)');
    expect(() => x.sum(2)).toThrow('sum: dim 2 is out of range for a tensor of 2 dimensions (expected -2..1)');
    expect(() => x.narrow(1, 2, 2)).toThrow('narrow: start 2 and length 2 are out of range for dim 1 of size 3');
    expect(() => x.expand([4, 3])).toThrow('expand: cannot expand shape [2, 3] to [4, 3] (dimension 0: 2 vs 4)');
    expect(() => x.item()).toThrow('item: tensor of shape [2, 3] has 6 elements, expected exactly 1');
    expect(() => nn.mean(nn.arange(3))).toThrow('mean: input dtype must be floating point, got int32');
  });
});

describe('printing', () => {
  it('formats like PyTorch', () => {
    expect(nn.tensor([[1, 2], [3, 4.5]]).toString()).toBe('tensor([[1.0000, 2.0000],\n        [3.0000, 4.5000]])');
    expect(nn.tensor([1, 2], { dtype: 'float64', requiresGrad: true }).toString()).toBe('tensor([1.0000, 2.0000], dtype=float64, requiresGrad=true)');
    expect(nn.arange(3).toString()).toBe('tensor([0, 1, 2], dtype=int32)');
    expect(nn.zeros([2000]).toString()).toMatch(/^tensor\(\[0\.0000, 0\.0000, 0\.0000, \.\.\., 0\.0000, 0\.0000, 0\.0000\]\)$/);
  });
});

describe('dtype promotion', () => {
  it('follows PyTorch for mixed operands and scalars', () => {
    const f32 = nn.ones([2]), f64 = nn.ones([2], { dtype: 'float64' }), i32 = nn.arange(2);
    expect(nn.add(f32, f64).dtype).toBe('float64');
    expect(nn.add(i32, f32).dtype).toBe('float32');
    expect(nn.add(i32, 1).dtype).toBe('int32');
    expect(nn.add(i32, 0.5).dtype).toBe('float32');
    expect(nn.div(i32, 2).dtype).toBe('float32');
    expect(nn.mul(f32, 2.5).dtype).toBe('float32');
    expect(nn.gt(f32, 0).dtype).toBe('bool');
  });
});

describe('dropout', () => {
  it('zeroes about p of the elements, scales the rest by 1/(1-p), and is the identity in eval mode', () => {
    const x = nn.ones([10000], { requiresGrad: true });
    const y = nn.dropout(x, { p: 0.3, generator: new nn.Generator(9) });
    const kept = Array.from(y.toFlatArray()).filter((v) => v !== 0);
    expect(Math.abs(kept.length / 10000 - 0.7)).toBeLessThan(0.02);
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6)).toBe(true);
    y.sum().backward();
    expect(Array.from(x.grad!.toFlatArray())).toEqual(Array.from(y.toFlatArray()));
    expect(nn.dropout(x, { p: 0.3, training: false })).toBe(x);
    expect(() => nn.dropout(x, { p: 1.5 })).toThrow('dropout: probability p must be in [0, 1], got 1.5');
  });
});

describe('indexing errors', () => {
  it('name the index, its position and the bound', () => {
    const w = nn.zeros([5, 3]);
    expect(() => nn.embedding(nn.tensor([1, 7], { dtype: 'int32' }), w)).toThrow('embedding: index 7 at position 1 is out of range for an embedding table of size 5');
    expect(() => nn.embedding(nn.tensor([1.0]), w)).toThrow('embedding: index must be an int32 tensor, got float32');
    expect(() => nn.gather(w, 1, nn.tensor([[3]], { dtype: 'int32' }))).toThrow('gather: index 3 at position 0 is out of range for dim 1 of size 3');
    expect(() => nn.cat([w, nn.zeros([2, 2])], 0)).toThrow('cat: tensor 1 has shape [2, 2] but tensor 0 has shape [5, 3]; sizes must match except in dim 0');
  });
});

describe('max and min', () => {
  // Expected values from PyTorch 1.13: x.max(1) picks the first of tied maxima and sends the gradient there only;
  // x.max() shares the gradient among ties.
  it('along a dim returns values and int32 indices with the gradient on the index; overall shares ties', () => {
    const x = nn.tensor([[1, 5, 5], [7, 2, 7]], { requiresGrad: true });
    const { values, indices } = nn.max(x, 1);
    expect(values.toArray()).toEqual([5, 7]);
    expect([indices.toArray(), indices.dtype]).toEqual([[1, 0], 'int32']);
    values.mul(nn.tensor([1, 2])).sum().backward();
    expect(x.grad!.toArray()).toEqual([[0, 1, 0], [2, 0, 0]]);
    x.grad = null;
    nn.max(x).backward();
    expect(x.grad!.toArray()).toEqual([[0, 0, 0], [0.5, 0, 0.5]]);
    expect(nn.min(x, 0, true).values.toArray()).toEqual([[1, 2, 5]]);
  });
});
