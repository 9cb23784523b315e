// Both sides of every dispatch threshold give the same numbers (backend kernel vs TypeScript loop).
import { assertAllClose } from '@nn/testing';
import { afterEach, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { dispatch } from '../src/ops/dispatch.js';

const saved = { ...dispatch };
afterEach(() => Object.assign(dispatch, saved));

describe('dispatch thresholds', () => {
  it('elementwise: kernel and loop agree bit for bit', () => {
    const g = new nn.Generator(3);
    const a = nn.randn([300], { generator: g }), b = nn.randn([300], { generator: g });
    dispatch.elementwiseMin = 0;
    const kernel = [nn.add(a, b), nn.sub(a, b), nn.mul(a, b), nn.div(a, b)].map((t) => Array.from(t.toFlatArray()));
    dispatch.elementwiseMin = Number.MAX_SAFE_INTEGER;
    const loop = [nn.add(a, b), nn.sub(a, b), nn.mul(a, b), nn.div(a, b)].map((t) => Array.from(t.toFlatArray()));
    expect(kernel).toEqual(loop);
  });

  it('exp/log/tanh/sigmoid: the native kernels stay within their documented ulp bounds of the TypeScript loop', () => {
    const g = new nn.Generator(8);
    const x = nn.randn([4000], { generator: g }).mul(6);
    const pos = nn.rand([4000], { generator: g }).mul(100).add(1e-6);
    const cases: Array<[string, () => nn.Tensor]> = [
      ['exp', () => nn.exp(x)], ['log', () => nn.log(pos)], ['tanh', () => nn.tanh(x)], ['sigmoid', () => nn.sigmoid(x)],
    ];
    for (const [name, run] of cases) {
      dispatch.elementwiseMin = 0;
      const kernel = Array.from(run().toFlatArray());
      dispatch.elementwiseMin = Number.MAX_SAFE_INTEGER;
      const loop = Array.from(run().toFlatArray());
      // 3 ulp of float32 is below 3.6e-7 relative; values near 0 (log near 1, tanh) need a small atol.
      assertAllClose(kernel, loop, { rtol: 4e-7, atol: 1e-7, label: name });
    }
  });

  it('softmax/logSoftmax: the native row kernel matches the TypeScript path, including huge logits', () => {
    const x = nn.randn([40, 33], { generator: new nn.Generator(12) }).mul(50);
    for (const run of [() => nn.softmax(x, -1), () => nn.logSoftmax(x, 1)]) {
      dispatch.elementwiseMin = 0;
      const kernel = Array.from(run().toFlatArray());
      dispatch.elementwiseMin = Number.MAX_SAFE_INTEGER;
      const loop = Array.from(run().toFlatArray());
      assertAllClose(kernel, loop, { rtol: 2e-5, atol: 1e-6 });
    }
  });

  it('matmul: native GEMM and the TypeScript GEMM agree, forward and backward', () => {
    const run = (): number[][] => {
      const g = new nn.Generator(4);
      const a = nn.randn([7, 9], { generator: new nn.Generator(5) }).requiresGrad_();
      const b = nn.randn([9, 6], { generator: new nn.Generator(6) }).requiresGrad_();
      const y = nn.matmul(a, b.T.contiguous().T);
      y.mul(nn.randn([7, 6], { generator: g })).sum().backward();
      return [y, a.grad!, b.grad!].map((t) => Array.from(t.toFlatArray()));
    };
    dispatch.matmulMin = 0;
    const native = run();
    dispatch.matmulMin = Number.MAX_SAFE_INTEGER;
    const ts = run();
    native.forEach((v, i) => assertAllClose(v, ts[i]!, { rtol: 1e-5, atol: 1e-5 }));
  });
});
