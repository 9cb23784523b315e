// Convergence of every optimizer on a convex problem (logistic regression on a linearly separable set) and a
// non-convex one (a 2-layer tanh MLP fitting a smooth curve), each reaching a stated loss in a fixed number of steps.
import * as core from '@nn/core';
import { seededRandom } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as optim from '../src/index.js';

type Make = (params: core.Tensor[]) => optim.Optimizer;

/** 64 points in [-1, 1]², label +1 where x + 2y > 0.1 and -1 otherwise (points within 0.1 of the line dropped). */
function separable(): { x: core.Tensor; y: core.Tensor } {
  const rand = seededRandom(11), xs: number[][] = [], ys: number[] = [];
  while (ys.length < 64) {
    const a = rand() * 2 - 1, b = rand() * 2 - 1, m = a + 2 * b - 0.1;
    if (Math.abs(m) < 0.1) continue;
    xs.push([a, b]);
    ys.push(m > 0 ? 1 : -1);
  }
  return { x: core.tensor(xs), y: core.tensor(ys, { shape: [64, 1] }) };
}

function logisticLoss(make: Make, steps: number): number {
  const { x, y } = separable();
  const w = core.zeros([2, 1]).requiresGrad_(), b = core.zeros([1]).requiresGrad_();
  const opt = make([w, b]);
  const loss = (): core.Tensor => core.mean(core.softplus(core.neg(core.mul(y, core.add(core.matmul(x, w), b)))));
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    loss().backward();
    opt.step();
  }
  return core.noGrad(() => loss().item());
}

/** y = sin(3x) on 32 points of [-1, 1] with a 1-16-1 tanh network, mean squared error. */
function mlpLoss(make: Make, steps: number): number {
  const rand = seededRandom(5);
  const init = (shape: number[], scale: number): core.Tensor =>
    core.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rand() * 2 - 1) * scale), { shape }).requiresGrad_();
  const xs = Array.from({ length: 32 }, (_, i) => -1 + (2 * i) / 31);
  const x = core.tensor(xs, { shape: [32, 1] }), y = core.tensor(xs.map((v) => Math.sin(3 * v)), { shape: [32, 1] });
  const w1 = init([1, 16], 1), b1 = init([16], 1), w2 = init([16, 1], 0.25), b2 = core.zeros([1]).requiresGrad_();
  const opt = make([w1, b1, w2, b2]);
  const loss = (): core.Tensor => {
    const d = core.sub(core.add(core.matmul(core.tanh(core.add(core.matmul(x, w1), b1)), w2), b2), y);
    return core.mean(core.mul(d, d));
  };
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    loss().backward();
    opt.step();
  }
  return core.noGrad(() => loss().item());
}

// Targets: the logistic loss starts at ln 2 ≈ 0.693, the MLP's mean squared error at about 0.45.
const LOGISTIC_TARGET = 0.15, MLP_TARGET = 0.03;
type MakeLr = (p: core.Tensor[], lr: number) => optim.Optimizer;
// [name, optimizer given lr, lr for the logistic regression, lr for the MLP]
const CASES: Array<[string, MakeLr, number, number]> = [
  // Plain SGD on the MLP at lr 0.15 and up sits at the edge of stability: its loss falls to about 0.005, then spikes to
  // 0.2-0.3 for some 30 steps every few hundred, so the loss at step 1500 hung on float rounding (0.3 gave 0.11 there
  // once a GEMM summed k in a different order). At 0.1 it falls steadily: 0.0070 at step 1500, 0.0028 at 4000.
  ['SGD', (p, lr) => new optim.SGD(p, { lr }), 1, 0.1],
  ['SGD momentum nesterov', (p, lr) => new optim.SGD(p, { lr, momentum: 0.9, nesterov: true }), 0.2, 0.02],
  ['Adam', (p, lr) => new optim.Adam(p, { lr }), 0.05, 0.05],
  ['AdamW', (p, lr) => new optim.AdamW(p, { lr }), 0.05, 0.05],
  ['RMSprop', (p, lr) => new optim.RMSprop(p, { lr }), 0.05, 0.005],
  ['Adagrad', (p, lr) => new optim.Adagrad(p, { lr }), 0.5, 0.5],
  ['Adadelta', (p, lr) => new optim.Adadelta(p, { lr }), 10, 5],
  ['NAdam', (p, lr) => new optim.NAdam(p, { lr }), 0.05, 0.05],
  ['Adamax', (p, lr) => new optim.Adamax(p, { lr }), 0.1, 0.1],
];

describe('convergence', () => {
  for (const [name, make, lrLogistic, lrMlp] of CASES) {
    it(`${name} (lr ${lrLogistic}): logistic regression loss below ${LOGISTIC_TARGET} after 300 steps`, () => {
      const l = logisticLoss((p) => make(p, lrLogistic), 300);
      expect(l).toBeLessThan(LOGISTIC_TARGET);
    });
    it(`${name} (lr ${lrMlp}): tanh MLP loss below ${MLP_TARGET} after 1500 steps`, () => {
      const l = mlpLoss((p) => make(p, lrMlp), 1500);
      expect(l).toBeLessThan(MLP_TARGET);
    });
  }
});
