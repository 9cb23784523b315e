// nn modules: registration and naming, state dicts, train/eval, PyTorch's default init, and BatchNorm/LayerNorm vs PyTorch.
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import { nn, tensor, type Tensor } from '../src/index.js';

type Nested = number | Nested[];
const flat = (v: Nested): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
const f64 = (v: Nested, shape: number[]): Tensor => tensor(flat(v), { dtype: 'float64', shape });
const values = (t: Tensor | null): number[] => Array.from(t!.toFlatArray());

class Mlp extends nn.Module {
  readonly hidden = new nn.Linear(4, 8);
  readonly act = new nn.Tanh();
  readonly out = new nn.Linear(8, 2, { bias: false });
  readonly norm = new nn.BatchNorm1d(8);
  forward(x: Tensor): Tensor {
    return this.out.forward(this.act.forward(this.norm.forward(this.hidden.forward(x))));
  }
}

describe('Module', () => {
  it('finds parameters, buffers and submodules from its fields, with dotted names in order', () => {
    const m = new Mlp();
    expect(m.namedParameters().map(([n]) => n)).toEqual(['hidden.weight', 'hidden.bias', 'out.weight', 'norm.weight', 'norm.bias']);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['norm.runningMean', 'norm.runningVar']);
    expect(Object.keys(m.stateDict())).toEqual(['hidden.weight', 'hidden.bias', 'out.weight', 'norm.weight', 'norm.bias', 'norm.runningMean', 'norm.runningVar']);
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1));
    expect(Object.keys(seq.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.toString()).toBe('Sequential(\n  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n  (1): ReLU()\n  (2): Linear(inFeatures=3, outFeatures=1, bias=true)\n)');
    const list = new nn.ModuleList([new nn.Linear(1, 1), new nn.Linear(1, 1)]);
    expect(list.parameters()).toHaveLength(4);
  });

  it('switches train/eval everywhere and zeroes gradients', () => {
    const m = new Mlp();
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    m.forward(core.randn([5, 4])).sum().backward();
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('round-trips a state dict into a fresh module and rejects wrong keys or shapes, naming them', () => {
    const a = new Mlp(), b = new Mlp();
    b.loadStateDict(a.stateDict());
    for (const [k, v] of Object.entries(a.stateDict())) expect(values(b.stateDict()[k]!)).toEqual(values(v));
    const sd = a.stateDict();
    const { ['out.weight']: _dropped, ...missing } = sd;
    expect(() => b.loadStateDict(missing)).toThrow('loadStateDict (Mlp): missing keys: out.weight');
    expect(() => b.loadStateDict({ ...sd, extra: core.zeros([1]) })).toThrow('unexpected keys: extra');
    expect(() => b.loadStateDict({ ...sd, 'hidden.bias': core.zeros([3]) })).toThrow('hidden.bias: shape [3] in the state dict, [8] in the module');
    expect(b.loadStateDict(missing, { strict: false })).toEqual({ missingKeys: ['out.weight'], unexpectedKeys: [] });
  });
});

describe('default initialisation (PyTorch)', () => {
  it('Linear: weight and bias within 1/sqrt(in), spread like U(-b, b); Embedding ~ N(0, 1)', () => {
    const lin = new nn.Linear(400, 300, { generator: new core.Generator(1) });
    const b = 1 / Math.sqrt(400);
    expect(lin.weight.abs().amax().item()).toBeLessThanOrEqual(b);
    expect(lin.bias!.abs().amax().item()).toBeLessThanOrEqual(b);
    // U(-b, b) has standard deviation b / sqrt(3).
    expect(Math.abs(lin.weight.std().item() - b / Math.sqrt(3)) / (b / Math.sqrt(3))).toBeLessThan(0.02);
    const emb = new nn.Embedding(1000, 50, { generator: new core.Generator(2) });
    expect(Math.abs(emb.weight.std().item() - 1)).toBeLessThan(0.02);
  });

  it('init functions follow PyTorch formulas for gains and fans', () => {
    const fx = loadJsonFixture<{ gains: Record<string, number>; leakyGain02: number }>(new URL('./fixtures/nn.json', import.meta.url));
    for (const [k, v] of Object.entries(fx.gains)) expect(nn.init.calculateGain(k as nn.init.Nonlinearity)).toBeCloseTo(v, 12);
    expect(nn.init.calculateGain('leaky_relu', 0.2)).toBeCloseTo(fx.leakyGain02, 12);
    const w = core.zeros([200, 500], { dtype: 'float64' });
    nn.init.kaimingNormal_(w, { nonlinearity: 'relu', generator: new core.Generator(3) });
    expect(Math.abs(w.std().item() - Math.sqrt(2 / 500))).toBeLessThan(0.02 * Math.sqrt(2 / 500));
    nn.init.xavierUniform_(w, 1, new core.Generator(4));
    expect(w.abs().amax().item()).toBeLessThanOrEqual(Math.sqrt(6 / 700));
    expect(() => nn.init.xavierUniform_(core.zeros([3]))).toThrow('init: fan in and fan out need a tensor with at least 2 dimensions, got shape [3]');
  });
});

describe('normalisation layers against PyTorch', () => {
  interface BnStep { x: Nested; upstream: Nested; y: Nested; gradX: Nested; gradWeight: Nested | null; gradBias: Nested | null; runningMean: Nested; runningVar: Nested }
  interface BnCase { shape: number[]; affine: boolean; momentum: number; weight: Nested | null; bias: Nested | null; train: BnStep[]; evalX: Nested; evalY: Nested }
  interface LnCase { shape: number[]; normalized: number[]; weight: Nested; bias: Nested; x: Nested; upstream: Nested; y: Nested; gradX: Nested; gradWeight: Nested; gradBias: Nested }
  const fx = loadJsonFixture<{ batchnorm: BnCase[]; layernorm: LnCase[] }>(new URL('./fixtures/nn.json', import.meta.url));
  const tol = { rtol: 1e-10, atol: 1e-12 };

  it.each(fx.batchnorm.map((c) => [JSON.stringify(c.shape), c] as const))('BatchNorm1d %s: train steps, running stats, eval', (_n, c) => {
    const bn = new nn.BatchNorm1d(c.shape[1]!, { dtype: 'float64', momentum: c.momentum, affine: c.affine });
    if (c.affine) bn.loadStateDict({ ...bn.stateDict(), weight: f64(c.weight!, [c.shape[1]!]), bias: f64(c.bias!, [c.shape[1]!]) });
    for (const step of c.train) {
      bn.zeroGrad();
      const x = f64(step.x, c.shape).requiresGrad_();
      const y = bn.forward(x);
      assertAllClose(values(y), flat(step.y), tol);
      y.backward(f64(step.upstream, c.shape));
      assertAllClose(values(x.grad), flat(step.gradX), tol);
      if (c.affine) {
        assertAllClose(values(bn.weight!.grad), flat(step.gradWeight!), tol);
        assertAllClose(values(bn.bias!.grad), flat(step.gradBias!), tol);
      }
      assertAllClose(values(bn.runningMean), flat(step.runningMean), tol);
      assertAllClose(values(bn.runningVar), flat(step.runningVar), tol);
    }
    bn.eval();
    assertAllClose(values(bn.forward(f64(c.evalX, c.shape))), flat(c.evalY), tol);
  });

  it.each(fx.layernorm.map((c) => [JSON.stringify(c.shape), c] as const))('LayerNorm %s: output and gradients', (_n, c) => {
    const ln = new nn.LayerNorm(c.normalized, { dtype: 'float64' });
    ln.loadStateDict({ weight: f64(c.weight, c.normalized), bias: f64(c.bias, c.normalized) });
    const x = f64(c.x, c.shape).requiresGrad_();
    const y = ln.forward(x);
    assertAllClose(values(y), flat(c.y), tol);
    y.backward(f64(c.upstream, c.shape));
    assertAllClose(values(x.grad), flat(c.gradX), tol);
    assertAllClose(values(ln.weight!.grad), flat(c.gradWeight), tol);
    assertAllClose(values(ln.bias!.grad), flat(c.gradBias), tol);
  });

  it('BatchNorm1d rejects a wrong channel count and a single-sample training batch', () => {
    const bn = new nn.BatchNorm1d(3);
    expect(() => bn.forward(core.zeros([4, 2]))).toThrow('BatchNorm1d: expected input (N, 3) or (N, 3, L), got shape [4, 2]');
    expect(() => bn.forward(core.zeros([1, 3]))).toThrow('expected more than 1 value per channel when training');
  });
});

describe('Maxout and Dropout modules', () => {
  it('Maxout takes the max over pieces and trains through it', () => {
    const m = new nn.Maxout(3, 2, 4, { dtype: 'float64', generator: new core.Generator(5) });
    const x = core.randn([5, 3], { dtype: 'float64', generator: new core.Generator(6) });
    const y = m.forward(x);
    expect(y.shape).toEqual([5, 2]);
    const z = m.linear.forward(x).reshape([5, 2, 4]).amax(-1);
    expect(values(y)).toEqual(values(z));
    expect(core.gradcheck((t) => m.forward(t), [x.detach().requiresGrad_()])).toBe(true);
  });

  it('Dropout is active in training and the identity in eval', () => {
    const d = new nn.Dropout(0.5, new core.Generator(1));
    const x = core.ones([1000]);
    expect(values(d.forward(x)).filter((v) => v === 0).length).toBeGreaterThan(400);
    d.eval();
    expect(d.forward(x)).toBe(x);
  });
});
