// Margin and ranking losses against PyTorch 1.13 fixtures (tools/fixtures/losses_margin.py): values and input gradients.
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { type Tensor, tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import * as L from '../src/index.js';

type Num = number | 'NaN';
interface Input { shape: number[]; values: number[] }
interface Case {
  loss: 'hingeEmbedding' | 'softMargin' | 'multiMargin' | 'marginRanking' | 'tripletMargin' | 'cosineEmbedding';
  dtype: 'float32' | 'float64'; reduction: 'none' | 'mean' | 'sum';
  options: { margin?: number; p?: number; eps?: number; swap?: boolean };
  inputs: Input[]; target: { kind: 'int' | 'float' | 'none'; shape: number[]; values: number[] }; weight: number[] | null;
  upstream: Num[]; outputShape: number[]; output: Num[]; grads: Num[][];
}

const fixture = loadJsonFixture<{ torch: string; cases: Case[] }>(new URL('./fixtures/losses-margin.json', import.meta.url));
const num = (v: Num[]): number[] => v.map((x) => (x === 'NaN' ? NaN : x));
const TOL = { float32: { rtol: 1e-5, atol: 1e-6 }, float64: { rtol: 1e-12, atol: 1e-13 } };

/** Calls the function form, or (odd cases) the module form, so both are checked against PyTorch. */
function call(c: Case, xs: Tensor[], t: Tensor | null, weight: Tensor | null, useModule: boolean): Tensor {
  const reduction = c.reduction, o = c.options;
  const margin = o.margin ?? 0;
  switch (c.loss) {
    case 'hingeEmbedding':
      return useModule ? new L.HingeEmbeddingLoss({ reduction, margin }).forward(xs[0]!, t!) : L.hingeEmbeddingLoss(xs[0]!, t!, { reduction, margin });
    case 'softMargin':
      return useModule ? new L.SoftMarginLoss({ reduction }).forward(xs[0]!, t!) : L.softMarginLoss(xs[0]!, t!, { reduction });
    case 'multiMargin': {
      const opts = { reduction, margin, p: o.p as 1 | 2, weight };
      return useModule ? new L.MultiMarginLoss(opts).forward(xs[0]!, t!) : L.multiMarginLoss(xs[0]!, t!, opts);
    }
    case 'marginRanking':
      return useModule ? new L.MarginRankingLoss({ reduction, margin }).forward(xs[0]!, xs[1]!, t!) : L.marginRankingLoss(xs[0]!, xs[1]!, t!, { reduction, margin });
    case 'tripletMargin': {
      const opts = { reduction, margin, p: o.p!, eps: o.eps!, swap: o.swap! };
      return useModule ? new L.TripletMarginLoss(opts).forward(xs[0]!, xs[1]!, xs[2]!) : L.tripletMarginLoss(xs[0]!, xs[1]!, xs[2]!, opts);
    }
    case 'cosineEmbedding':
      return useModule ? new L.CosineEmbeddingLoss({ reduction, margin }).forward(xs[0]!, xs[1]!, t!) : L.cosineEmbeddingLoss(xs[0]!, xs[1]!, t!, { reduction, margin });
  }
}

describe(`margin and ranking losses against PyTorch ${fixture.torch}`, () => {
  fixture.cases.forEach((c, i) => {
    const label = `${c.loss} #${i} ${c.dtype} ${c.reduction} ${JSON.stringify(c.options)} ${c.inputs[0]!.shape.join('x')}${c.weight ? ' weighted' : ''}`;
    it(label, () => {
      const xs = c.inputs.map((x) => tensor(x.values, { dtype: c.dtype, shape: x.shape, requiresGrad: true }));
      const t = c.target.kind === 'none' ? null
        : tensor(c.target.values, { dtype: c.target.kind === 'int' ? 'int32' : c.dtype, shape: c.target.shape });
      const weight = c.weight === null ? null : tensor(c.weight, { dtype: c.dtype });
      const out = call(c, xs, t, weight, i % 2 === 1);
      expect(out.shape).toEqual(c.outputShape);
      expect(out.dtype).toBe(c.dtype);
      assertAllClose(Array.from(out.toFlatArray()), num(c.output), { ...TOL[c.dtype], label: `${label} output` });
      out.backward(tensor(num(c.upstream), { dtype: c.dtype, shape: out.shape }));
      xs.forEach((x, k) => assertAllClose(Array.from(x.grad!.toFlatArray()), num(c.grads[k]!), { ...TOL[c.dtype], label: `${label} grad ${k}` }));
    });
  });

  it('covers every loss, reduction, dtype and option the generator promises', () => {
    const cs = fixture.cases;
    expect(new Set(cs.map((c) => c.loss)).size).toBe(6);
    expect(new Set(cs.map((c) => `${c.dtype}/${c.reduction}`)).size).toBe(6);
    const mm = cs.filter((c) => c.loss === 'multiMargin');
    expect(new Set(mm.map((c) => c.options.p))).toEqual(new Set([1, 2]));
    expect(mm.some((c) => c.weight !== null) && mm.some((c) => c.inputs[0]!.shape.length === 1)).toBe(true);
    const tm = cs.filter((c) => c.loss === 'tripletMargin');
    expect(tm.some((c) => c.options.swap === true) && tm.some((c) => c.options.eps === 0)).toBe(true);
    expect(new Set(tm.map((c) => c.options.p))).toEqual(new Set([1, 1.5, 2, 3]));
    expect(cs.some((c) => Math.max(...c.inputs[0]!.values.map(Math.abs)) >= 5000)).toBe(true);
  });
});
