// Every optimizer against PyTorch 1.13 over 20 steps (tools/fixtures/optim_steps.py), in float32 and float64:
// parameters after every step, parameter groups with their own options, missing gradients, and a stateDict resume.
import * as core from '@nn/core';
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as optim from '../src/index.js';

interface Case {
  optimizer: string;
  dtype: 'float32' | 'float64';
  options: Record<string, unknown>;
  groups: Array<{ params: number[]; options: Record<string, unknown> }> | null;
  shapes: number[][];
  initial: number[][];
  grads: Array<Array<number[] | null>>;
  after: number[][][];
  /** Each parameter's state after steps 10 and 20: numbers (step, muProduct) or flat buffers. */
  states: Record<string, Array<Record<string, number | number[]>>>;
}
interface Fixture { torch: string; steps: number; cases: Case[] }

const fixture = loadJsonFixture<Fixture>(new URL('./fixtures/optim-steps.json', import.meta.url));
const ADAM_FAMILY = new Set(['Adam', 'AdamW', 'NAdam', 'Adamax']);
type Ctor = new (params: optim.ParamsInput<optim.BaseOptions>, options: Record<string, unknown>) => optim.Optimizer;
const CTORS: Record<string, Ctor> = {
  SGD: optim.SGD as unknown as Ctor, Adam: optim.Adam as unknown as Ctor, AdamW: optim.AdamW as unknown as Ctor,
  RMSprop: optim.RMSprop as unknown as Ctor, Adagrad: optim.Adagrad as unknown as Ctor,
  Adadelta: optim.Adadelta as unknown as Ctor, NAdam: optim.NAdam as unknown as Ctor, Adamax: optim.Adamax as unknown as Ctor,
};

/** torch option names (weight_decay) to ours (weightDecay). */
function camel(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
}

function setup(c: Case): { params: core.Tensor[]; opt: optim.Optimizer } {
  const params = c.initial.map((v, i) => core.tensor(v, { shape: c.shapes[i]!, dtype: c.dtype }).requiresGrad_());
  const input = c.groups === null
    ? params
    : c.groups.map((g) => ({ ...camel(g.options), params: g.params.map((i) => params[i]!) }));
  return { params, opt: new CTORS[c.optimizer]!(input as optim.ParamsInput<optim.BaseOptions>, camel(c.options)) };
}

function applyGrads(c: Case, params: core.Tensor[], step: number): void {
  c.grads[step]!.forEach((g, i) => {
    params[i]!.grad = g === null ? null : core.tensor(g, { shape: c.shapes[i]!, dtype: c.dtype });
  });
}

const label = (c: Case): string => `${c.optimizer} ${c.dtype} ${JSON.stringify(c.options)}${c.groups === null ? '' : ` groups ${JSON.stringify(c.groups.map((g) => g.options))} (some grads missing)`}`;

describe(`optimizers against torch ${fixture.torch}`, () => {
  it('covers every optimizer in both dtypes', () => {
    for (const dtype of ['float32', 'float64']) {
      expect(new Set(fixture.cases.filter((c) => c.dtype === dtype).map((c) => c.optimizer)), dtype).toEqual(new Set(Object.keys(CTORS)));
    }
  });

  for (const c of fixture.cases) {
    // float64 runs the same operations in the same order as PyTorch, so only the last bits may differ.
    const tol = c.dtype === 'float64'
      ? { rtol: 1e-12, atol: 1e-15 }
      : { rtol: ADAM_FAMILY.has(c.optimizer) ? 1e-5 : 1e-6, atol: 1e-7 };
    const digits = c.dtype === 'float64' ? 12 : 6;
    it(`${label(c)}: parameters after each of ${fixture.steps} steps, state after 10 and 20`, () => {
      const { params, opt } = setup(c);
      for (let s = 0; s < fixture.steps; s++) {
        applyGrads(c, params, s);
        opt.step();
        params.forEach((p, i) => {
          try {
            assertAllClose(Array.from(p.toFlatArray()), c.after[s]![i]!, tol);
          } catch (err) {
            throw new Error(`step ${s + 1}, param ${i}: ${(err as Error).message}`);
          }
        });
        const expected = c.states[String(s + 1)];
        if (expected !== undefined) {
          params.forEach((p, i) => {
            const mine = opt.state.get(p) ?? {};
            expect(Object.keys(mine).sort(), `state names of param ${i} after step ${s + 1}`).toEqual(Object.keys(expected[i]!).sort());
            for (const [k, v] of Object.entries(expected[i]!)) {
              const got = mine[k]!;
              const where = `state ${k} of param ${i} after step ${s + 1}`;
              if (typeof v === 'number') expect(got, where).toBeCloseTo(v, digits);
              else {
                try {
                  assertAllClose(Array.from(got as ArrayLike<number>), v, tol);
                } catch (err) {
                  throw new Error(`${where}: ${(err as Error).message}`);
                }
              }
            }
          });
        }
      }
    });

    it(`${label(c)}: stateDict after 7 steps resumes exactly in a fresh optimizer`, () => {
      const a = setup(c);
      for (let s = 0; s < 7; s++) { applyGrads(c, a.params, s); a.opt.step(); }
      const saved = a.opt.stateDict();
      const b = setup(c);
      b.params.forEach((p, i) => p.data.set(a.params[i]!.data));
      b.opt.loadStateDict(saved);
      for (let s = 7; s < fixture.steps; s++) {
        applyGrads(c, a.params, s);
        a.opt.step();
        applyGrads(c, b.params, s);
        b.opt.step();
      }
      b.params.forEach((p, i) => expect(Array.from(p.data)).toEqual(Array.from(a.params[i]!.data)));
      b.params.forEach((p, i) => assertAllClose(Array.from(p.data), c.after[fixture.steps - 1]![i]!, tol));
    });
  }
});
