// l1Penalty, l2Penalty, elasticNetPenalty: hand-computed values and gradients, Module input, weight decay, errors.
import { assertAllClose } from '@nn/testing';
import { Generator, type Tensor, gradcheck, nn, randn, tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { elasticNetPenalty, l1Penalty, l2Penalty } from '../src/index.js';

const params = (): Tensor[] => [
  tensor([1, -2, 0], { dtype: 'float64', requiresGrad: true }),
  tensor([[0.5, -0.5]], { dtype: 'float64', requiresGrad: true }),
];
const grads = (ps: Tensor[]): number[][] => ps.map((p) => Array.from(p.grad!.toFlatArray()));

describe('regularization penalties', () => {
  it('l1Penalty is Σ|w| with subgradient sign(w), 0 at w = 0', () => {
    const ps = params();
    const v = l1Penalty(ps);
    expect(v.item()).toBe(4);
    v.backward();
    expect(grads(ps)).toEqual([[1, -1, 0], [1, -1]]);
  });
  it('l2Penalty is Σw² (no 1/2) with gradient 2w; wd/2 · l2Penalty gives the weight-decay gradient wd·w', () => {
    const ps = params();
    const v = l2Penalty(ps);
    expect(v.item()).toBe(5.5);
    v.backward();
    expect(grads(ps)).toEqual([[2, -4, 0], [1, -1]]);
    const qs = params();
    l2Penalty(qs).mul(0.1 / 2).backward();
    assertAllClose(grads(qs).flat(), [0.1, -0.2, 0, 0.05, -0.05], { rtol: 1e-15, atol: 0 });
  });
  it('elasticNetPenalty is l1·Σ|w| + l2·Σw² and adds to a loss', () => {
    const ps = params();
    const loss = elasticNetPenalty(ps, { l1: 0.1, l2: 0.01 }).add(ps[0]!.sum());
    expect(loss.item()).toBeCloseTo(0.4 + 0.055 - 1, 15);
    loss.backward();
    assertAllClose(grads(ps).flat(), [1.12, 0.86, 1, 0.11, -0.11], { rtol: 1e-14, atol: 0 });
    expect(elasticNetPenalty(params()).item()).toBe(0);
  });
  it('takes a Module (its parameters) and an empty list', () => {
    const model = new nn.Sequential(new nn.Linear(3, 2, { generator: new Generator(1) }), new nn.Linear(2, 1, { generator: new Generator(2) }));
    const expected = model.parameters().reduce((a, p) => a + Array.from(p.toFlatArray()).reduce((s, v) => s + v * v, 0), 0);
    expect(model.parameters()).toHaveLength(4);
    expect(l2Penalty(model).item()).toBeCloseTo(expected, 5);
    l1Penalty(model).backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    expect(l1Penalty([]).item()).toBe(0);
  });
  it('passes gradcheck in float64', () => {
    const g = new Generator(9);
    const a = randn([3, 2], { generator: g, dtype: 'float64' }).requiresGrad_();
    const b = randn([4], { generator: g, dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((x, y) => l1Penalty([x, y]), [a, b])).toBe(true);
    expect(gradcheck((x, y) => l2Penalty([x, y]), [a, b])).toBe(true);
    expect(gradcheck((x, y) => elasticNetPenalty([x, y], { l1: 0.3, l2: 0.7 }), [a, b])).toBe(true);
  });
  it('names bad parameters and coefficients', () => {
    expect(() => l1Penalty([tensor([1, 2], { dtype: 'int32' })])).toThrow(/l1Penalty: parameter 0 must be float32 or float64, got int32 \(shape \[2\]\)/);
    expect(() => l2Penalty([tensor([1]), 3 as unknown as Tensor])).toThrow(/l2Penalty: parameter 1 is not a Tensor \(number\)/);
    expect(() => elasticNetPenalty(params(), { l1: -1 })).toThrow(/elasticNetPenalty: l1 must be a finite number >= 0, got -1/);
    expect(() => elasticNetPenalty(params(), { l2: NaN })).toThrow(/elasticNetPenalty: l2 must be a finite number >= 0, got NaN/);
  });
});
