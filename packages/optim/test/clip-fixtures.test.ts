// clipGradNorm and clipGradValue against PyTorch 1.13 (tools/fixtures/optim_clip.py): the total norm and every
// clipped gradient for norm types 1, 2, 3.5 and infinity, clipping and not clipping, in float32 and float64.
import * as core from '@nn/core';
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from '../src/index.js';

type DType = 'float32' | 'float64';
interface NormCase { dtype: DType; normType: number | 'inf'; maxNorm: number; shapes: number[][]; grads: number[][]; total: number; after: number[][] }
interface ValueCase { dtype: DType; clipValue: number; shapes: number[][]; grads: number[][]; after: number[][] }
interface Fixture { torch: string; norm: NormCase[]; value: ValueCase[] }

const fixture = loadJsonFixture<Fixture>(new URL('./fixtures/optim-clip.json', import.meta.url));
const tolOf = (dtype: DType): { rtol: number; atol: number } => (dtype === 'float64' ? { rtol: 1e-12, atol: 0 } : { rtol: 1e-6, atol: 0 });

/** Parameters holding the case's gradients, plus one without a gradient (which both sides skip). */
function paramsWithGrads(c: { dtype: DType; shapes: number[][]; grads: number[][] }): core.Tensor[] {
  const params = c.shapes.map((shape, i) => {
    const p = core.zeros(shape, { dtype: c.dtype }).requiresGrad_();
    p.grad = core.tensor(c.grads[i]!, { shape, dtype: c.dtype });
    return p;
  });
  return [...params, core.zeros([2], { dtype: c.dtype }).requiresGrad_()];
}

function expectGrads(params: core.Tensor[], after: number[][], dtype: DType): void {
  after.forEach((expected, i) => {
    try {
      assertAllClose(Array.from(params[i]!.grad!.toFlatArray()), expected, tolOf(dtype));
    } catch (err) {
      throw new Error(`gradient ${i}: ${(err as Error).message}`);
    }
  });
  expect(params[params.length - 1]!.grad).toBeNull();
}

describe(`clipGradNorm against torch ${fixture.torch} clip_grad_norm_`, () => {
  it('covers every norm type, both dtypes, clipping and not', () => {
    const kinds = new Set(fixture.norm.map((c) => `${c.dtype} ${c.normType} ${c.total > c.maxNorm}`));
    expect(kinds.size).toBe(16);
  });

  for (const c of fixture.norm) {
    const normType = c.normType === 'inf' ? Infinity : c.normType;
    const clipped = c.total > c.maxNorm;
    it(`${c.dtype}, norm ${c.normType}, ${c.shapes.length} tensor(s), ${clipped ? 'clipped' : 'not clipped'}`, () => {
      const params = paramsWithGrads(c);
      const before = params.slice(0, -1).map((p) => Array.from(p.grad!.toFlatArray()));
      const total = clipGradNorm(params, c.maxNorm, normType);
      assertAllClose([total], [c.total], tolOf(c.dtype));
      expectGrads(params, c.after, c.dtype);
      if (!clipped) params.slice(0, -1).forEach((p, i) => expect(Array.from(p.grad!.toFlatArray())).toEqual(before[i]));
    });
  }
});

describe(`clipGradValue against torch ${fixture.torch} clip_grad_value_`, () => {
  for (const c of fixture.value) {
    it(`${c.dtype}, clipValue ${c.clipValue}`, () => {
      const params = paramsWithGrads(c);
      clipGradValue(params, c.clipValue);
      // Clamping only selects values, so the result is exact in both dtypes.
      c.after.forEach((expected, i) => expect(Array.from(params[i]!.grad!.toFlatArray()), `gradient ${i}`).toEqual(expected));
      expect(c.after.flat().some((v) => Math.abs(v) === Math.fround(c.clipValue) || Math.abs(v) === c.clipValue)).toBe(true);
    });
  }
});
