// Checkpoints: the file layout, atomic replacement, and resume producing bit for bit the parameters of an
// uninterrupted run (dropout, shuffled data, Adam, a scheduler, accumulation, interrupted mid-epoch).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultGenerator, Generator, loadSafetensors, manualSeed, nn, saveSafetensors, zeros, type Tensor } from '@nn/core';
import { crossEntropy, mseLoss } from '@nn/losses';
import { Adam, SGD, StepLR } from '@nn/optim';
import { afterAll, describe, expect, it } from 'vitest';
import { fit, loadCheckpoint, type FitOptions, type History } from '../src/index.js';
import { batches, linearData, mlp, ShuffledBatches, threeClassData } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'nn-train-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = threeClassData(90, 11), valid = threeClassData(30, 12);

/** A fresh run: model, optimizer, scheduler and loader rebuilt from scratch, as a restarted process would. */
function setup(extra: Partial<FitOptions> = {}): { model: nn.Sequential; options: FitOptions } {
  manualSeed(42);
  const model = mlp(2, 8, 3, 0.3);
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const options: FitOptions = {
    model, loss: crossEntropy, optimizer, scheduler: new StepLR(optimizer, { stepSize: 2, gamma: 0.5 }),
    trainData: new ShuffledBatches(data.x, data.y, 10, 7), validData: batches(valid.x, valid.y, 15),
    epochs: 4, accumulate: 2, metrics: ['accuracy', 'macroF1'], progress: 'none', ...extra,
  };
  return { model, options };
}

const params = (m: nn.Module): Float32Array[] => m.parameters().map((p: Tensor) => p.toFlatArray() as Float32Array);

describe('checkpoints', () => {
  const reference = setup();
  const referenceHistory = fit(reference.options);
  const expected = params(reference.model);

  it('resume after a stop mid-epoch gives bit-identical parameters and the same history', () => {
    const path = join(dir, 'interrupted.safetensors');
    // 9 batches per epoch, 2 per step: stop in epoch 2 after its 4th batch (a step boundary).
    const first = setup({ checkpoint: { path }, callbacks: [{ onBatchEnd: (t, info) => (info.epoch === 2 && info.batch === 4 ? 'stop' : undefined) }] });
    const partial = fit(first.options);
    expect(partial.epochs).toEqual([1]);
    const saved = loadCheckpoint(path).trainer;
    expect(saved['epoch']).toBe(1);
    expect(saved['batchInEpoch']).toBe(4);
    // Training on would now differ from the reference: the process state moved on. Resume in fresh objects.
    defaultGenerator.manualSeed(999);
    const second = setup({ checkpoint: { path }, resume: true });
    const history = fit(second.options);
    const got = params(second.model);
    got.forEach((p, i) => expect(p).toEqual(expected[i]));
    expectSameHistory(history, referenceHistory);
  });

  it('resume from a periodic checkpoint after a crash gives bit-identical parameters', () => {
    const path = join(dir, 'crashed.safetensors');
    const first = setup({
      checkpoint: { path, everySteps: 3 },
      callbacks: [{ onBatchEnd: (_t, info) => { if (info.step === 8 && info.batch % 2 === 1) throw new Error('simulated crash'); } }],
    });
    expect(() => fit(first.options)).toThrow('simulated crash');
    expect(loadCheckpoint(path).trainer['step']).toBe(6);
    const second = setup({ resume: path });
    const history = fit(second.options);
    params(second.model).forEach((p, i) => expect(p).toEqual(expected[i]));
    expectSameHistory(history, referenceHistory);
  });

  it('resume at an epoch boundary continues with more epochs like one longer run', () => {
    const path = join(dir, 'boundary.safetensors');
    fit(setup({ epochs: 2, checkpoint: { path } }).options);
    const resumed = setup({ epochs: 4, resume: path });
    fit(resumed.options);
    params(resumed.model).forEach((p, i) => expect(p).toEqual(expected[i]));
  });

  it('saves loader generators given as stateful', () => {
    const path = join(dir, 'generator.safetensors');
    const g = new Generator(5);
    const { x, y } = linearData(16, 1);
    const run = (resume: boolean, stopAt?: number): Float32Array => {
      manualSeed(1);
      const model = new nn.Linear(2, 1);
      if (!resume) g.manualSeed(5);
      // Batches drawn in an order from g at each pass, through a plain generator function (not Stateful itself).
      const trainData = { *[Symbol.iterator]() { const all = batches(x, y, 4); for (let i = 0; i < 4; i++) yield all[g.nextInt(0, 4)]!; } };
      fit({
        model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.05 }), trainData, epochs: 3, progress: 'none',
        stateful: { order: g }, checkpoint: { path }, resume,
        ...(stopAt !== undefined ? { callbacks: [{ onBatchEnd: (_t, info) => (info.step === stopAt ? 'stop' as const : undefined) }] } : {}),
      });
      return model.weight.toFlatArray() as Float32Array;
    };
    rmSync(path, { force: true });
    const whole = run(false);
    rmSync(path, { force: true });
    run(false, 6);
    g.manualSeed(123);
    expect(run(true)).toEqual(whole);
  });

  it('writes one safetensors file with model, optimizer and JSON state, replaced atomically', () => {
    const path = join(dir, 'layout.safetensors');
    fit(setup({ epochs: 1, checkpoint: { path, everySteps: 1 }, earlyStopping: { patience: 3, restoreBest: true } }).options);
    const { tensors, metadata } = loadSafetensors(path);
    const names = Object.keys(tensors);
    expect(names).toContain('model.0.weight');
    expect(names).toContain('optimizer.0.expAvg');
    expect(names).toContain('best.3.bias');
    expect(metadata['format']).toBe('nn-train-checkpoint');
    const content = loadCheckpoint(path);
    expect(content.optimizer.optimizer).toBe('Adam');
    expect((content.trainer['history'] as { epochs: number[] }).epochs).toEqual([1]);
    // Only the checkpoint itself remains: no temporary files.
    expect(readdirSync(dir).filter((f) => f.includes('layout'))).toEqual(['layout.safetensors']);
  });

  it('refuses a checkpoint while accumulated gradients are pending', () => {
    const { options } = setup({ callbacks: [{ onBatchEnd: (t, info) => { if (info.batch === 1) t.saveCheckpoint(join(dir, 'pending.safetensors')); } }] });
    expect(() => fit(options)).toThrow('Trainer.saveCheckpoint: 1 accumulated batches have not been stepped yet; save at an optimizer step boundary');
  });

  it('reports a missing checkpoint, a foreign file and a run that does not match the checkpoint', () => {
    expect(() => fit(setup({ resume: join(dir, 'missing.safetensors') }).options)).toThrow(/loadCheckpoint: no checkpoint at .*missing\.safetensors/);
    const foreign = join(dir, 'foreign.safetensors');
    saveSafetensors(foreign, { w: zeros([2]) });
    expect(() => fit(setup({ resume: foreign }).options)).toThrow(/loadCheckpoint: .*foreign\.safetensors is not a training checkpoint of format nn-train-checkpoint/);
    const path = join(dir, 'with-scheduler.safetensors');
    fit(setup({ epochs: 1, checkpoint: { path } }).options);
    const { options } = setup({ resume: path });
    const { scheduler: _dropped, ...withoutScheduler } = options;
    expect(() => fit(withoutScheduler)).toThrow(/fit: the checkpoint .*with-scheduler\.safetensors was written with a scheduler, but this run has none/);
    manualSeed(0);
    const wider = mlp(2, 9, 3);
    expect(() => fit({ ...options, model: wider, optimizer: new Adam(wider.parameters()), scheduler: undefined as never })).toThrow(/loadStateDict \(Sequential\): 0\.weight: shape \[8, 2\] in the state dict, \[9, 2\] in the module/);
  });
});

function expectSameHistory(a: History, b: History): void {
  expect(a.toJSON()).toEqual(b.toJSON());
}
