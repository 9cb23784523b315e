// fit on small synthetic problems: linear regression, separable logistic regression, a 2-layer MLP; the train/eval
// switch, noGrad validation, accumulation, schedulers, clipping, penalties and early stopping with restore-best.
import { manualSeed, nn, noGrad, isGradEnabled, type Tensor } from '@nn/core';
import { binaryCrossEntropyWithLogits, crossEntropy, l2Penalty, mseLoss } from '@nn/losses';
import { DataLoader, TensorDataset } from '@nn/data';
import { EarlyStopping, ReduceLROnPlateau, SGD, StepLR } from '@nn/optim';
import { describe, expect, it } from 'vitest';
import { accuracy, fit, Trainer } from '../src/index.js';
import { batches, linearData, mlp, separableData, threeClassData } from './helpers.js';

const quiet = { progress: 'none' } as const;
const flat = (t: Tensor): number[] => Array.from(t.toFlatArray() as Float32Array);

describe('fit', () => {
  it('fits a linear regression to its generating weights', () => {
    manualSeed(1);
    const { x, y } = linearData(256, 7);
    const model = new nn.Linear(2, 1);
    const history = fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData: batches(x, y, 32), epochs: 20, metrics: ['mae'] });
    expect(flat(model.weight)[0]).toBeCloseTo(2, 2);
    expect(flat(model.weight)[1]).toBeCloseTo(-3, 2);
    expect(flat(model.bias!)[0]).toBeCloseTo(1, 2);
    expect(history.epochs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(history.train['loss']!.at(-1)).toBeLessThan(1e-3);
    expect(history.train['mae']).toHaveLength(20);
    expect(history.stepLoss).toHaveLength(20 * 8);
    expect(history.epochEndSteps.at(-1)).toBe(160);
  });

  it('records the train loss as the size-weighted mean of the batch losses', () => {
    const { x, y } = linearData(10, 3);
    const model = new nn.Linear(2, 1);
    const data = batches(x, y, 4); // sizes 4, 4, 2
    const seen: Array<{ loss: number; size: number }> = [];
    const history = fit({
      ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.01 }), trainData: data, epochs: 1,
      callbacks: [{ onBatchEnd: (_t, info) => { seen.push({ loss: info.loss, size: info.size }); } }],
    });
    expect(seen.map((s) => s.size)).toEqual([4, 4, 2]);
    const expected = seen.reduce((a, s) => a + s.loss * s.size, 0) / 10;
    expect(history.train['loss']![0]).toBeCloseTo(expected, 12);
    expect(history.stepLoss).toEqual(seen.map((s) => s.loss));
  });

  it('separates a logistic regression with accuracy 1 on train and validation', () => {
    manualSeed(2);
    const train = separableData(200, 1), valid = separableData(100, 2);
    const linear = new nn.Linear(2, 1);
    const model = { forward: (x: Tensor) => linear.forward(x).reshape([-1]), parameters: linear.parameters() };
    const history = fit({
      ...quiet, model, loss: binaryCrossEntropyWithLogits, optimizer: new SGD(model.parameters, { lr: 0.5 }),
      trainData: batches(train.x, train.y, 20), validData: batches(valid.x, valid.y, 50), epochs: 15,
      metrics: [accuracy({ fromLogits: true })],
    });
    expect(history.valid['accuracy']!.at(-1)).toBe(1);
    expect(history.valid['loss']!.at(-1)).toBeLessThan(0.1);
    expect(history.valid['loss']).toHaveLength(15);
  });

  it('trains a 2-layer MLP on three classes with accuracy and macro F1 above 0.95', () => {
    manualSeed(3);
    const train = threeClassData(300, 4), valid = threeClassData(150, 5);
    const model = mlp(2, 16, 3);
    const history = fit({
      ...quiet, model, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.2, momentum: 0.9 }),
      trainData: batches(train.x, train.y, 30), validData: batches(valid.x, valid.y, 75), epochs: 10,
      metrics: ['accuracy', 'macroF1'], monitor: 'accuracy',
    });
    expect(history.valid['accuracy']!.at(-1)).toBeGreaterThan(0.95);
    expect(history.valid['macroF1']!.at(-1)).toBeGreaterThan(0.95);
  });

  it('switches the model to eval mode and disables grad for validation, back to train mode after', () => {
    const { x, y } = linearData(8, 1);
    const inner = new nn.Linear(2, 1);
    const modes: Array<{ training: boolean; grad: boolean }> = [];
    class Probe extends nn.Module {
      readonly inner = inner;
      forward(t: Tensor): Tensor {
        modes.push({ training: this.training, grad: isGradEnabled() });
        return this.inner.forward(t);
      }
    }
    const model = new Probe();
    model.eval();
    fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.01 }), trainData: batches(x, y, 4), validData: batches(x, y, 8), epochs: 2 });
    // Per epoch: 2 training batches, then 1 validation batch.
    expect(modes).toEqual([
      { training: true, grad: true }, { training: true, grad: true }, { training: false, grad: false },
      { training: true, grad: true }, { training: true, grad: true }, { training: false, grad: false },
    ]);
    expect(model.training).toBe(true);
  });

  it('accumulates N batches into one step equal to one step on their union (loss scaled by 1/N)', () => {
    const { x, y } = linearData(16, 9);
    const run = (batchSize: number, accumulate: number): number[] => {
      manualSeed(5);
      const model = new nn.Linear(2, 1);
      const h = fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData: batches(x, y, batchSize), epochs: 2, accumulate });
      expect(h.stepLoss).toHaveLength(2 * (16 / batchSize / accumulate));
      return [...flat(model.weight), ...flat(model.bias!)];
    };
    const whole = run(8, 1), accumulated = run(4, 2);
    accumulated.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 6));
    expect(run(4, 1)).not.toEqual(whole);
  });

  it('steps with the leftover batches at the end of an epoch that does not divide by accumulate', () => {
    const { x, y } = linearData(12, 9);
    const model = new nn.Linear(2, 1);
    const h = fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData: batches(x, y, 4), epochs: 2, accumulate: 2 });
    expect(h.epochEndSteps).toEqual([2, 4]);
  });

  it('stops after maxSteps optimizer steps, mid-epoch, and still records that epoch', () => {
    const { x, y } = linearData(40, 2);
    const model = new nn.Linear(2, 1);
    const h = fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData: batches(x, y, 4), maxSteps: 13 });
    expect(h.stepLoss).toHaveLength(13);
    expect(h.epochs).toEqual([1, 2]);
    expect(h.epochEndSteps).toEqual([10, 13]);
  });

  it('steps a scheduler per epoch (default) or per optimizer step', () => {
    const { x, y } = linearData(16, 2);
    const lrs = (interval: 'epoch' | 'step'): number[] => {
      const model = new nn.Linear(2, 1);
      const optimizer = new SGD(model.parameters(), { lr: 0.1 });
      return fit({ ...quiet, model, loss: mseLoss, optimizer, scheduler: new StepLR(optimizer, { stepSize: 1, gamma: 0.5 }), schedulerInterval: interval, trainData: batches(x, y, 8), epochs: 3 }).lr;
    };
    // history.lr is the lr in use at the end of each epoch, before the epoch's own scheduler step.
    expect(lrs('epoch')).toEqual([0.1, 0.05, 0.025]);
    expect(lrs('step')).toEqual([0.025, 0.00625, 0.0015625]);
  });

  it('feeds ReduceLROnPlateau the monitored validation metric', () => {
    const { x, y } = linearData(16, 2);
    const model = new nn.Linear(2, 1);
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const scheduler = new ReduceLROnPlateau(optimizer, { patience: 0, factor: 0.5 });
    const fed: number[] = [];
    const original = scheduler.step.bind(scheduler);
    scheduler.step = (m: number): void => { fed.push(m); original(m); };
    const h = fit({ ...quiet, model, loss: mseLoss, optimizer, scheduler, trainData: batches(x, y, 8), validData: batches(x, y, 16), epochs: 3 });
    expect(fed).toEqual(h.valid['loss']);
  });

  it('clips gradients by norm and by value before each step', () => {
    const { x, y } = linearData(8, 2);
    const step = (clip: { clipGradNorm?: number; clipGradValue?: number }): number[] => {
      const model = new nn.Linear(2, 1);
      noGrad(() => { model.weight.data.fill(0); model.bias!.data.fill(0); });
      fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 1 }), trainData: batches(x, y, 8), epochs: 1, ...clip });
      return [...flat(model.weight), ...flat(model.bias!)];
    };
    const byNorm = step({ clipGradNorm: 0.5 });
    expect(Math.hypot(...byNorm)).toBeCloseTo(0.5, 5);
    const byValue = step({ clipGradValue: 0.01 });
    byValue.forEach((v) => expect(Math.abs(v)).toBeCloseTo(0.01, 7));
    expect(Math.hypot(...step({}))).toBeGreaterThan(1);
  });

  it('adds the elastic-net penalty to the training loss (l2 matches adding l2Penalty by hand)', () => {
    const { x, y } = linearData(8, 2);
    const data = batches(x, y, 8);
    manualSeed(9);
    const a = new nn.Linear(2, 1);
    fit({ ...quiet, model: a, loss: mseLoss, optimizer: new SGD(a.parameters(), { lr: 0.1 }), trainData: data, epochs: 3, penalty: { l2: 0.3 } });
    manualSeed(9);
    const b = new nn.Linear(2, 1);
    fit({ ...quiet, model: b, loss: (o, t) => mseLoss(o, t).add(l2Penalty(b).mul(0.3)), optimizer: new SGD(b.parameters(), { lr: 0.1 }), trainData: data, epochs: 3 });
    expect(flat(a.weight)).toEqual(flat(b.weight));
    manualSeed(9);
    const c = new nn.Linear(2, 1);
    fit({ ...quiet, model: c, loss: mseLoss, optimizer: new SGD(c.parameters(), { lr: 0.1 }), trainData: data, epochs: 3, penalty: { l1: 0.5 } });
    expect(flat(c.weight)).not.toEqual(flat(a.weight));
  });

  it('stops early when the monitored metric stops improving and restores the best weights', () => {
    const { x, y } = linearData(32, 4);
    const model = new nn.Linear(2, 1);
    // Validation data unlike the training data: its loss bottoms out and then rises.
    const shifted = y.mul(-1);
    const weightsAt: number[][] = [];
    const h = fit({
      ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.05 }), trainData: batches(x, y, 8),
      validData: batches(x, shifted, 32), epochs: 50, earlyStopping: { patience: 2, restoreBest: true },
      callbacks: [{ onEpochEnd: () => { weightsAt.push(flat(model.weight)); } }],
    });
    const valid = h.valid['loss']!;
    const best = valid.indexOf(Math.min(...valid));
    expect(h.epochs.length).toBe(best + 1 + 2);
    expect(flat(model.weight)).toEqual(weightsAt[best]);
    const stopped = new Trainer({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.05 }), trainData: batches(x, y, 8), validData: batches(x, shifted, 32), epochs: 50, earlyStopping: { patience: 1 } });
    stopped.fit();
    expect(stopped.stopReason).toMatch(/^early stopping: valid loss did not improve for 1 epochs/);
    expect(new EarlyStopping()).toBeInstanceOf(EarlyStopping);
  });

  it('lets callbacks stop training by returning stop or setting stopTraining', () => {
    const { x, y } = linearData(40, 2);
    const model = new nn.Linear(2, 1);
    const calls: string[] = [];
    const t = new Trainer({
      ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.01 }), trainData: batches(x, y, 4), epochs: 5,
      callbacks: [{
        onTrainBegin: () => { calls.push('trainBegin'); },
        onEpochBegin: (_t, e) => { calls.push(`epochBegin ${e}`); },
        onEpochEnd: (_t, e) => { calls.push(`epochEnd ${e}`); return e === 2 ? 'stop' : undefined; },
        onTrainEnd: () => { calls.push('trainEnd'); },
      }],
    });
    const h = t.fit();
    expect(calls).toEqual(['trainBegin', 'epochBegin 1', 'epochEnd 1', 'epochBegin 2', 'epochEnd 2', 'trainEnd']);
    expect(h.epochs).toEqual([1, 2]);
    const model2 = new nn.Linear(2, 1);
    const t2 = new Trainer({
      ...quiet, model: model2, loss: mseLoss, optimizer: new SGD(model2.parameters(), { lr: 0.01 }), trainData: batches(x, y, 4), epochs: 5,
      callbacks: [{ onBatchEnd: (trainer, info) => { if (info.step === 13) trainer.stopTraining = true; } }],
    });
    const h2 = t2.fit();
    expect(t2.step).toBe(13);
    expect(h2.epochs).toEqual([1]); // the interrupted second epoch is not recorded
    expect(t2.stopReason).toBe('a callback stopped training');
  });

  it('accepts [x, y] tuples and several input tensors', () => {
    const { x, y } = linearData(8, 2);
    const a = new nn.Linear(1, 1), b = new nn.Linear(1, 1);
    const model = { forward: (u: Tensor, v: Tensor) => a.forward(u).add(b.forward(v)), parameters: [...a.parameters(), ...b.parameters()] };
    const data: Array<[Tensor[], Tensor]> = [[[x.narrow(1, 0, 1).contiguous(), x.narrow(1, 1, 1).contiguous()], y]];
    const h = fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters, { lr: 0.1 }), trainData: data, epochs: 30 });
    expect(h.train['loss']!.at(-1)).toBeLessThan(h.train['loss']![0]! / 10);
  });

  it('trains from a DataLoader over a TensorDataset, whose batches are [x1, ..., xn, y] lists', () => {
    const { x, y } = linearData(64, 5);
    const u = x.narrow(1, 0, 1).contiguous(), v = x.narrow(1, 1, 1).contiguous();
    const a = new nn.Linear(1, 1), b = new nn.Linear(1, 1);
    const model = { forward: (p: Tensor, q: Tensor) => a.forward(p).add(b.forward(q)), parameters: [...a.parameters(), ...b.parameters()] };
    const trainData = new DataLoader(new TensorDataset(u, v, y), { batchSize: 16, shuffle: true, seed: 1 });
    const h = fit({ ...quiet, model, loss: mseLoss, optimizer: new SGD(model.parameters, { lr: 0.1 }), trainData, epochs: 20 });
    expect(h.train['loss']!.at(-1)).toBeLessThan(1e-3);
    expect(a.weight.item()).toBeCloseTo(2, 1);
    expect(b.weight.item()).toBeCloseTo(-3, 1);
  });
});

