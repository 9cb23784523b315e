// Autograd semantics as in PyTorch: accumulation, leaves and non-leaves, noGrad, detach, freed graphs, custom ops.
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';

const arr = (t: nn.Tensor | null): number[] => Array.from(t!.toFlatArray());

describe('backward', () => {
  it('accumulates into .grad across calls until it is reset', () => {
    const w = nn.tensor([1, 2, 3], { requiresGrad: true });
    w.mul(2).sum().backward();
    w.mul(w).sum().backward();
    expect(arr(w.grad)).toEqual([4, 6, 8]);
    w.grad = null;
    w.sum().backward();
    expect(arr(w.grad)).toEqual([1, 1, 1]);
  });

  it('sums gradients of a tensor used twice (diamond graph)', () => {
    const x = nn.tensor([3], { requiresGrad: true });
    const y = x.mul(x).add(x.mul(4)); // y = x^2 + 4x, dy/dx = 2x + 4
    y.backward();
    expect(arr(x.grad)).toEqual([10]);
  });

  it('keeps .grad only on leaves unless retainGrad is called', () => {
    const x = nn.tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3), k = x.mul(5);
    k.retainGrad();
    expect(h.isLeaf).toBe(false);
    expect(x.isLeaf).toBe(true);
    h.add(k).sum().backward();
    expect(h.grad).toBeNull();
    expect(arr(k.grad)).toEqual([1, 1]);
    expect(arr(x.grad)).toEqual([8, 8]);
  });

  it('takes an explicit gradient for non-scalar outputs and explains when it is missing', () => {
    const x = nn.tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const y = x.mul(2);
    expect(() => y.backward()).toThrow('backward: a gradient can be created implicitly only for scalar outputs, but the output has shape [2, 2]');
    expect(() => y.backward(nn.ones([3]))).toThrow('backward: gradient of shape [3] does not match the output shape [2, 2]');
    y.backward(nn.tensor([[1, 0], [0, 1]]));
    expect(arr(x.grad)).toEqual([2, 0, 0, 2]);
  });

  it('retainGraph allows a second pass; without it the second pass names the op', () => {
    const x = nn.tensor([2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(arr(x.grad)[0]).toBeCloseTo(2 * Math.exp(2), 4);
    expect(() => y.backward()).toThrow(/backward through the graph a second time \(through sum\)/);
  });

  it('refuses backward on a tensor that needs no grad', () => {
    expect(() => nn.tensor([1]).sum().backward()).toThrow('backward: this tensor does not require grad and has no gradFn');
  });
});

describe('grad mode and detach', () => {
  it('noGrad records nothing and restores the mode after an exception', () => {
    const x = nn.tensor([1], { requiresGrad: true });
    const y = nn.noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(() => nn.noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(nn.isGradEnabled()).toBe(true);
    expect(nn.noGrad(() => nn.enableGrad(() => x.mul(2))).requiresGrad).toBe(true);
  });

  it('detach shares storage but cuts the graph', () => {
    const x = nn.tensor([1, 2], { requiresGrad: true });
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    const v = x.detach();
    v.data[0] = 9;
    expect(arr(x)).toEqual([9, 2]);
  });

  it('only floating tensors can require grad, and non-leaves cannot drop it', () => {
    expect(() => nn.tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow('requiresGrad: only floating-point tensors can require gradients, got dtype int32');
    const y = nn.tensor([1], { requiresGrad: true }).mul(2);
    expect(() => { y.requiresGrad = false; }).toThrow('cannot turn off gradients of a non-leaf tensor');
    expect(y.toString()).toBe('tensor([2.0000], gradFn=<mulBackward>)');
  });
});

describe('defineOp (custom ops)', () => {
  it('uses the given backward and saved values, and skips inputs that need no grad', () => {
    let calls = 0;
    const cube = nn.defineOp<number>({
      name: 'scaledCube',
      forward: ([x], scale) => ({ output: nn.mul(nn.mul(nn.mul(x!, x!), x!), scale), saved: scale * 3 }),
      backward: (g, { inputs: [x], needs, saved }) => {
        calls++;
        return [needs[0] && nn.mul(g, nn.mul(nn.mul(x!, x!), saved as number))];
      },
    });
    const x = nn.tensor([2], { dtype: 'float64', requiresGrad: true });
    const y = cube([x], 0.5);
    expect(y.item()).toBe(4);
    y.backward();
    expect(arr(x.grad)).toEqual([6]);
    expect(calls).toBe(1);
    expect(nn.gradcheck((t) => cube([t], 0.5), [nn.tensor([0.3, -1.2], { dtype: 'float64', requiresGrad: true })])).toBe(true);
  });

  it('rejects a backward that returns the wrong shape, naming the op', () => {
    const bad = nn.defineOp<void>({ name: 'badShape', forward: ([x]) => nn.mul(x!, 1), backward: () => [nn.ones([5])] });
    const x = nn.ones([2], { requiresGrad: true });
    expect(() => bad([x], undefined).sum().backward()).toThrow('backward: badShape returned a gradient of shape [5] for input 0 of shape [2]');
  });
});
