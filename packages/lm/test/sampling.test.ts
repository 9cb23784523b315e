// Next-token selection helpers: temperature, top-k, top-p, seeded draws, greedy choice, and their input checks.
import { Generator } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { applyTemperature, argmax, pickToken, pickTokenFromLogits, sampleIndex, softmax, topKFilter, topPFilter } from '../src/index.js';

const P = [0.1, 0.4, 0.2, 0.3];

describe('sampling helpers', () => {
  it('softmax with temperature equals p^(1/T) renormalised', () => {
    const logits = P.map(Math.log);
    expect([...softmax(logits)]).toEqual(P.map((p) => expect.closeTo(p, 14)));
    const t = applyTemperature(P, 0.5);
    const z = P.reduce((a, p) => a + p * p, 0);
    expect([...t]).toEqual(P.map((p) => expect.closeTo((p * p) / z, 14)));
    expect([...softmax(logits, 0.5)]).toEqual([...t].map((v) => expect.closeTo(v, 14)));
    expect([...applyTemperature([1e-300, 2e-300], 0.01)]).toEqual([expect.closeTo(0, 14), 1]); // no underflow to 0/0
  });
  it('top-k keeps the k most probable, earlier indices winning ties', () => {
    expect([...topKFilter(P, 2)]).toEqual([0, 4 / 7, 0, 3 / 7].map((v) => expect.closeTo(v, 14)));
    expect([...topKFilter([0.25, 0.25, 0.25, 0.25], 1)]).toEqual([1, 0, 0, 0]);
    expect([...topKFilter(P, 10)]).toEqual(P.map((p) => expect.closeTo(p, 14)));
  });
  it('top-p keeps the smallest most probable set reaching p', () => {
    expect([...topPFilter(P, 0.5)]).toEqual([0, 4 / 7, 0, 3 / 7].map((v) => expect.closeTo(v, 14)));
    expect([...topPFilter(P, 0.4)]).toEqual([0, 1, 0, 0]);
    expect([...topPFilter(P, 0.75)]).toEqual([0, 4 / 9, 2 / 9, 3 / 9].map((v) => expect.closeTo(v, 14)));
    expect([...topPFilter(P, 1)]).toEqual(P.map((p) => expect.closeTo(p, 14)));
  });
  it('draws in proportion to the probabilities, reproducibly for a seed', () => {
    const g = new Generator(7);
    const hits = [0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) hits[sampleIndex(P, g)]!++;
    hits.forEach((h, i) => expect(h / 20000).toBeCloseTo(P[i]!, 1));
    const a = Array.from({ length: 20 }, ((g1) => () => pickToken(P, { generator: g1 }))(new Generator(3)));
    const b = Array.from({ length: 20 }, ((g2) => () => pickToken(P, { generator: g2 }))(new Generator(3)));
    expect(a).toEqual(b);
    expect(sampleIndex([0, 0, 5], new Generator(1))).toBe(2);
  });
  it('greedy takes the argmax; filters restrict what a draw can return', () => {
    expect(pickToken(P, { greedy: true })).toBe(1);
    expect(argmax([3, 5, 5])).toBe(1);
    expect(pickTokenFromLogits([0.1, 2, -1], { greedy: true })).toBe(1);
    const g = new Generator(11);
    for (let i = 0; i < 200; i++) expect([1, 3]).toContain(pickToken(P, { topK: 2, generator: g }));
    for (let i = 0; i < 200; i++) expect(pickTokenFromLogits(P.map(Math.log), { topP: 0.4, generator: g })).toBe(1);
  });
  it('rejects bad parameters and vectors with a clear message', () => {
    expect(() => softmax([1, 2], 0)).toThrow(/softmax: temperature must be a finite number > 0, got 0/);
    expect(() => softmax([])).toThrow(/softmax: the logit vector is empty/);
    expect(() => softmax([1, NaN])).toThrow(/softmax: the logits contain NaN/);
    expect(() => applyTemperature(P, -1)).toThrow(/applyTemperature: temperature must be a finite number > 0, got -1/);
    expect(() => topKFilter(P, 0)).toThrow(/topKFilter: k must be an integer >= 1, got 0/);
    expect(() => topPFilter(P, 1.5)).toThrow(/topPFilter: p must be in \(0, 1\], got 1.5/);
    expect(() => sampleIndex([0.5, -0.1], new Generator(0))).toThrow(/sampleIndex: probability 1 is -0.1; expected a finite number >= 0/);
    expect(() => sampleIndex([0, 0], new Generator(0))).toThrow(/sampleIndex: the probabilities sum to 0/);
    expect(() => pickToken([], { greedy: true })).toThrow(/pickToken: the probability vector is empty/);
  });
});
