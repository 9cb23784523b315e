// Hyperparameter search: grid and random configurations, ranking by the validation metric, and the printed table.
import { manualSeed, nn } from '@nn/core';
import { mseLoss } from '@nn/losses';
import { SGD } from '@nn/optim';
import { describe, expect, it } from 'vitest';
import { gridConfigs, intUniform, logUniform, randomConfigs, search, uniform, type FitOptions, type SearchConfig } from '../src/index.js';
import { batches, linearData, mlp } from './helpers.js';

const train = linearData(64, 1), valid = linearData(32, 2);

function build(config: SearchConfig): FitOptions {
  manualSeed(0);
  const model = config['hidden'] === 0 ? new nn.Linear(2, 1) : mlp(2, config['hidden'] as number, 1);
  return {
    model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: config['lr'] as number }),
    trainData: batches(train.x, train.y, config['batchSize'] as number), validData: batches(valid.x, valid.y, 32),
    epochs: 3, metrics: ['mae'],
  };
}

describe('search', () => {
  it('grid: every combination, ranked by the best validation loss, best first', () => {
    const result = search({ space: { lr: [0.001, 0.1], batchSize: [8, 32], hidden: [0] }, build });
    expect(result.trials).toHaveLength(4);
    const values = result.trials.map((t) => t.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    // Larger steps, more of them: lr 0.1 with batches of 8 learns most in 3 epochs; lr 0.001 with 32 least.
    expect(result.best.config).toEqual({ lr: 0.1, batchSize: 8, hidden: 0 });
    expect(result.trials.at(-1)!.config).toEqual({ lr: 0.001, batchSize: 32, hidden: 0 });
    expect(result.split).toBe('valid');
    const table = result.format().split('\n');
    expect(table[0]).toMatch(/^rank\s+lr\s+batchSize\s+hidden\s+valid loss\s+epoch\s+seconds$/);
    expect(table[1]).toMatch(/^\s+1\s+0\.1\s+8\s+0\s+\d\.\d+(e-\d+)?\s+3\s+\d+\.\d$/);
    expect(table).toHaveLength(5);
  });

  it('random: draws from lists and ranges reproducibly and ranks by a chosen metric', () => {
    const space = { lr: logUniform(1e-3, 1e-1), batchSize: [16, 32], hidden: intUniform(2, 4) };
    const result = search({ space, build, strategy: 'random', trials: 3, seed: 4, metric: 'mae' });
    expect(result.trials).toHaveLength(3);
    expect(result.metric).toBe('mae');
    expect(result.trials.map((t) => t.config).sort((a, b) => (a['lr'] as number) - (b['lr'] as number)))
      .toEqual(randomConfigs(space, 3, 4).sort((a, b) => (a['lr'] as number) - (b['lr'] as number)));
  });
});

describe('search spaces', () => {
  it('grid configurations vary the last parameter fastest', () => {
    expect(gridConfigs({ a: [1, 2], b: ['x', 'y'] })).toEqual([{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]);
  });
  it('random draws stay in their ranges, log-uniform spreads over decades', () => {
    const configs = randomConfigs({ lr: logUniform(1e-4, 1), p: uniform(0.1, 0.2), n: intUniform(1, 3), act: ['relu', 'tanh'] }, 400, 1);
    const lrs = configs.map((c) => c['lr'] as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lrs)).toBeLessThan(1);
    // About a quarter of log-uniform draws per decade.
    const belowMilli = lrs.filter((v) => v < 1e-3).length / lrs.length;
    expect(belowMilli).toBeGreaterThan(0.18);
    expect(belowMilli).toBeLessThan(0.32);
    expect(new Set(configs.map((c) => c['n']))).toEqual(new Set([1, 2, 3]));
    expect(configs.every((c) => (c['p'] as number) >= 0.1 && (c['p'] as number) < 0.2)).toBe(true);
    expect(randomConfigs({ lr: logUniform(1e-4, 1) }, 5, 9)).toEqual(randomConfigs({ lr: logUniform(1e-4, 1) }, 5, 9));
  });
  it('rejects ranges in a grid, empty lists and bad ranges', () => {
    expect(() => gridConfigs({ lr: logUniform(1e-3, 1) })).toThrow(/gridSearch: 'lr' is a range; a grid needs a list of values/);
    expect(() => gridConfigs({ lr: [] })).toThrow(/gridSearch: 'lr' has no values/);
    expect(() => logUniform(0, 1)).toThrow(/logUniform: low must be > 0, got 0/);
    expect(() => uniform(2, 1)).toThrow(/uniform: need finite low < high, got 2, 1/);
    expect(() => randomConfigs({ a: [1] }, 0)).toThrow(/randomSearch: trials must be a positive integer, got 0/);
    expect(() => search({ space: { lr: [0.1], batchSize: [8], hidden: [0] }, build, metric: 'accuracy' })).toThrow(/search: the trials record no valid 'accuracy' \(metrics recorded: loss, mae\)/);
  });
});
