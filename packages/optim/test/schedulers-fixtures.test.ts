// Every learning-rate scheduler against PyTorch 1.13 (tools/fixtures/optim_schedulers.py): lr after the constructor and
// each of 100 steps, two parameter groups, equal to 1e-12; OneCycleLR's momentum / beta1 as well.
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import {
  CosineAnnealingLR, CosineAnnealingWarmRestarts, ExponentialLR, LambdaLR, LinearLR, LRScheduler, MultiStepLR, OneCycleLR,
  PolynomialLR, ReduceLROnPlateau, SequentialLR, StepLR, type LrLambda, type SchedulableOptimizer,
} from '../src/index.js';

type Opts = Record<string, unknown>;
interface Case {
  scheduler: string; options: Opts; optimizer: 'sgd' | 'adam'; epochs?: number[]; metrics?: number[];
  schedulers?: Array<{ name: string; options: Opts }>; lrs: number[][]; momentum?: number[][];
}
interface Fixture { torch: string; steps: number; cases: Case[] }

const fixture = loadJsonFixture<Fixture>(new URL('./fixtures/optim-schedulers.json', import.meta.url));
const TOL = { rtol: 1e-12, atol: 1e-15 };

const LAMBDAS: Record<string, LrLambda> = {
  pow095: (e) => 0.95 ** e,
  step30: (e) => 0.5 ** Math.floor(e / 30),
  warmup10: (e) => Math.min(1.0, (e + 1) / 10),
};

function makeOptimizer(kind: 'sgd' | 'adam'): SchedulableOptimizer {
  if (kind === 'adam') return { paramGroups: [{ lr: 0.1, betas: [0.9, 0.999] }, { lr: 0.05, betas: [0.9, 0.999] }] };
  return { paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }] };
}

type Ctor = new (opt: SchedulableOptimizer, options: never) => LRScheduler;
const CTORS: Record<string, Ctor> = {
  StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, LinearLR, PolynomialLR, OneCycleLR,
} as unknown as Record<string, Ctor>;

function build(opt: SchedulableOptimizer, name: string, options: Opts): LRScheduler {
  if (name === 'LambdaLR') return new LambdaLR(opt, { lrLambda: LAMBDAS[options['lrLambda'] as string]! });
  const C = CTORS[name];
  if (!C) throw new Error(`no scheduler ${name}`);
  return new C(opt, options as never);
}

const momentumOf = (opt: SchedulableOptimizer): number[] => opt.paramGroups.map((g) => (g.betas ? g.betas[0] : g.momentum!));

function runCase(c: Case): { lrs: number[][]; moms: number[][] } {
  const opt = makeOptimizer(c.optimizer);
  const lrs: number[][] = [], moms: number[][] = [];
  if (c.scheduler === 'ReduceLROnPlateau') {
    const s = new ReduceLROnPlateau(opt, c.options);
    for (const m of c.metrics!) { s.step(m); lrs.push(s.getLastLr()); }
    return { lrs, moms };
  }
  const s = c.scheduler === 'SequentialLR'
    ? new SequentialLR(opt, { schedulers: c.schedulers!.map((x) => build(opt, x.name, x.options)), milestones: c.options['milestones'] as number[] })
    : build(opt, c.scheduler, c.options);
  lrs.push(s.getLastLr());
  moms.push(momentumOf(opt));
  for (let i = 0; i < fixture.steps; i++) {
    if (c.epochs) (s as LRScheduler).step(c.epochs[i]!);
    else s.step();
    lrs.push(s.getLastLr());
    moms.push(momentumOf(opt));
  }
  return { lrs, moms };
}

describe(`learning-rate schedulers against PyTorch ${fixture.torch}`, () => {
  it('covers every scheduler', () => {
    const names = new Set(fixture.cases.map((c) => c.scheduler));
    expect([...names].sort()).toEqual([
      'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'ExponentialLR', 'LambdaLR', 'LinearLR', 'MultiStepLR', 'OneCycleLR',
      'PolynomialLR', 'ReduceLROnPlateau', 'SequentialLR', 'StepLR',
    ]);
  });
  for (const c of fixture.cases) {
    const label = `${c.scheduler} ${JSON.stringify(c.options)}${c.epochs ? ' step(epoch)' : ''}${c.schedulers ? ` ${c.schedulers.map((x) => x.name).join('+')}` : ''} ${c.optimizer}`;
    it(label, () => {
      const { lrs, moms } = runCase(c);
      expect(lrs.length).toBe(c.lrs.length);
      assertAllClose(lrs.flat(), c.lrs.flat(), { ...TOL, label: `${label} lr` });
      if (c.momentum) assertAllClose(moms.flat(), c.momentum.flat(), { ...TOL, label: `${label} momentum` });
    });
  }
});
