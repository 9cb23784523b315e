// Both sides of the broadcast and reduce dispatch thresholds: the backend kernels are called above them and give the TypeScript loops' numbers.
import { assertAllClose } from '@nn/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as nn from '../src/index.js';
import { getBackend } from '../src/backend/select.js';
import { dispatch } from '../src/ops/dispatch.js';

const saved = { ...dispatch };
afterEach(() => {
  Object.assign(dispatch, saved);
  vi.restoreAllMocks();
});

const flat = (t: nn.Tensor): number[] => Array.from(t.toFlatArray());

/** run() with the threshold at 0 (kernel) and at infinity (loop), with how often the kernel was called each time. */
function bothSides<T>(key: 'broadcastMin' | 'reduceMin', kernel: 'binaryBroadcastF32' | 'reduceF32' | 'argReduceF32', run: () => T) {
  const spy = vi.spyOn(getBackend(), kernel);
  dispatch[key] = 0;
  const viaKernel = run();
  const kernelCalls = spy.mock.calls.length;
  spy.mockClear();
  dispatch[key] = Number.MAX_SAFE_INTEGER;
  const viaLoop = run();
  return { viaKernel, viaLoop, kernelCalls, loopCalls: spy.mock.calls.length };
}

/** Small integers with repeats, and NaN at some positions: ties and NaN propagation in one input. */
function tiedWithNaN(shape: number[], nanEvery: number): nn.Tensor {
  const size = shape.reduce((p, v) => p * v, 1);
  return nn.tensor(Array.from({ length: size }, (_, i) => (nanEvery > 0 && i % nanEvery === 5 ? NaN : ((i * 7919) % 9) - 4)), { shape });
}

describe('broadcast add/sub/mul/div dispatch', () => {
  const g = new nn.Generator(21);
  const m = nn.randn([40, 33], { generator: g }), row = nn.randn([33], { generator: g }), col = nn.randn([40, 1], { generator: g });
  const cube = nn.randn([2, 20, 33], { generator: g }), cubeCol = nn.randn([2, 20, 1], { generator: g }), s = nn.randn([], { generator: g });
  const pairs: Array<[string, nn.TensorLike, nn.TensorLike]> = [
    ['matrix, bias row', m, row], ['bias row, matrix', row, m], ['matrix, column', m, col], ['column, matrix', col, m],
    ['0-d, matrix', s, m], ['matrix, number', m, 2.5], ['number, matrix', -3, m], ['3-d, bias row', cube, row], ['3-d, column', cube, cubeCol],
  ];
  const ops = { add: nn.add, sub: nn.sub, mul: nn.mul, div: nn.div };
  it.each(pairs)('%s: the kernel is used and is bit-identical to the loop', (_name, a, b) => {
    for (const [name, op] of Object.entries(ops)) {
      const r = bothSides('broadcastMin', 'binaryBroadcastF32', () => flat(op(a, b)));
      expect(r.kernelCalls, name).toBe(1);
      expect(r.loopCalls, name).toBe(0);
      expect(r.viaKernel, name).toEqual(r.viaLoop);
    }
  });

  it('layouts that do not fold into rows (two broadcast dims, a transposed operand) stay on the loop', () => {
    const a = nn.randn([3, 1, 33], { generator: g }), b = nn.randn([1, 20, 33], { generator: g }), t = nn.randn([33, 40], { generator: g }).T;
    for (const [x, y] of [[a, b], [t, row]] as const) {
      const r = bothSides('broadcastMin', 'binaryBroadcastF32', () => flat(nn.mul(x, y)));
      expect(r.kernelCalls).toBe(0);
      expect(r.viaKernel).toEqual(r.viaLoop);
    }
  });

  it('the bias gradient of a broadcast add (a sum over rows) matches on both sides', () => {
    const run = (): number[][] => {
      const w = m.detach().requiresGrad_(), bias = row.detach().requiresGrad_();
      nn.add(w, bias).mul(col).sum().backward();
      return [flat(w.grad!), flat(bias.grad!)];
    };
    dispatch.broadcastMin = 0; dispatch.reduceMin = 0;
    const kernel = run();
    dispatch.broadcastMin = Number.MAX_SAFE_INTEGER; dispatch.reduceMin = Number.MAX_SAFE_INTEGER;
    const loop = run();
    expect(kernel[0]).toEqual(loop[0]);
    assertAllClose(kernel[1]!, loop[1]!, { rtol: 1e-6, atol: 1e-6 });
  });
});

describe('reduction dispatch', () => {
  const x2 = nn.randn([40, 33], { generator: new nn.Generator(5) }), x3 = nn.randn([6, 20, 12], { generator: new nn.Generator(6) });
  const cases: Array<[string, nn.Tensor, nn.Dims]> = [
    ['2-d, last dim', x2, -1], ['2-d, dim 0', x2, 0], ['2-d, all', x2, undefined],
    ['3-d, middle dim', x3, 1], ['3-d, dims 0 and 1', x3, [0, 1]], ['3-d, dims 1 and 2', x3, [1, 2]],
  ];
  it.each(cases)('%s: sum and mean within float32 rounding, amax and amin exact', (_name, x, dim) => {
    for (const [name, f] of [['sum', nn.sum], ['mean', nn.mean]] as const) {
      const r = bothSides('reduceMin', 'reduceF32', () => flat(f(x, dim)));
      expect(r.kernelCalls, name).toBe(1);
      expect(r.loopCalls, name).toBe(0);
      assertAllClose(r.viaKernel, r.viaLoop, { rtol: 1e-6, atol: 2e-6, label: name });
    }
    for (const [name, f] of [['amax', nn.amax], ['amin', nn.amin]] as const) {
      const r = bothSides('reduceMin', 'reduceF32', () => flat(f(x, dim)));
      expect(r.kernelCalls, name).toBe(1);
      expect(r.viaKernel, name).toEqual(r.viaLoop);
    }
  });

  it('amax/amin propagate NaN and share the gradient between ties the same on both sides', () => {
    const x = tiedWithNaN([30, 17], 23);
    for (const dim of [0, 1]) {
      for (const f of [nn.amax, nn.amin]) {
        const r = bothSides('reduceMin', 'reduceF32', () => {
          const xg = x.detach().requiresGrad_();
          const y = f(xg, dim);
          y.mul(nn.arange(y.numel()).reshape(y.shape).add(1)).sum().backward();
          return [flat(y), flat(xg.grad!)];
        });
        expect(r.kernelCalls).toBeGreaterThan(0);
        expect(r.viaKernel).toEqual(r.viaLoop);
        expect(r.viaKernel[0]!.some(Number.isNaN)).toBe(true);
      }
    }
  });

  it('max/min/argmax/argmin along a dim: first index of ties and of NaN, exactly as the loop', () => {
    const x = tiedWithNaN([24, 19], 37);
    const inputs = [x, x.T, tiedWithNaN([4, 9, 11], 0)];
    for (const t of inputs) {
      for (let dim = 0; dim < t.ndim; dim++) {
        for (const keepdim of [false, true]) {
          const r = bothSides('reduceMin', 'argReduceF32', () => {
            const mx = nn.max(t, dim, keepdim), mn = nn.min(t, dim, keepdim);
            return [mx.values, mx.indices, mn.values, mn.indices, nn.argmax(t, dim, keepdim), nn.argmin(t, dim)].map(flat);
          });
          expect(r.kernelCalls).toBe(4);
          expect(r.viaKernel).toEqual(r.viaLoop);
        }
      }
      const all = bothSides('reduceMin', 'argReduceF32', () => [flat(nn.argmax(t)), flat(nn.argmin(t))]);
      expect(all.kernelCalls).toBe(2);
      expect(all.viaKernel).toEqual(all.viaLoop);
    }
  });

  it('int32 and float64 inputs never reach the float32 kernels', () => {
    const i = nn.tensor(Array.from({ length: 600 }, (_, k) => k % 13), { dtype: 'int32', shape: [20, 30] });
    const d = nn.tensor(Array.from({ length: 600 }, (_, k) => Math.sin(k)), { dtype: 'float64', shape: [20, 30] });
    const r = bothSides('reduceMin', 'reduceF32', () => [nn.sum(i, 0), nn.sum(d, 1), nn.amax(d, 0)].map(flat));
    expect(r.kernelCalls).toBe(0);
    expect(r.viaKernel).toEqual(r.viaLoop);
  });
});
