// The fused optimizer steps against torch.optim 1.13 (tools/fixtures/optim_kernels.py) on both backends, and bad input.
import { assertAllClose, describeOnBackends, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { getBackend, setBackend } from '../src/backend/select.js';

type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';
interface FixtureStep { grads: number[][]; params: number[][]; state: Record<string, number[][]> }
interface Case {
  optimizer: OptimizerName; dtype: 'float32' | 'float64'; hyper: Record<string, unknown>;
  initialAccumulatorValue?: number; params: number[][]; steps: FixtureStep[];
}
type Layout = 'tensors' | 'flat';
interface Run { c: Case; layout: Layout }

const fixture = loadJsonFixture<{ torch: string; cases: Case[] }>(new URL('./fixtures/optim-kernels.json', import.meta.url));

type Group = nn.ParamGroup & Record<string, readonly nn.OptimArray[]>;
const STEP: Record<OptimizerName, (group: Group, hyper: Record<string, unknown>, step: number) => void> = {
  sgd: (g, h, s) => nn.sgdStep(g, h as unknown as nn.SgdHyper, s),
  adam: (g, h, s) => nn.adamStep(g as unknown as nn.AdamGroup, h, s),
  adamw: (g, h, s) => nn.adamwStep(g as unknown as nn.AdamGroup, h, s),
  rmsprop: (g, h) => nn.rmspropStep(g as unknown as nn.RmspropGroup, h),
  adagrad: (g, h, s) => nn.adagradStep(g as unknown as nn.AdagradGroup, h, s),
};

/**
 * Views of one buffer per list: 'tensors' gives one array per fixture tensor; 'flat' gives the whole group as one
 * array (the layout where parameters live in one flat buffer), with the fixture's tensors concatenated.
 */
function layoutOf(values: number[][], layout: Layout, make: (n: number) => nn.OptimArray): nn.OptimArray[] {
  if (layout === 'flat') {
    const flat = make(values.reduce((n, v) => n + v.length, 0));
    flat.set(values.flat());
    return [flat];
  }
  return values.map((v) => {
    const a = make(v.length);
    a.set(v);
    return a;
  });
}

// Float32: PyTorch's AVX2 kernels fuse add_(alpha) and addcmul_ exactly where ours do, so every value is expected
// bit for bit (the fixture stores the shortest decimal of each float32). Float64: PyTorch fuses double ops that the
// TypeScript loops round twice, a few ulps after four steps.
function expectValues(label: string, dtype: Case['dtype'], got: nn.OptimArray, want: number[]): void {
  if (dtype === 'float64') {
    assertAllClose(got, want, { rtol: 1e-12, atol: 1e-15, label });
    return;
  }
  const mismatch = want.findIndex((w, i) => got[i] !== Math.fround(w));
  if (mismatch >= 0) throw new Error(`${label}: [${mismatch}] is ${got[mismatch]}, PyTorch has ${Math.fround(want[mismatch]!)}`);
}

function runCase({ c, layout }: Run): void {
  const make = (n: number): nn.OptimArray => (c.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));
  const zeros = c.params.map((v) => v.map(() => 0));
  const group: Group = { params: layoutOf(c.params, layout, make), grads: layoutOf(zeros, layout, make) };
  for (const name of Object.keys(c.steps[0]!.state)) {
    const init = name === 'stateSums' ? (c.initialAccumulatorValue ?? 0) : 0;
    group[name] = layoutOf(c.params.map((v) => v.map(() => init)), layout, make);
  }
  const label = `${c.optimizer} ${JSON.stringify(c.hyper)} ${c.dtype} ${layout}`;
  c.steps.forEach((s, k) => {
    const grads = layoutOf(s.grads, layout, make);
    grads.forEach((g, i) => group.grads[i]!.set(g));
    STEP[c.optimizer](group, c.hyper, k + 1);
    const expected = (values: number[][]): number[][] => (layout === 'flat' ? [values.flat()] : values);
    expected(s.params).forEach((p, i) => expectValues(`${label} step ${k + 1} params[${i}]`, c.dtype, group.params[i]!, p));
    for (const [name, values] of Object.entries(s.state)) {
      expected(values).forEach((v, i) => expectValues(`${label} step ${k + 1} ${name}[${i}]`, c.dtype, group[name]![i]!, v));
    }
  });
}

describeOnBackends<Run>({
  title: `optimizer steps against torch.optim ${fixture.torch}`,
  cases: fixture.cases.flatMap((c) => [{ c, layout: 'tensors' as const }, { c, layout: 'flat' as const }]),
  group: ({ c }) => `${c.optimizer} ${c.dtype}`,
  run: runCase,
  backends: ['native', 'reference'],
  useBackend: (name) => setBackend(name as 'native' | 'reference'),
  defaultBackend: 'native',
});

describe('optimizer steps: groups', () => {
  it('covers every optimizer, both dtypes, and every option on and off', () => {
    const seen = new Set(fixture.cases.map((c) => `${c.optimizer} ${c.dtype}`));
    for (const o of ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad']) {
      expect(seen.has(`${o} float32`) && seen.has(`${o} float64`), o).toBe(true);
    }
    const options: Record<OptimizerName, string[]> = {
      sgd: ['momentum', 'dampening', 'weightDecay', 'nesterov', 'maximize'], adam: ['weightDecay', 'amsgrad', 'maximize'],
      adamw: ['amsgrad', 'maximize'], rmsprop: ['momentum', 'weightDecay', 'centered', 'maximize'],
      adagrad: ['lrDecay', 'weightDecay', 'maximize'],
    };
    for (const [o, names] of Object.entries(options)) {
      const cases = fixture.cases.filter((c) => c.optimizer === o && c.dtype === 'float32');
      for (const name of names) {
        const on = new Set(cases.map((c) => c.hyper[name] !== undefined && c.hyper[name] !== 0 && c.hyper[name] !== false));
        expect([...on].sort(), `${o} ${name}`).toEqual([false, true]);
      }
    }
  });

  it('updates a group mixing float32 and float64 tensors as each precision alone', () => {
    const hyper = { lr: 0.01, betas: [0.8, 0.9] as const, weightDecay: 0.1, amsgrad: true };
    const make = (): nn.AdamGroup => ({
      params: [new Float32Array([1, -2, 3]), new Float64Array([0.5, 0.25])],
      grads: [new Float32Array([0.1, 0.2, -0.3]), new Float64Array([-1, 2])],
      expAvgs: [new Float32Array(3), new Float64Array(2)], expAvgSqs: [new Float32Array(3), new Float64Array(2)],
      maxExpAvgSqs: [new Float32Array(3), new Float64Array(2)],
    });
    const mixed = make(), alone = make();
    for (let step = 1; step <= 3; step++) {
      nn.adamStep(mixed, hyper, step);
      for (const i of [0, 1]) {
        nn.adamStep({ params: [alone.params[i]!], grads: [alone.grads[i]!], expAvgs: [alone.expAvgs[i]!],
          expAvgSqs: [alone.expAvgSqs[i]!], maxExpAvgSqs: [alone.maxExpAvgSqs![i]!] }, hyper, step);
      }
    }
    expect(mixed.params).toEqual(alone.params);
    expect(mixed.maxExpAvgSqs).toEqual(alone.maxExpAvgSqs);
    expect(mixed.params[0]).toBeInstanceOf(Float32Array);
  });

  it('accepts disjoint views of one buffer and an empty group, and ignores state the options do not use', () => {
    const buf = new Float32Array(8).fill(1);
    const params = [buf.subarray(0, 2), buf.subarray(2, 4)], grads = [buf.subarray(4, 6), buf.subarray(6, 8)];
    nn.sgdStep({ params, grads, momentumBuffers: [params[0]!, params[1]!] }, { lr: 0.5 }, 1);
    expect(Array.from(buf)).toEqual([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1]);
    expect(() => nn.adagradStep({ params: [], grads: [], stateSums: [] }, {}, 1)).not.toThrow();
  });
});

describe('optimizer steps: bad input', () => {
  const f32 = (...v: number[]): Float32Array => new Float32Array(v);
  const adamGroup = (): nn.AdamGroup => ({ params: [f32(1, 2)], grads: [f32(0.5, 0.5)], expAvgs: [f32(0, 0)], expAvgSqs: [f32(0, 0)] });

  it('rejects hyperparameters PyTorch rejects, and non-finite ones', () => {
    const g = { params: [f32(1)], grads: [f32(1)], momentumBuffers: [f32(0)] };
    expect(() => nn.sgdStep(g, { lr: 0.1, nesterov: true }, 1)).toThrow(/sgdStep: nesterov requires momentum > 0 and dampening 0, got momentum 0 and dampening 0/);
    expect(() => nn.sgdStep(g, { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }, 1)).toThrow(/got momentum 0.9 and dampening 0.1/);
    expect(() => nn.sgdStep(g, { lr: -0.1 }, 1)).toThrow(/sgdStep: lr must be a finite number >= 0, got -0.1/);
    expect(() => nn.sgdStep(g, {} as nn.SgdHyper, 1)).toThrow(/sgdStep: lr must be a finite number >= 0, got undefined/);
    expect(() => nn.sgdStep(g, { lr: 0.1, momentum: -1 }, 1)).toThrow(/sgdStep: momentum must be a finite number >= 0, got -1/);
    expect(() => nn.adamStep(adamGroup(), { lr: NaN }, 1)).toThrow(/adamStep: lr must be a finite number >= 0, got NaN/);
    expect(() => nn.adamStep(adamGroup(), { eps: Infinity }, 1)).toThrow(/adamStep: eps must be a finite number >= 0, got Infinity/);
    expect(() => nn.adamStep(adamGroup(), { betas: [0.9, 1] }, 1)).toThrow(/adamStep: betas\[1\] must be in \[0, 1\), got 1/);
    expect(() => nn.adamwStep(adamGroup(), { betas: [-0.1, 0.9] }, 1)).toThrow(/adamwStep: betas\[0\] must be in \[0, 1\), got -0.1/);
    expect(() => nn.adamStep(adamGroup(), { betas: [0.9] as unknown as [number, number] }, 1)).toThrow(/adamStep: betas must be a pair/);
    expect(() => nn.rmspropStep({ params: [], grads: [], squareAvgs: [] }, { alpha: -0.5 })).toThrow(/rmspropStep: alpha must be a finite number >= 0, got -0.5/);
    expect(() => nn.adagradStep({ params: [], grads: [], stateSums: [] }, { lrDecay: -1 }, 1)).toThrow(/adagradStep: lrDecay must be a finite number >= 0, got -1/);
    expect(() => nn.adamStep(adamGroup(), { weight_decay: 0.1 } as unknown as nn.AdamHyper, 1)).toThrow(/adamStep: unknown hyperparameter 'weight_decay' \(expected lr, betas/);
    expect(() => nn.adamStep(adamGroup(), { amsgrad: 1 } as unknown as nn.AdamHyper, 1)).toThrow(TypeError);
  });

  it('rejects a step that is not a positive integer', () => {
    for (const step of [0, -1, 1.5, NaN]) {
      expect(() => nn.adamStep(adamGroup(), {}, step)).toThrow(new RegExp(`adamStep: step must be a positive integer \\(1 on the first step\\), got ${step}`));
    }
  });

  it('rejects groups whose lists, types or lengths do not match, or that lack required state', () => {
    const g = adamGroup();
    expect(() => nn.adamStep({ ...g, grads: [] }, {}, 1)).toThrow(/adamStep: grads has 0 arrays but params has 1/);
    expect(() => nn.adamStep({ ...g, expAvgs: [f32(0)] }, {}, 1)).toThrow(/adamStep: expAvgs\[0\] has length 1 but params\[0\] has length 2/);
    expect(() => nn.adamStep({ ...g, grads: [new Float64Array(2)] }, {}, 1)).toThrow(/adamStep: grads\[0\] is a Float64Array but params\[0\] is a Float32Array/);
    expect(() => nn.adamStep({ ...g, params: [[1, 2]] as unknown as Float32Array[] }, {}, 1)).toThrow(/adamStep: params\[0\] must be a Float32Array or Float64Array, got Array/);
    expect(() => nn.adamStep({ ...g, params: f32(1, 2) as unknown as Float32Array[] }, {}, 1)).toThrow(/adamStep: params must be an array/);
    expect(() => nn.adamStep(g, { amsgrad: true }, 1)).toThrow(/adamStep: group.maxExpAvgSqs is required with these options/);
    expect(() => nn.sgdStep({ params: [f32(1)], grads: [f32(1)] }, { lr: 0.1, momentum: 0.9 }, 1)).toThrow(/sgdStep: group.momentumBuffers is required/);
    expect(() => nn.rmspropStep({ params: [f32(1)], grads: [f32(1)], squareAvgs: [f32(0)] }, { centered: true })).toThrow(/rmspropStep: group.gradAvgs is required/);
  });

  // The native kernels check float32 groups themselves; float64 groups and the TypeScript backend are checked here.
  for (const [backend, Ctor] of [['native', Float32Array], ['native', Float64Array], ['reference', Float32Array]] as const) {
    it(`rejects parameters or state that share memory with each other or the grads, and writes nothing then (${backend}, ${Ctor.name})`, () => {
      setBackend(backend);
      try {
        const buf = new Ctor(6).fill(1) as Float32Array;
        const of = (...v: number[]): Float32Array => Ctor.from(v) as Float32Array;
        const params = [buf.subarray(0, 3)];
        expect(() => nn.adagradStep({ params, grads: [params[0]!], stateSums: [of(0, 0, 0)] }, {}, 1))
          .toThrow(/^adagradStep: params\[0\] and grads\[0\] share memory/);
        expect(() => nn.adagradStep({ params, grads: [buf.subarray(2, 5)], stateSums: [of(0, 0, 0)] }, {}, 1))
          .toThrow(/^adagradStep: params\[0\] and grads\[0\] share memory/);
        expect(() => nn.adamStep({ params, grads: [of(1, 1, 1)], expAvgs: [buf.subarray(3, 6)], expAvgSqs: [buf.subarray(3, 6)] }, {}, 1))
          .toThrow(/^adamStep: expAvgs\[0\] and expAvgSqs\[0\] share memory/);
        expect(() => nn.sgdStep({ params: [buf.subarray(0, 2), buf.subarray(1, 3)], grads: [of(1, 1), of(1, 1)] }, { lr: 1 }, 1))
          .toThrow(/^sgdStep: params\[0\] and params\[1\] share memory/);
        expect(Array.from(buf)).toEqual([1, 1, 1, 1, 1, 1]);
        // Two parameters may read one gradient.
        const shared = of(1, 1);
        expect(() => nn.sgdStep({ params: [of(0, 0), of(0, 0)], grads: [shared, shared] }, { lr: 1 }, 1)).not.toThrow();
      } finally {
        setBackend('native');
      }
    });
  }

  it('native entry points check what they are given themselves', () => {
    setBackend('native');
    const b = getBackend();
    expect(b.name).toBe('native');
    const p = [f32(1, 2)], g = [f32(1, 1)];
    expect(() => b.adamStepF32(p, g, [f32(0)], [f32(0, 0)], [], 0.1, 0.9, 0.99, 1e-8, 0, false, false, false, 1))
      .toThrow(/adamStepF32: expAvgs\[0\] has length 1 but params\[0\] has length 2/);
    expect(() => b.adamStepF32(p, g, [f32(0, 0)], [f32(0, 0)], [], 0.1, 0.9, 0.99, 1e-8, 0, true, false, false, 1))
      .toThrow(/adamStepF32: maxExpAvgSqs has 0 arrays but params has 1/);
    expect(() => b.sgdStepF32(p, [new Float64Array(2) as unknown as Float32Array], [], 0.1, 0, 0, 0, false, false, 1))
      .toThrow(/sgdStepF32: grads\[0\] must be a Float32Array, got Float64Array/);
    expect(() => b.sgdStepF32(p, p, [], 0.1, 0, 0, 0, false, false, 1)).toThrow(/sgdStepF32: params\[0\] and grads\[0\] share memory|sgdStepF32: grads\[0\] and params\[0\] share memory/);
    expect(() => b.rmspropStepF32(p, g, [f32(0, 0)], [], [g[0]!], 0.1, 0.9, 1e-8, 0, 0.9, false, false))
      .toThrow(/rmspropStepF32: .* share memory/);
    expect(() => b.adagradStepF32(p, g, [f32(0, 0)], 0.1, 0, 0, 1e-10, false, 0)).toThrow(/adagradStepF32: step must be at least 1/);
    expect(() => b.adagradStepF32(p, [], [f32(0, 0)], 0.1, 0, 0, 1e-10, false, 1)).toThrow(/adagradStepF32: grads has 0 arrays but params has 1/);
    expect(Array.from(p[0]!)).toEqual([1, 2]);
  });
});
