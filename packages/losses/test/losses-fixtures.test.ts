// Regression and probabilistic classification losses against PyTorch 1.13 fixtures (tools/fixtures/losses_classification.py):
// values and input gradients in float32 and float64 for every option combination the generator writes.
import * as core from '@nn/core';
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as losses from '../src/index.js';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Spec { shape: number[]; values: number[]; dtype: 'float32' | 'float64' | 'int32' }
interface Case {
  fn: string; dtype: 'float32' | 'float64'; input: Spec; target: Spec;
  opts: { reduction?: string; delta?: number; beta?: number; labelSmoothing?: number; ignoreIndex?: number; logTarget?: boolean };
  tensors: Record<string, Spec>; upstream: number[]; outputShape: number[]; output: Num[]; grad: Num[];
}
interface Fixture { torch: string; cases: Case[] }

const load = (file: string): Fixture => loadJsonFixture<Fixture>(new URL(`./fixtures/${file}`, import.meta.url));
const num = (v: Num[]): number[] => v.map((x) => (x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : x));
const make = (s: Spec): core.Tensor => core.tensor(s.values, { dtype: s.dtype, shape: s.shape });
// float32: sums run in another order than PyTorch; float64: a few ulp of the largest term.
const TOL = { float32: { rtol: 1e-5, atol: 1e-7 }, float64: { rtol: 1e-12, atol: 1e-14 } };

type LossFn = (input: core.Tensor, target: core.Tensor, opts: Record<string, unknown>) => core.Tensor;
const FNS: Record<string, LossFn> = {
  mseLoss: losses.mseLoss as LossFn,
  l1Loss: losses.l1Loss as LossFn,
  huberLoss: losses.huberLoss as LossFn,
  smoothL1Loss: losses.smoothL1Loss as LossFn,
  binaryCrossEntropy: losses.binaryCrossEntropy as LossFn,
  binaryCrossEntropyWithLogits: losses.binaryCrossEntropyWithLogits as LossFn,
  crossEntropy: losses.crossEntropy as LossFn,
  nllLoss: losses.nllLoss as LossFn,
  klDivLoss: losses.klDivLoss as LossFn,
};
const TENSOR_OPTS: Record<string, string> = { weight: 'weight', pos_weight: 'posWeight' };

function label(c: Case): string {
  return `${c.fn} ${c.dtype} input ${JSON.stringify(c.input.shape)} target ${c.target.dtype} ${JSON.stringify(c.opts)} ${Object.keys(c.tensors).join(',')}`;
}

function runCase(c: Case): void {
  const input = make(c.input).requiresGrad_();
  const opts: Record<string, unknown> = { ...c.opts };
  for (const [k, s] of Object.entries(c.tensors)) opts[TENSOR_OPTS[k]!] = make(s);
  const out = FNS[c.fn]!(input, make(c.target), opts);
  const l = label(c);
  expect(out.shape, l).toEqual(c.outputShape);
  expect(out.dtype, l).toBe(c.dtype);
  assertAllClose(Array.from(out.toFlatArray()), num(c.output), { ...TOL[c.dtype], label: `${l} output` });
  out.backward(core.tensor(c.upstream, { dtype: c.dtype, shape: c.outputShape }));
  assertAllClose(Array.from(input.grad!.toFlatArray()), num(c.grad), { ...TOL[c.dtype], label: `${l} grad` });
}

for (const file of ['losses-regression.json', 'losses-classification.json']) {
  const fixture = load(file);
  describe(`${file} against PyTorch ${fixture.torch}`, () => {
    const groups = new Map<string, Case[]>();
    for (const c of fixture.cases) {
      const key = `${c.fn} ${c.dtype}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, cases] of groups) {
      it(`${key}: ${cases.length} cases`, () => { for (const c of cases) runCase(c); });
    }
  });
}

describe('fixture coverage', () => {
  const cls = load('losses-classification.json').cases;
  it('covers extreme logits, probabilities 0 and 1, all-ignored batches, class weights and every shape', () => {
    const ce = cls.filter((c) => c.fn === 'crossEntropy');
    expect(ce.some((c) => Math.max(...c.input.values.map(Math.abs)) >= 5000)).toBe(true);
    expect(new Set(ce.map((c) => c.input.shape.length))).toEqual(new Set([1, 2, 3, 4]));
    expect(ce.some((c) => c.target.dtype !== 'int32')).toBe(true);
    expect(ce.some((c) => c.opts.reduction === 'mean' && c.output[0] === 'NaN')).toBe(true);
    expect(cls.some((c) => c.fn === 'nllLoss' && c.opts.reduction === 'mean' && c.output[0] === 'NaN')).toBe(true);
    const bce = cls.filter((c) => c.fn === 'binaryCrossEntropy');
    expect(bce.some((c) => c.input.values.includes(0) && c.input.values.includes(1) && 'weight' in c.tensors)).toBe(true);
    expect(cls.some((c) => c.fn === 'binaryCrossEntropyWithLogits' && 'pos_weight' in c.tensors && c.input.values.includes(10000))).toBe(true);
    expect(new Set(cls.filter((c) => c.fn === 'klDivLoss').map((c) => c.opts.reduction))).toEqual(new Set(['none', 'mean', 'sum', 'batchmean']));
  });
});
