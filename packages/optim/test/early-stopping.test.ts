// EarlyStopping: stop decisions over fixed metric sequences (min and max, patience, minDelta) and restoring the best
// weights of a small nn.Module.
import * as core from '@nn/core';
import { describe, expect, it } from 'vitest';
import { EarlyStopping } from '../src/index.js';

/** Steps through `metrics`, returning the 0-based index of the first stop (or -1). */
function stopsAt(es: EarlyStopping, metrics: number[]): number {
  for (let i = 0; i < metrics.length; i++) if (es.step(metrics[i]!)) return i;
  return -1;
}

describe('EarlyStopping decisions', () => {
  it("mode 'min': stops after patience epochs without improvement, and tracks the best", () => {
    const es = new EarlyStopping({ patience: 3 });
    expect(stopsAt(es, [1.0, 0.8, 0.7, 0.75, 0.71, 0.72, 0.6, 0.5])).toBe(5);
    expect(es.bestValue).toBe(0.7);
    expect(es.bestEpoch).toBe(2);
    expect(es.stopped).toBe(true);
  });

  it('an improvement resets the patience counter', () => {
    const es = new EarlyStopping({ patience: 2 });
    expect(stopsAt(es, [1, 1.1, 0.9, 1.0, 0.8, 0.85, 0.81, 0.7])).toBe(6);
    expect(es.bestEpoch).toBe(4);
  });

  it("mode 'max' with minDelta: gains no larger than minDelta do not count", () => {
    const es = new EarlyStopping({ mode: 'max', patience: 2, minDelta: 0.01 });
    expect(stopsAt(es, [0.5, 0.6, 0.605, 0.609, 0.7])).toBe(3);
    expect(es.bestValue).toBe(0.6);
    expect(es.bestEpoch).toBe(1);
  });

  it('patience 0 stops at the first epoch without improvement; NaN is never an improvement', () => {
    expect(stopsAt(new EarlyStopping(), [3, 2, 2])).toBe(2);
    expect(stopsAt(new EarlyStopping({ patience: 1 }), [3, NaN])).toBe(1);
  });

  it('reset starts over', () => {
    const es = new EarlyStopping({ patience: 1 });
    stopsAt(es, [1, 2]);
    es.reset();
    expect(es.stopped).toBe(false);
    expect(es.bestValue).toBe(Infinity);
    expect(stopsAt(es, [5, 4, 3])).toBe(-1);
  });
});

describe('EarlyStopping restoreBestWeights', () => {
  const values = (m: core.nn.Module): number[] => Object.values(m.stateDict()).flatMap((t) => Array.from(t.toFlatArray()));

  it('keeps a copy of the weights at the best metric and loads it back on stop', () => {
    core.manualSeed(0);
    const model = new core.nn.Linear(3, 2);
    const es = new EarlyStopping({ patience: 2, restoreBestWeights: true, module: model });
    const metrics = [1.0, 0.5, 0.7, 0.9];
    let best: number[] = [];
    for (let epoch = 0; epoch < metrics.length; epoch++) {
      core.noGrad(() => { for (const p of model.parameters()) p.data.fill(epoch + 1); });
      if (epoch === 1) best = values(model);
      const stop = es.step(metrics[epoch]!);
      expect(stop).toBe(epoch === 3);
    }
    expect(best.every((v) => v === 2)).toBe(true);
    expect(values(model)).toEqual(best);
    expect(es.bestEpoch).toBe(1);
  });

  it('restore() can be called explicitly, and without restoreBestWeights the weights stay', () => {
    const model = new core.nn.Linear(2, 2);
    const es = new EarlyStopping({ patience: 5, restoreBestWeights: true, module: model });
    core.noGrad(() => { for (const p of model.parameters()) p.data.fill(7); });
    es.step(1);
    core.noGrad(() => { for (const p of model.parameters()) p.data.fill(9); });
    es.step(2);
    expect(values(model).every((v) => v === 9)).toBe(true);
    es.restore();
    expect(values(model).every((v) => v === 7)).toBe(true);

    const plain = new core.nn.Linear(2, 2);
    const es2 = new EarlyStopping({ module: plain });
    core.noGrad(() => { for (const p of plain.parameters()) p.data.fill(3); });
    es2.step(1);
    core.noGrad(() => { for (const p of plain.parameters()) p.data.fill(4); });
    expect(es2.step(2)).toBe(true);
    expect(values(plain).every((v) => v === 4)).toBe(true);
  });

  it('bad options fail with the class name and value', () => {
    expect(() => new EarlyStopping({ mode: 'lowest' as 'min' })).toThrow(/EarlyStopping: unknown mode 'lowest'/);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/EarlyStopping: patience must be an integer >= 0, got -1/);
    expect(() => new EarlyStopping({ minDelta: -0.1 })).toThrow(/EarlyStopping: minDelta must be a finite number >= 0, got -0.1/);
    expect(() => new EarlyStopping({ restoreBestWeights: true })).toThrow(/EarlyStopping: restoreBestWeights needs a module/);
    expect(() => new EarlyStopping().restore()).toThrow(/EarlyStopping.restore: no module/);
  });
});
