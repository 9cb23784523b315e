// Bad input to fit: each error names fit and the offending option or value; a NaN loss names its epoch and batch.
import { nn, tensor } from '@nn/core';
import { mseLoss } from '@nn/losses';
import { SGD, StepLR, ReduceLROnPlateau } from '@nn/optim';
import { describe, expect, it } from 'vitest';
import { fit, Trainer, type FitOptions } from '../src/index.js';
import { batches, linearData, MemoryStream } from './helpers.js';

const { x, y } = linearData(16, 1);

function options(extra: Partial<FitOptions> = {}): FitOptions {
  const model = new nn.Linear(2, 1);
  return { model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData: batches(x, y, 4), epochs: 2, progress: 'none', ...extra };
}

describe('fit errors', () => {
  it('needs epochs or maxSteps, as positive integers', () => {
    const { epochs: _e, ...unbounded } = options();
    expect(() => fit(unbounded)).toThrow('fit: give epochs or maxSteps (or both) to bound training');
    expect(() => fit(options({ epochs: 0 }))).toThrow('fit: epochs must be a positive integer, got 0');
    expect(() => fit(options({ maxSteps: 2.5 }))).toThrow('fit: maxSteps must be a positive integer, got 2.5');
  });
  it('rejects accumulate 0 and other bad settings by name', () => {
    expect(() => fit(options({ accumulate: 0 }))).toThrow('fit: accumulate must be a positive integer, got 0');
    expect(() => fit(options({ clipGradNorm: -1 }))).toThrow('fit: clipGradNorm must be > 0, got -1');
    expect(() => fit(options({ penalty: { l2: -0.1 } }))).toThrow('fit: penalty.l2 must be a finite number >= 0, got -0.1');
    expect(() => fit(options({ checkpoint: { path: 'x', everySteps: 0 } }))).toThrow('fit: checkpoint.everySteps must be a positive integer, got 0');
    expect(() => fit(options({ resume: true }))).toThrow(/fit: resume: true needs checkpoint\.path/);
    expect(() => fit(options({ optimizer: {} as never }))).toThrow('fit: optimizer must be an @nn/optim Optimizer');
    expect(() => fit(options({ trainData: 5 as never }))).toThrow(/fit: trainData must be an iterable of batches/);
    expect(() => fit(options({ model: { forward: 1 } as never }))).toThrow(/fit: model must be an nn.Module with a forward method, or \{ forward, parameters \}/);
    expect(() => fit(options({ onNonFinite: 'ignore' as never }))).toThrow("fit: onNonFinite must be 'error' or 'stop', got 'ignore'");
  });
  it('rejects an unknown metric, a duplicate one, and a monitor that is not recorded', () => {
    expect(() => fit(options({ metrics: ['acuracy'] }))).toThrow(/fit: unknown metric 'acuracy' \(known: loss, accuracy/);
    expect(() => fit(options({ metrics: ['mae', 'mae'] }))).toThrow("fit: metric 'mae' is given twice");
    expect(() => fit(options({ metrics: ['mae'], monitor: 'mse' }))).toThrow("fit: monitor 'mse' is neither 'loss' nor one of the metrics (mae)");
  });
  it('rejects a per-step ReduceLROnPlateau and a scheduler of another kind', () => {
    const o = options();
    expect(() => fit({ ...o, scheduler: new ReduceLROnPlateau(o.optimizer), schedulerInterval: 'step' })).toThrow(/fit: ReduceLROnPlateau steps once per epoch/);
    expect(() => fit({ ...o, scheduler: { step: () => {} } as never })).toThrow('fit: scheduler must be an @nn/optim LRScheduler or ReduceLROnPlateau');
    expect(() => fit({ ...o, scheduler: new StepLR(o.optimizer, { stepSize: 1 }), schedulerInterval: 'batch' as never })).toThrow("fit: schedulerInterval must be 'epoch' or 'step', got 'batch'");
  });
  it('reports empty training and validation data', () => {
    expect(() => fit(options({ trainData: [] }))).toThrow('fit: trainData yielded no batches in epoch 1');
    expect(() => fit(options({ validData: [] }))).toThrow('fit: validData yielded no batches after epoch 1');
  });
  it('reports malformed batches with their epoch and position', () => {
    expect(() => fit(options({ trainData: [{ x, y }, { x } as never] }))).toThrow('fit: epoch 1, batch 2: a batch must be { x, y } or [x, y], got object');
    expect(() => fit(options({ trainData: [[x] as never] }))).toThrow('fit: epoch 1, batch 1: a batch array must be [x, y] or tensors [x1, ..., xn, y], got an array of length 1');
    expect(() => fit(options({ trainData: [[x, 'a', y] as never] }))).toThrow('fit: epoch 1, batch 1: a batch array must be [x, y] or tensors [x1, ..., xn, y], got an array of length 3');
    expect(() => fit(options({ trainData: [{ x: [], y }] }))).toThrow(/fit: epoch 1, batch 1: the batch input x must be a Tensor or a non-empty array of Tensors, got array of length 0/);
    expect(() => fit(options({ loss: (o: ReturnType<typeof tensor>) => o }))).toThrow('fit: the loss must be a scalar, got shape [4, 1] at epoch 1, batch 1');
  });
  it('a NaN loss throws naming the epoch and batch, or stops with the message when asked', () => {
    const poisoned = batches(x, y, 4);
    poisoned[2] = { x: tensor([[NaN, 0], [0, 0], [0, 0], [0, 0]]), y: poisoned[2]!.y };
    expect(() => fit(options({ trainData: poisoned }))).toThrow('fit: the training loss is NaN at epoch 1, batch 3 (after 2 optimizer steps); lower the learning rate, clip gradients or check the data');
    const stream = new MemoryStream();
    const t = new Trainer(options({ trainData: poisoned, onNonFinite: 'stop', progress: 'epoch', stream }));
    const history = t.fit();
    expect(t.stopReason).toMatch(/^fit: the training loss is NaN at epoch 1, batch 3/);
    expect(t.step).toBe(2);
    expect(history.epochs).toEqual([]);
    expect(stream.text).toContain('epoch 1 interrupted after batch 3: fit: the training loss is NaN at epoch 1, batch 3');
  });
});
