// Scheduler behaviour beyond the fixtures: state dicts resume a schedule exactly, a real Optimizer is driven, and bad
// options fail with errors naming the class and the value.
import * as core from '@nn/core';
import { describe, expect, it } from 'vitest';
import {
  Adam, CosineAnnealingLR, CosineAnnealingWarmRestarts, ExponentialLR, LambdaLR, LinearLR, MultiStepLR, OneCycleLR,
  PolynomialLR, ReduceLROnPlateau, SequentialLR, SGD, StepLR, type SchedulableOptimizer,
} from '../src/index.js';

const twoGroups = (): SchedulableOptimizer => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }] });

describe('scheduler step semantics', () => {
  it('the constructor performs the initial step and sets initialLr', () => {
    const opt = twoGroups();
    const s = new StepLR(opt, { stepSize: 2, gamma: 0.5 });
    expect(s.lastEpoch).toBe(0);
    expect(s.getLastLr()).toEqual([0.1, 0.05]);
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.05]);
    s.step(); s.step();
    expect(s.getLastLr()).toEqual([0.05, 0.025]);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.05, 0.025]);
  });

  it('getLastLr returns a copy', () => {
    const s = new ExponentialLR(twoGroups(), { gamma: 0.5 });
    s.getLastLr()[0] = 123;
    expect(s.getLastLr()[0]).toBe(0.1);
  });

  it('two schedulers on one optimizer chain multiplicatively (chainable form)', () => {
    const opt = twoGroups();
    const a = new ExponentialLR(opt, { gamma: 0.9 });
    const b = new MultiStepLR(opt, { milestones: [2], gamma: 0.1 });
    for (let i = 0; i < 3; i++) { a.step(); b.step(); }
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.9 ** 3 * 0.1, 15);
  });

  it('drives a real SGD optimizer and cycles Adam beta1 with OneCycleLR', () => {
    const p = core.zeros([2]).requiresGrad_();
    const q = core.zeros([3]).requiresGrad_();
    const sgd = new SGD([{ params: [p] }, { params: [q], lr: 0.05 }], { lr: 0.1, momentum: 0.9 });
    const s = new CosineAnnealingLR(sgd, { tMax: 10 });
    for (let i = 0; i < 10; i++) s.step();
    expect(sgd.paramGroups.map((g) => g.lr)).toEqual([0, 0]);
    const adam = new Adam([p], { lr: 1e-3 });
    const oc = new OneCycleLR(adam, { maxLr: 0.01, totalSteps: 10 });
    expect(adam.paramGroups[0]!.betas[0]).toBeCloseTo(0.95, 15);
    oc.step(); oc.step(); // the peak: step pctStart · totalSteps − 1 = 2
    expect(adam.paramGroups[0]!.betas[0]).toBeCloseTo(0.85, 15);
    expect(adam.paramGroups[0]!.lr).toBeCloseTo(0.01, 15);
  });
});

describe('scheduler state dicts', () => {
  const cases: Array<[string, (o: SchedulableOptimizer) => { step(): void; getLastLr(): number[]; stateDict(): Record<string, unknown>; loadStateDict(s: Record<string, unknown>): void }]> = [
    ['StepLR', (o) => new StepLR(o, { stepSize: 3, gamma: 0.5 })],
    ['CosineAnnealingWarmRestarts', (o) => new CosineAnnealingWarmRestarts(o, { t0: 4, tMult: 2 })],
    ['OneCycleLR', (o) => new OneCycleLR(o, { maxLr: 1, totalSteps: 40 })],
    ['LambdaLR', (o) => new LambdaLR(o, { lrLambda: (e) => 1 / (1 + e) })],
    ['SequentialLR', (o) => new SequentialLR(o, { schedulers: [new LinearLR(o, { totalIters: 4 }), new ExponentialLR(o, { gamma: 0.9 })], milestones: [4] })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: a fresh scheduler loaded from stateDict continues identically`, () => {
      const o1 = twoGroups();
      const s1 = make(o1);
      for (let i = 0; i < 7; i++) s1.step();
      const saved = s1.stateDict();
      const groups = o1.paramGroups.map((g) => ({ ...g }));
      const o2 = twoGroups();
      const s2 = make(o2);
      s2.loadStateDict(saved);
      o2.paramGroups = groups;
      for (let i = 0; i < 10; i++) {
        s1.step(); s2.step();
        expect(s2.getLastLr()).toEqual(s1.getLastLr());
      }
    });
  }

  it('resumes from an optimizer state dict with lastEpoch (initialLr travels in the groups, as in PyTorch)', () => {
    const make = (): SGD => new SGD([{ params: [core.zeros([2]).requiresGrad_()] }, { params: [core.zeros([1]).requiresGrad_()], lr: 0.05 }], { lr: 0.1 });
    const opt1 = make();
    const s1 = new StepLR(opt1, { stepSize: 3, gamma: 0.5 });
    for (let i = 0; i < 6; i++) s1.step();
    const opt2 = make();
    opt2.loadStateDict(opt1.stateDict());
    expect(opt2.paramGroups.map((g) => (g as { initialLr?: number }).initialLr)).toEqual([0.1, 0.05]);
    const s2 = new StepLR(opt2, { stepSize: 3, gamma: 0.5, lastEpoch: 6 });
    s1.step();
    expect(s2.lastEpoch).toBe(7);
    expect(s2.getLastLr()).toEqual(s1.getLastLr());
    for (let i = 0; i < 5; i++) { s1.step(); s2.step(); }
    expect(s2.getLastLr()).toEqual(s1.getLastLr());
    expect(s2.getLastLr()).toEqual([0.1 * 0.5 ** 4, 0.05 * 0.5 ** 4]);
  });

  it('ReduceLROnPlateau resumes its counters', () => {
    const o1 = twoGroups();
    const a = new ReduceLROnPlateau(o1, { patience: 2 });
    for (const m of [1, 0.5, 0.6, 0.7]) a.step(m);
    const b = new ReduceLROnPlateau(twoGroups(), { patience: 2 });
    b.loadStateDict(a.stateDict());
    expect(b.best).toBe(0.5);
    expect(b.numBadEpochs).toBe(2);
    const fresh = new ReduceLROnPlateau(twoGroups(), { mode: 'max' });
    const c = new ReduceLROnPlateau(twoGroups(), { mode: 'max' });
    c.loadStateDict(JSON.parse(JSON.stringify(fresh.stateDict())) as Record<string, unknown>);
    expect(c.best).toBe(-Infinity);
  });

  it('rejects a state dict of another scheduler', () => {
    const s = new StepLR(twoGroups(), { stepSize: 2 });
    const other = new CosineAnnealingWarmRestarts(twoGroups(), { t0: 3 }).stateDict();
    expect(() => s.loadStateDict(other)).toThrow(/StepLR\.loadStateDict: unexpected keys/);
    expect(() => new ReduceLROnPlateau(twoGroups()).loadStateDict(s.stateDict())).toThrow(/ReduceLROnPlateau\.loadStateDict/);
  });
});

describe('scheduler option errors', () => {
  const o = twoGroups;
  it.each([
    [() => new StepLR(o(), { stepSize: 0 }), /StepLR: stepSize must be a positive integer, got 0/],
    [() => new StepLR(o(), { stepSize: 2, gamma: -0.5 }), /StepLR: gamma .* got -0.5/],
    [() => new MultiStepLR(o(), { milestones: [30, 10] }), /MultiStepLR: milestones must be non-decreasing, got \[30, 10\]/],
    [() => new ExponentialLR(o(), { gamma: NaN }), /ExponentialLR: gamma .* got NaN/],
    [() => new CosineAnnealingLR(o(), { tMax: 0 }), /CosineAnnealingLR: tMax/],
    [() => new CosineAnnealingWarmRestarts(o(), { t0: 5, tMult: 0 }), /CosineAnnealingWarmRestarts: tMult must be an integer >= 1, got 0/],
    [() => new LinearLR(o(), { startFactor: 0 }), /LinearLR: startFactor must be in \(0, 1\], got 0/],
    [() => new LinearLR(o(), { endFactor: 1.5 }), /LinearLR: endFactor must be in \[0, 1\], got 1.5/],
    [() => new PolynomialLR(o(), { totalIters: -1 }), /PolynomialLR: totalIters/],
    [() => new LambdaLR(o(), { lrLambda: [(e: number) => e] }), /LambdaLR: expected one lrLambda function or 2/],
    [() => new OneCycleLR(o(), { maxLr: 1 }), /OneCycleLR: give totalSteps, or epochs and stepsPerEpoch/],
    [() => new OneCycleLR(o(), { maxLr: [1, 2, 3], totalSteps: 5 }), /OneCycleLR: expected 2 values for maxLr/],
    [() => new OneCycleLR(o(), { maxLr: 1, totalSteps: 5, annealStrategy: 'exp' as 'cos' }), /OneCycleLR: unknown annealStrategy 'exp'/],
    [() => new OneCycleLR({ paramGroups: [{ lr: 0.1 }] }, { maxLr: 1, totalSteps: 5 }), /OneCycleLR: cycleMomentum needs/],
    [() => new ReduceLROnPlateau(o(), { factor: 1 }), /ReduceLROnPlateau: factor must be in \[0, 1\), got 1/],
    [() => new ReduceLROnPlateau(o(), { factor: -0.1 }), /ReduceLROnPlateau: factor must be in \[0, 1\), got -0.1/],
    [() => new ReduceLROnPlateau(o(), { mode: 'up' as 'min' }), /ReduceLROnPlateau: unknown mode 'up'/],
    [() => new ReduceLROnPlateau(o(), { thresholdMode: 'pct' as 'rel' }), /ReduceLROnPlateau: unknown thresholdMode 'pct'/],
    [() => new ReduceLROnPlateau(o(), { minLr: [0.1] }), /ReduceLROnPlateau: expected 2 values for minLr/],
    [() => new StepLR({ paramGroups: [] }, { stepSize: 1 }), /StepLR: expected an optimizer with at least one parameter group/],
    [() => new StepLR({ paramGroups: [{ lr: NaN }] }, { stepSize: 1 }), /StepLR: parameter group 0 has invalid lr NaN/],
    [() => new StepLR({ paramGroups: [{ lr: 0.1 }] }, { stepSize: 1, lastEpoch: 3 }), /StepLR: parameter group 0 has no initialLr/],
  ])('%#', (make, message) => {
    expect(make).toThrow(message);
  });

  it('SequentialLR: milestones must be strictly increasing and match the schedulers', () => {
    const opt = o();
    const a = new ExponentialLR(opt, { gamma: 0.9 }), b = new ExponentialLR(opt, { gamma: 0.8 }), c = new ExponentialLR(opt, { gamma: 0.7 });
    expect(() => new SequentialLR(opt, { schedulers: [a, b, c], milestones: [5, 5] })).toThrow(/SequentialLR: milestones must be strictly increasing .*\[5, 5\]/);
    expect(() => new SequentialLR(opt, { schedulers: [a, b], milestones: [1, 2] })).toThrow(/SequentialLR: expected 1 milestones for 2 schedulers, got 2/);
    expect(() => new SequentialLR(o(), { schedulers: [a, b], milestones: [3] })).toThrow(/SequentialLR: scheduler 0 \(ExponentialLR\) belongs to another optimizer/);
  });

  it('OneCycleLR: stepping past totalSteps throws', () => {
    const s = new OneCycleLR(o(), { maxLr: 1, totalSteps: 3 });
    s.step(); s.step(); s.step();
    expect(() => s.step()).toThrow(/OneCycleLR: tried to step 5 times; totalSteps is 3/);
  });
});
