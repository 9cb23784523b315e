// Regression and probabilistic classification losses: float64 gradcheck, the lectures' worked numbers, module forms,
// the fused cross-entropy path, PyTorch's edge cases (all ignored, probabilities 0 and 1) and the errors users hit.
import * as core from '@nn/core';
import { describe, expect, it } from 'vitest';
import * as L from '../src/index.js';

const f64 = (values: number[], shape?: number[]): core.Tensor => core.tensor(values, { dtype: 'float64', ...(shape ? { shape } : {}) });
const i32 = (values: number[], shape?: number[]): core.Tensor => core.tensor(values, { dtype: 'int32', ...(shape ? { shape } : {}) });
const REDUCTIONS = ['none', 'mean', 'sum'] as const;

describe('float64 gradcheck (input and, where differentiable, target)', () => {
  const g = new core.Generator(11);
  const randn = (shape: number[]): core.Tensor => core.randn(shape, { generator: g, dtype: 'float64' });
  const rand = (shape: number[]): core.Tensor => core.rand(shape, { generator: g, dtype: 'float64' });

  it('mseLoss, l1Loss, huberLoss, smoothL1Loss', () => {
    for (const reduction of REDUCTIONS) {
      const x = randn([3, 4]).mul(2).requiresGrad_(), y = randn([3, 4]).requiresGrad_();
      expect(core.gradcheck((a, b) => L.mseLoss(a!, b!, { reduction }), [x, y])).toBe(true);
      expect(core.gradcheck((a, b) => L.l1Loss(a!, b!, { reduction }), [x, y])).toBe(true);
      for (const delta of [0.5, 1, 2]) expect(core.gradcheck((a, b) => L.huberLoss(a!, b!, { reduction, delta }), [x, y])).toBe(true);
      for (const beta of [0, 0.5, 1]) expect(core.gradcheck((a, b) => L.smoothL1Loss(a!, b!, { reduction, beta }), [x, y])).toBe(true);
    }
  });

  it('binaryCrossEntropy (custom backward for input and target) and binaryCrossEntropyWithLogits', () => {
    const weight = rand([4]).add(0.5), posWeight = rand([4]).mul(3);
    for (const reduction of REDUCTIONS) {
      const p = rand([3, 4]).mul(0.9).add(0.05).requiresGrad_(), y = rand([3, 4]).requiresGrad_();
      expect(core.gradcheck((a, b) => L.binaryCrossEntropy(a!, b!, { reduction }), [p, y])).toBe(true);
      expect(core.gradcheck((a, b) => L.binaryCrossEntropy(a!, b!, { reduction, weight }), [p, y])).toBe(true);
      const x = randn([3, 4]).mul(3).requiresGrad_();
      for (const opts of [{}, { weight }, { posWeight }, { weight, posWeight }]) {
        expect(core.gradcheck((a, b) => L.binaryCrossEntropyWithLogits(a!, b!, { ...opts, reduction }), [x, y])).toBe(true);
      }
    }
  });

  it('crossEntropy with index and probability targets on (N, C), (N, C, d1) and (C); nllLoss; klDivLoss', () => {
    const weight = rand([4]).add(0.5);
    for (const reduction of REDUCTIONS) {
      for (const [shape, target] of [[[5, 4], i32([2, -100, 0, 3, 1])], [[2, 4, 3], i32([0, 3, -100, 1, 1, 2], [2, 3])], [[4], i32([2], [])]] as const) {
        for (const opts of [{}, { weight }, { labelSmoothing: 0.2 }, { weight, labelSmoothing: 0.1 }]) {
          const x = randn([...shape]).mul(2).requiresGrad_();
          expect(core.gradcheck((a) => L.crossEntropy(a!, target, { ...opts, reduction }), [x])).toBe(true);
          const probs = core.softmax(randn([...shape]), shape.length === 1 ? 0 : 1).requiresGrad_();
          expect(core.gradcheck((a, b) => L.crossEntropy(a!, b!, { ...opts, reduction }), [x, probs])).toBe(true);
          if (!('labelSmoothing' in opts)) expect(core.gradcheck((a) => L.nllLoss(a!, target, { ...opts, reduction }), [x])).toBe(true);
        }
      }
      const lp = core.logSoftmax(randn([3, 4]), 1).requiresGrad_(), q = core.softmax(randn([3, 4]), 1).requiresGrad_();
      for (const red of [reduction, 'batchmean'] as const) {
        expect(core.gradcheck((a, b) => L.klDivLoss(a!, b!, { reduction: red }), [lp, q])).toBe(true);
        expect(core.gradcheck((a, b) => L.klDivLoss(a!, b!, { reduction: red, logTarget: true }), [lp, core.log(q).detach().requiresGrad_()])).toBe(true);
      }
    }
  });
});

describe("the lectures' worked numbers", () => {
  // Cross-entropy of a predicted distribution against the true one [1, 0], in nats.
  for (const [pred, nats] of [[[0.9, 0.1], 0.105], [[0.1, 0.9], 2.303], [[0.5, 0.5], 0.693]] as const) {
    it(`cross-entropy of [${pred.join(', ')}] against [1, 0] is ${nats} nats`, () => {
      const logits = core.log(f64([...pred]));
      const viaProbs = L.crossEntropy(logits, f64([1, 0])).item();
      const viaIndex = L.crossEntropy(logits, i32([0], [])).item();
      const viaNll = L.nllLoss(core.log(f64([...pred], [1, 2])), i32([0])).item();
      const viaBce = L.binaryCrossEntropy(f64([pred[0]]), f64([1])).item();
      for (const v of [viaProbs, viaIndex, viaNll, viaBce]) expect(v).toBeCloseTo(nats, 3);
    });
  }
});

describe('PyTorch edge cases', () => {
  it('crossEntropy and nllLoss return NaN for the mean over an all-ignored batch, with a zero gradient, as PyTorch', () => {
    const x = f64([1, 2, 3, 4, 5, 6], [2, 3]).requiresGrad_();
    const ce = L.crossEntropy(x, i32([-100, -100]));
    expect(ce.item()).toBeNaN();
    const nll = L.nllLoss(x, i32([-100, -100]));
    expect(nll.item()).toBeNaN();
    nll.backward();
    expect(Array.from(x.grad!.toFlatArray())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(L.crossEntropy(x, i32([-100, -100]), { reduction: 'sum' }).item()).toBe(0);
  });

  it('binaryCrossEntropy is 100 (log clamped at -100) for a certain wrong answer and 0 for a certain right one', () => {
    const out = L.binaryCrossEntropy(f64([0, 1, 0, 1]), f64([1, 0, 0, 1]), { reduction: 'none' });
    expect(Array.from(out.toFlatArray(), (v) => v + 0)).toEqual([100, 100, 0, 0]); // -0 + 0 is 0
  });

  it('binaryCrossEntropyWithLogits stays finite at |x| = 1e4 in float32', () => {
    const x = core.tensor([1e4, -1e4, 1e4, -1e4]).requiresGrad_();
    const out = L.binaryCrossEntropyWithLogits(x, core.tensor([1, 0, 0, 1]), { reduction: 'none' });
    expect(Array.from(out.toFlatArray())).toEqual([0, 0, 1e4, 1e4]);
    out.sum().backward();
    expect(Array.from(x.grad!.toFlatArray())).toEqual([0, 0, 1, -1]);
  });

  it('crossEntropy on 2-D index targets runs the fused core kernel; other shapes reach it after moving classes last', () => {
    const x = f64([1, 2, 3, 4, 5, 6], [2, 3]).requiresGrad_();
    expect(L.crossEntropy(x, i32([0, 2])).gradFn?.name).toBe('crossEntropyFromLogits');
    const direct = core.crossEntropyFromLogits(x, i32([0, 2]), { labelSmoothing: 0.1 }).item();
    expect(L.crossEntropy(x, i32([0, 2]), { labelSmoothing: 0.1 }).item()).toBe(direct);
    // The same data as (1, 3, 2) with classes on dim 1 gives the same per-position losses.
    const x3 = core.permute(x.reshape([1, 2, 3]), [0, 2, 1]);
    const none3 = L.crossEntropy(x3, i32([0, 2], [1, 2]), { reduction: 'none' });
    expect(none3.shape).toEqual([1, 2]);
    expect(Array.from(none3.toFlatArray())).toEqual(Array.from(L.crossEntropy(x, i32([0, 2]), { reduction: 'none' }).toFlatArray()));
  });

  it('module forms equal the functions and are nn.Modules', () => {
    const x = f64([0.2, 0.7, 0.4, 0.9], [2, 2]), y = f64([0, 1, 1, 0], [2, 2]);
    const pairs: Array<[{ forward(a: core.Tensor, b: core.Tensor): core.Tensor }, core.Tensor]> = [
      [new L.MSELoss({ reduction: 'sum' }), L.mseLoss(x, y, { reduction: 'sum' })],
      [new L.L1Loss(), L.l1Loss(x, y)],
      [new L.HuberLoss({ delta: 0.3 }), L.huberLoss(x, y, { delta: 0.3 })],
      [new L.SmoothL1Loss({ beta: 0.3 }), L.smoothL1Loss(x, y, { beta: 0.3 })],
      [new L.BCELoss(), L.binaryCrossEntropy(x, y)],
      [new L.BCEWithLogitsLoss({ posWeight: f64([2, 3]) }), L.binaryCrossEntropyWithLogits(x, y, { posWeight: f64([2, 3]) })],
      [new L.CrossEntropyLoss({ labelSmoothing: 0.1 }), L.crossEntropy(x, y, { labelSmoothing: 0.1 })],
      [new L.KLDivLoss({ reduction: 'batchmean' }), L.klDivLoss(x, y, { reduction: 'batchmean' })],
    ];
    for (const [m, expected] of pairs) {
      expect(m).toBeInstanceOf(core.nn.Module);
      expect(m.forward(x, y).item()).toBe(expected.item());
    }
    expect(new L.NLLLoss({ ignoreIndex: 1 }).forward(x, i32([1, 0])).item()).toBe(-0.4);
  });
});

describe('errors name the function and the offending values', () => {
  const x = f64([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [2, 3]);
  it('shape and dtype mismatches give both shapes or dtypes', () => {
    expect(() => L.mseLoss(x, f64([1, 2, 3]))).toThrow('mseLoss: target shape [3] does not match input shape [2, 3]');
    expect(() => L.l1Loss(x, core.tensor([1, 2, 3, 4, 5, 6], { shape: [2, 3] }))).toThrow('l1Loss: target dtype float32 does not match input dtype float64');
    expect(() => L.huberLoss(x, i32([1, 2, 3, 4, 5, 6], [2, 3]))).toThrow('huberLoss: target must be float32 or float64, got int32');
    expect(() => L.crossEntropy(x, i32([0, 1, 2]))).toThrow('crossEntropy: target shape [3] does not match input shape [2, 3] (expected [2] of class indices)');
    expect(() => L.crossEntropy(x, f64([0, 1, 0], [1, 3]))).toThrow('crossEntropy: probability target shape [1, 3] does not match input shape [2, 3]');
    expect(() => L.crossEntropy(x, core.tensor([true, false]))).toThrow('crossEntropy: target must be int32 class indices or float class probabilities');
    expect(() => L.crossEntropy(x, i32([0, 1]), { weight: f64([1, 2]) })).toThrow('crossEntropy: weight shape [2] does not match the 3 classes of input shape [2, 3]');
    expect(() => L.binaryCrossEntropy(x, x, { weight: f64([1, 2]) })).toThrow('binaryCrossEntropy: weight shape [2] does not broadcast to input shape [2, 3]');
    expect(() => L.klDivLoss(x, f64([1, 2]))).toThrow('klDivLoss: target shape [2] does not match input shape [2, 3]');
    expect(() => L.nllLoss(f64([1]).reshape([]), i32([0], []))).toThrow('nllLoss: input must be (C), (N, C) or (N, C, d1, ...)');
  });

  it('class indices out of range give the index, the number of classes and the position', () => {
    expect(() => L.crossEntropy(x, i32([0, 3]))).toThrow('crossEntropy: target 3 at position [1] is out of range for 3 classes');
    expect(() => L.crossEntropy(x, i32([-1, 0]))).toThrow('crossEntropy: target -1 at position [0] is out of range for 3 classes');
    const x4 = core.zeros([2, 3, 2], { dtype: 'float64' });
    expect(() => L.nllLoss(x4, i32([0, 1, 2, 5], [2, 2]))).toThrow('nllLoss: target 5 at position [1, 1] is out of range for 3 classes');
  });

  it('probabilities outside [0, 1], NaN targets and NaN weights', () => {
    expect(() => L.binaryCrossEntropy(f64([0.5, 1.5]), f64([0, 1]))).toThrow('binaryCrossEntropy: input must hold probabilities in [0, 1], got 1.5 at position [1]');
    expect(() => L.binaryCrossEntropy(f64([-0.1, 0.5]), f64([0, 1]))).toThrow('got -0.1 at position [0]');
    expect(() => L.binaryCrossEntropy(f64([NaN, 0.5]), f64([0, 1]))).toThrow('got NaN at position [0]');
    expect(() => L.mseLoss(x, f64([0, 0, 0, 0, NaN, 0], [2, 3]))).toThrow('mseLoss: target is NaN at position [1, 1]');
    expect(() => L.binaryCrossEntropyWithLogits(f64([0, 1]), f64([NaN, 1]))).toThrow('binaryCrossEntropyWithLogits: target is NaN at position [0]');
    expect(() => L.crossEntropy(x, f64([0, 0, 1, NaN, 0, 0], [2, 3]))).toThrow('crossEntropy: target is NaN at position [1, 0]');
    expect(() => L.nllLoss(x, i32([0, 1]), { weight: f64([1, NaN, 1]) })).toThrow('nllLoss: weight is NaN at position [1]');
  });

  it('unknown reductions and bad options, in functions and module constructors', () => {
    const bad = { reduction: 'avg' } as unknown as L.HuberOptions;
    expect(() => L.mseLoss(x, x, bad)).toThrow("mseLoss: unknown reduction 'avg'");
    expect(() => L.crossEntropy(x, i32([0, 1]), bad)).toThrow("crossEntropy: unknown reduction 'avg'");
    expect(() => L.klDivLoss(x, x, bad)).toThrow("klDivLoss: unknown reduction 'avg'");
    expect(() => new L.BCELoss(bad)).toThrow("BCELoss: unknown reduction 'avg'");
    expect(() => new L.KLDivLoss(bad)).toThrow("KLDivLoss: unknown reduction 'avg'");
    expect(() => L.huberLoss(x, x, { delta: 0 })).toThrow('huberLoss: delta must be a positive number, got 0');
    expect(() => L.smoothL1Loss(x, x, { beta: -1 })).toThrow('smoothL1Loss: beta must be a non-negative number, got -1');
    expect(() => L.crossEntropy(x, i32([0, 1]), { labelSmoothing: 1.5 })).toThrow('crossEntropy: labelSmoothing must be between 0 and 1, got 1.5');
    expect(() => L.crossEntropy(x, x, { ignoreIndex: 0 })).toThrow('crossEntropy: ignoreIndex (0) applies only to class-index targets');
  });
});
