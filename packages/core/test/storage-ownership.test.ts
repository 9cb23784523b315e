// Small storages carved from shared slabs and gradients adopted without a copy must never alias what a user can see.
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

const arr = (t: nn.Tensor | null): number[] => Array.from(t!.toFlatArray());

describe('slab-allocated storages', () => {
  it('are zero-filled and independent of one another', () => {
    // 100 floats is above the on-heap size and below the slab limit, so these share slabs.
    const made = Array.from({ length: 3000 }, (_, i) => {
      const t = nn.zeros([100]);
      expect(t.data.every((v) => v === 0)).toBe(true);
      t.data.fill(i + 1);
      return t;
    });
    made.forEach((t, i) => expect(t.data.every((v) => v === i + 1)).toBe(true));
    const buffers = new Set(made.map((t) => t.data.buffer));
    expect(buffers.size).toBeLessThan(made.length);
  });

  it('start on 64-byte boundaries so SIMD kernels see aligned rows', () => {
    for (let i = 0; i < 50; i++) expect(nn.ones([17 + i]).data.byteOffset % 64).toBe(0);
  });
});

describe('gradients kept without a copy', () => {
  it('are never shared between two leaves that received the same gradient tensor', () => {
    const a = nn.randn([40], { requiresGrad: true });
    const b = nn.randn([40], { requiresGrad: true });
    // mul's backward makes a fresh gradient and add's backward hands that one tensor to both leaves.
    nn.add(a, b).mul(nn.full([40], 2)).sum().backward();
    expect(a.grad!.data).not.toBe(b.grad!.data);
    a.mul(3).sum().backward();
    expect(arr(a.grad)).toEqual(new Array(40).fill(5));
    expect(arr(b.grad)).toEqual(new Array(40).fill(2));
  });

  it('never take over the gradient a caller passed to backward', () => {
    const w = nn.randn([30], { requiresGrad: true });
    const seed = nn.full([30], 2);
    w.backward(seed);
    w.sum().backward();
    expect(arr(seed)).toEqual(new Array(30).fill(2));
    expect(arr(w.grad)).toEqual(new Array(30).fill(3));
  });

  it('keep accumulating correctly when one leaf feeds several ops', () => {
    const w = nn.randn([8, 8], { requiresGrad: true });
    const x = nn.randn([5, 8]);
    const y = nn.add(nn.matmul(x, w).sum(), nn.mul(w, w).sum());
    y.backward();
    const expected = nn.add(nn.matmul(nn.transpose(x, 0, 1), nn.ones([5, 8])), nn.mul(w.detach(), 2));
    expect(Math.max(...arr(nn.sub(w.grad!, expected)).map(Math.abs))).toBeLessThan(1e-5);
    // A second pass adds into the adopted buffer.
    nn.mul(w, w).sum().backward();
    const twice = nn.add(expected, nn.mul(w.detach(), 2));
    expect(Math.max(...arr(nn.sub(w.grad!, twice)).map(Math.abs))).toBeLessThan(1e-5);
  });

  it('are not adopted by a non-leaf that retains its gradient while the gradient flows on', () => {
    const x = nn.randn([20], { requiresGrad: true });
    const h = x.mul(2);
    h.retainGrad();
    h.mul(h).sum().backward();
    expect(h.grad!.data).not.toBe(x.grad!.data);
    expect(Math.max(...arr(nn.sub(x.grad!, nn.mul(h.grad!, 2))).map(Math.abs))).toBeLessThan(1e-6);
  });
});
