// linear with a fused activation equals linear followed by the activation op, forward and backward, on both dtypes.
import { assertAllClose } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
const UNFUSED = { relu: nn.relu, tanh: nn.tanh, sigmoid: nn.sigmoid };
const flat = (t: nn.Tensor): number[] => t.detach().reshape([-1]).toArray() as number[];

describe('linear with a fused activation', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it.each(ACTIVATIONS)(`%s matches the unfused ops in ${dtype} (32 x 200 -> 30, above the native sizes)`, (activation) => {
      const g = new nn.Generator(7);
      const make = (shape: number[]) => nn.randn(shape, { dtype, generator: g }).requiresGrad_();
      const x = make([32, 200]), w = make([30, 200]), b = make([30]);
      const upstream = nn.randn([32, 30], { dtype, generator: g });
      const fused = nn.linear(x, w, b, { activation });
      fused.mul(upstream).sum().backward();
      const grads = [x.grad!, w.grad!, b.grad!].map(flat);
      for (const t of [x, w, b]) t.grad = null;
      const plain = UNFUSED[activation](nn.linear(x, w, b));
      plain.mul(upstream).sum().backward();
      const tol = dtype === 'float32' ? { rtol: 1e-5, atol: 1e-5 } : { rtol: 1e-12, atol: 1e-12 };
      assertAllClose(flat(fused), flat(plain), { ...tol, label: `${activation} forward` });
      [x, w, b].forEach((t, i) => assertAllClose(grads[i]!, flat(t.grad!), { ...tol, label: `${activation} grad ${i}` }));
    });
  }

  it('applies the activation on the mixed-dtype path too', () => {
    // [1, -2] @ [[2, 0], [1, 1]]ᵀ = [2, -1], promoted to float64, then relu.
    const y = nn.linear(nn.tensor([[1, -2]], { dtype: 'float32' }), nn.tensor([[2, 0], [1, 1]], { dtype: 'float64' }), null, { activation: 'relu' });
    expect(y.dtype).toBe('float64');
    expect(y.toArray()).toEqual([[2, 0]]);
  });

  it('rejects an unknown activation by name', () => {
    const x = nn.ones([2, 3]), w = nn.ones([4, 3]);
    expect(() => nn.linear(x, w, null, { activation: 'gelu' as never })).toThrow("linear: unknown activation 'gelu' (expected relu, tanh or sigmoid)");
  });
});
