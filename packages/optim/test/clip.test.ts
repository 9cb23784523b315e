// clipGradNorm and clipGradValue: totals for 2, 1 and infinity norms, the clip coefficient of
// torch.nn.utils.clip_grad_norm_ (maxNorm / (total + 1e-6), at most 1), non-finite norms and strided gradients.
import * as core from '@nn/core';
import { assertAllClose } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from '../src/index.js';

function withGrad(values: number[], dtype: 'float32' | 'float64' = 'float64'): core.Tensor {
  const p = core.zeros([values.length], { dtype }).requiresGrad_();
  p.grad = core.tensor(values, { dtype });
  return p;
}

describe('clipGradNorm', () => {
  it('returns the 2-norm over all gradients and scales them to maxNorm', () => {
    const a = withGrad([3, 4]), b = withGrad([12]), c = core.zeros([2]).requiresGrad_();
    expect(clipGradNorm([a, b, c], 6.5)).toBe(13);
    const coef = 6.5 / (13 + 1e-6);
    assertAllClose(Array.from(a.grad!.data), [3 * coef, 4 * coef], { rtol: 1e-15, atol: 0 });
    assertAllClose(Array.from(b.grad!.data), [12 * coef], { rtol: 1e-15, atol: 0 });
    expect(c.grad).toBeNull();
  });
  it('leaves gradients alone when the norm is below maxNorm', () => {
    const a = withGrad([3, 4]);
    expect(clipGradNorm(a, 100)).toBe(5);
    expect(Array.from(a.grad!.data)).toEqual([3, 4]);
  });
  it('infinity and 1 norms', () => {
    expect(clipGradNorm([withGrad([3, -4]), withGrad([-12])], 100, Infinity)).toBe(12);
    expect(clipGradNorm([withGrad([3, -4]), withGrad([-12])], 100, 1)).toBe(19);
    const a = withGrad([3, -4]);
    clipGradNorm(a, 2, Infinity);
    assertAllClose(Array.from(a.grad!.data), [3 * 2 / (4 + 1e-6), -4 * 2 / (4 + 1e-6)], { rtol: 1e-15, atol: 0 });
  });
  it('float32 gradients', () => {
    const a = withGrad([0.3, 0.4], 'float32');
    const total = clipGradNorm(a, 0.25);
    expect(total).toBeCloseTo(0.5, 7);
    assertAllClose(Array.from(a.grad!.data), [0.15, 0.2], { rtol: 1e-6 });
  });
  it('non-finite totals: returned, or an error with errorIfNonfinite', () => {
    expect(clipGradNorm(withGrad([NaN, 1]), 1)).toBeNaN();
    expect(() => clipGradNorm(withGrad([Infinity]), 1, 2, { errorIfNonfinite: true })).toThrow(/clipGradNorm: the total norm of order 2 of the gradients is Infinity/);
  });
  it('no gradients give 0; bad arguments throw', () => {
    expect(clipGradNorm([core.zeros([2]).requiresGrad_()], 1)).toBe(0);
    expect(() => clipGradNorm([], 1, 0)).toThrow(/normType must be > 0/);
    expect(() => clipGradNorm([], NaN)).toThrow(/maxNorm must be a number, got NaN/);
  });
  it('clips a strided (transposed) gradient in place', () => {
    const p = core.zeros([3, 2], { dtype: 'float64' }).requiresGrad_();
    const g = core.tensor([[3, 0, 0], [4, 0, 0]], { dtype: 'float64' });
    p.grad = core.transpose(g, 0, 1);
    expect(p.grad.isContiguous()).toBe(false);
    expect(clipGradNorm(p, 1)).toBe(5);
    assertAllClose(Array.from(g.data), [3 / (5 + 1e-6), 0, 0, 4 / (5 + 1e-6), 0, 0], { rtol: 1e-15, atol: 0 });
  });
});

describe('clipGradValue', () => {
  it('clamps every element to [-clipValue, clipValue]', () => {
    const a = withGrad([-3, 0.5, 2, -0.1]);
    clipGradValue([a], 1);
    expect(Array.from(a.grad!.data)).toEqual([-1, 0.5, 1, -0.1]);
    expect(() => clipGradValue([a], -1)).toThrow(/clipGradValue: clipValue must be a number >= 0, got -1/);
  });
});
