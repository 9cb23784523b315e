// Parameters and gradients that are views: strided parameters are rejected when the optimizer is built (naming the
// optimizer and the parameter index), views with an offset are updated in place, and strided gradients are read right.
import * as core from '@nn/core';
import { describe, expect, it } from 'vitest';
import { Adadelta, Adam, Adamax, AdamW, Adagrad, NAdam, RMSprop, SGD, type Optimizer } from '../src/index.js';

type Make = (params: core.Tensor[]) => Optimizer;
const MAKERS: Array<[string, Make]> = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 })], ['Adam', (p) => new Adam(p)], ['AdamW', (p) => new AdamW(p)],
  ['RMSprop', (p) => new RMSprop(p)], ['Adagrad', (p) => new Adagrad(p)], ['Adadelta', (p) => new Adadelta(p)],
  ['NAdam', (p) => new NAdam(p)], ['Adamax', (p) => new Adamax(p)],
];

/** A leaf that requires grad but is a transposed view of a [3, 2] storage: shape [2, 3], strides [1, 2]. */
function transposedLeaf(): core.Tensor {
  return core.transpose(core.zeros([3, 2]), 0, 1).requiresGrad_();
}

describe('strided parameters', () => {
  it('a transposed view that requires grad is a non-contiguous leaf', () => {
    const p = transposedLeaf();
    expect(p.isLeaf).toBe(true);
    expect(p.isContiguous()).toBe(false);
  });

  for (const [name, make] of MAKERS) {
    it(`${name} rejects it at construction, naming the parameter index`, () => {
      const ok = core.zeros([4]).requiresGrad_();
      expect(() => make([ok, transposedLeaf()])).toThrow(
        new RegExp(`^${name}: params\\[1\\] is not contiguous \\(shape \\[2, 3\\], strides \\[1, 2\\]\\)`),
      );
    });
  }

  it('a detached transpose and a column slice are rejected too, also by addParamGroup', () => {
    const w = core.zeros([3, 2]).requiresGrad_();
    const detached = core.transpose(w, 0, 1).detach().requiresGrad_();
    expect(() => new SGD([detached], { lr: 1 })).toThrow(/SGD: params\[0\] is not contiguous/);
    const column = core.narrow(core.zeros([3, 2]), 1, 1, 1).requiresGrad_();
    expect(() => new Adam([column])).toThrow(/Adam: params\[0\] is not contiguous \(shape \[3, 1\], strides \[2, 1\]\)/);
    const opt = new SGD([w], { lr: 1 });
    expect(() => opt.addParamGroup({ params: [core.zeros([2]).requiresGrad_(), detached] })).toThrow(/SGD: params\[1\] is not contiguous/);
    expect(opt.paramGroups).toHaveLength(1);
  });

  it('a contiguous view with an offset (a row slice) is updated in place in its storage', () => {
    const base = core.tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' });
    const row = core.narrow(base, 0, 1, 1).requiresGrad_();
    expect(row.offset).toBe(2);
    row.grad = core.tensor([[10, 20]], { dtype: 'float64' });
    new SGD([row], { lr: 0.1 }).step();
    expect(Array.from(base.data)).toEqual([1, 2, 3 - 1, 4 - 2, 5, 6]);
  });

  for (const [name, make] of MAKERS) {
    it(`${name}: a transposed gradient of a contiguous parameter updates as its contiguous copy`, () => {
      const a = core.zeros([2, 3]).requiresGrad_(), b = core.zeros([2, 3]).requiresGrad_();
      const g = core.tensor([[0.5, -1, 2], [3, -0.25, 1]]);
      a.grad = core.contiguous(g);
      b.grad = core.transpose(core.contiguous(core.transpose(g, 0, 1)), 0, 1);
      expect(b.grad.isContiguous()).toBe(false);
      const oa = make([a]), ob = make([b]);
      for (let s = 0; s < 3; s++) { oa.step(); ob.step(); }
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
      expect(Array.from(a.data).every((v) => v !== 0)).toBe(true);
    });
  }
});
