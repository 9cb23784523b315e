// Bad input to the optimizers (clear errors naming class and value) and the base-class behaviour: groups, zeroGrad,
// skipped parameters, addParamGroup and loadStateDict mismatches.
import * as core from '@nn/core';
import { describe, expect, it } from 'vitest';
import { Adadelta, Adagrad, Adam, Adamax, AdamW, NAdam, RMSprop, SGD } from '../src/index.js';

const param = (n = 3, dtype: 'float32' | 'float64' = 'float32'): core.Tensor => core.zeros([n], { dtype }).requiresGrad_();

describe('optimizer option errors', () => {
  const makers: Array<[string, (o: Record<string, unknown>) => unknown]> = [
    ['SGD', (o) => new SGD([param()], { lr: 0.1, ...o })],
    ['Adam', (o) => new Adam([param()], o)],
    ['AdamW', (o) => new AdamW([param()], o)],
    ['RMSprop', (o) => new RMSprop([param()], o)],
    ['Adagrad', (o) => new Adagrad([param()], o)],
    ['Adadelta', (o) => new Adadelta([param()], o)],
    ['NAdam', (o) => new NAdam([param()], o)],
    ['Adamax', (o) => new Adamax([param()], o)],
  ];
  for (const [name, make] of makers) {
    it(`${name}: negative and NaN lr`, () => {
      expect(() => make({ lr: -0.1 })).toThrow(new RegExp(`${name}: lr must be a number >= 0, got -0.1`));
      expect(() => make({ lr: NaN })).toThrow(new RegExp(`${name}: lr .* got NaN`));
    });
  }
  for (const [name, make] of makers.filter(([n]) => ['Adam', 'AdamW', 'NAdam', 'Adamax'].includes(n))) {
    it(`${name}: betas outside [0, 1)`, () => {
      expect(() => make({ betas: [1, 0.999] })).toThrow(new RegExp(`${name}: betas\\[0\\] must be in \\[0, 1\\), got 1`));
      expect(() => make({ betas: [0.9, -0.1] })).toThrow(/betas\[1\] must be in \[0, 1\), got -0.1/);
      expect(() => make({ betas: [0.9] })).toThrow(/betas must be a pair/);
    });
  }
  it('other option errors', () => {
    expect(() => new SGD([param()], { lr: 0.1, nesterov: true })).toThrow(/SGD: nesterov requires momentum > 0 and dampening 0/);
    expect(() => new SGD([param()], {} as { lr: number })).toThrow(/SGD: lr is required/);
    expect(() => new Adam([param()], { eps: -1 })).toThrow(/Adam: eps must be a number >= 0, got -1/);
    expect(() => new Adadelta([param()], { rho: 1.5 })).toThrow(/Adadelta: rho must be in \[0, 1\], got 1.5/);
    expect(() => new RMSprop([param()], { alpha: -1 })).toThrow(/RMSprop: alpha/);
    expect(() => new Adam([param()], { lr: 0.1, foo: 1 } as Record<string, number>)).toThrow(/Adam: unknown option 'foo'/);
  });
});

describe('parameter list errors', () => {
  it('empty lists, duplicates, non-float and non-leaf tensors', () => {
    expect(() => new Adam([])).toThrow(/Adam: got an empty parameter list/);
    expect(() => new Adam([{ params: [] }])).toThrow(/Adam: got an empty parameter list/);
    const p = param();
    expect(() => new SGD([{ params: [p] }, { params: [p] }], { lr: 1 })).toThrow(/SGD: some parameters appear in more than one parameter group/);
    expect(() => new SGD([p, p], { lr: 1 })).toThrow(/SGD: params\[1\] appears twice/);
    expect(() => new SGD([core.zeros([2], { dtype: 'int32' })], { lr: 1 })).toThrow(/SGD: can only optimize float32 or float64 tensors, but params\[0\] has dtype int32/);
    expect(() => new SGD([core.mul(p, 2)], { lr: 1 })).toThrow(/non-leaf/);
    const opt = new SGD([p], { lr: 1 });
    expect(() => opt.addParamGroup({ params: [p] })).toThrow(/more than one parameter group/);
  });
});

describe('groups, skipping and zeroGrad', () => {
  it('per-group options override defaults and lr is writable', () => {
    const a = param(), b = param();
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5, momentum: 0.9 }], { lr: 0.1 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0], [0.5, 0.9]]);
    a.grad = core.ones([3]);
    b.grad = core.ones([3]);
    opt.paramGroups[0]!.lr = 0.2;
    opt.step();
    expect(Array.from(a.data)).toEqual([-0.2, -0.2, -0.2].map(Math.fround));
    expect(Array.from(b.data)).toEqual([-0.5, -0.5, -0.5]);
  });
  it('parameters without grad are skipped and get no state', () => {
    const a = param(), b = param();
    const opt = new Adam([a, b], { lr: 0.1 });
    a.grad = core.ones([3]);
    opt.step();
    expect(Array.from(b.data)).toEqual([0, 0, 0]);
    expect(opt.state.has(b)).toBe(false);
    expect(opt.state.get(a)!['step']).toBe(1);
  });
  it('zeroGrad sets grads to null, or to zeros with setToNone false', () => {
    const a = param();
    const opt = new SGD([a], { lr: 1 });
    a.grad = core.ones([3]);
    opt.zeroGrad({ setToNone: false });
    expect(Array.from(a.grad.data)).toEqual([0, 0, 0]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });
  it('float64 parameters are updated in float64', () => {
    const a = param(2, 'float64');
    a.grad = core.tensor([0.1, 0.2], { dtype: 'float64' });
    new SGD([a], { lr: 0.1 }).step();
    expect(Array.from(a.data)).toEqual([-0.1 * 0.1, -0.1 * 0.2]);
  });
  it('step returns the closure loss', () => {
    const opt = new SGD([param()], { lr: 1 });
    expect(opt.step(() => 4.5)).toBe(4.5);
  });
});

describe('loadStateDict errors', () => {
  it('another optimizer type', () => {
    const a = param();
    a.grad = core.ones([3]);
    const adam = new Adam([a]);
    adam.step();
    expect(() => new AdamW([a]).loadStateDict(adam.stateDict())).toThrow(/AdamW.loadStateDict: the state dict is from Adam, not AdamW/);
  });
  it('a different parameter layout', () => {
    const a = param(), b = param(), c = param(4);
    for (const p of [a, b, c]) p.grad = core.ones(p.shape);
    const opt = new Adam([a, b]);
    opt.step();
    const sd = opt.stateDict();
    expect(() => new Adam([a]).loadStateDict(sd)).toThrow(/group 0 has 2 parameters in the state dict but 1 in the optimizer/);
    expect(() => new Adam([{ params: [a] }, { params: [b] }]).loadStateDict(sd)).toThrow(/has 1 parameter groups but the optimizer has 2/);
    expect(() => new Adam([a, c]).loadStateDict(sd)).toThrow(/state 'expAvg' of parameter 1 has 3 elements but the parameter has 4/);
  });
  it('restores group options and copies buffers', () => {
    const a = param();
    a.grad = core.ones([3]);
    const opt = new Adam([a], { lr: 0.1 });
    opt.step();
    const sd = opt.stateDict();
    const other = new Adam([a], { lr: 0.5 });
    other.loadStateDict(sd);
    expect(other.paramGroups[0]!.lr).toBe(0.1);
    (sd.state[0]!['expAvg'] as Float32Array)[0] = 99;
    expect((other.state.get(a)!['expAvg'] as Float32Array)[0]).not.toBe(99);
  });
});

describe('with an nn.Module', () => {
  it('optimizes model.parameters() (the README example)', () => {
    const model = new core.nn.Linear(4, 1);
    const opt = new SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
    const x = core.tensor([[1, 2, 3, 4]]), y = core.tensor([[1]]);
    const lossOf = (): number => core.noGrad(() => {
      const d = core.sub(model.forward(x), y);
      return core.mean(core.mul(d, d)).item();
    });
    const before = lossOf();
    for (let i = 0; i < 5; i++) {
      opt.zeroGrad();
      const d = core.sub(model.forward(x), y);
      core.mean(core.mul(d, d)).backward();
      opt.step();
    }
    expect(lossOf()).toBeLessThan(before);
  });
});
