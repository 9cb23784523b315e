// DataLoader: batch counts, per-epoch seeded shuffles, checkpoint resume, collate paths, and argument errors.
import { Generator, arange, tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { ArrayDataset, DataLoader, TensorDataset } from '../src/index.js';

const numbers = (n: number): ArrayDataset<number> => new ArrayDataset(Array.from({ length: n }, (_, i) => i));
/** Every epoch of a loader over numbers, as plain arrays. */
const epochOf = (loader: DataLoader<number>): number[][] => [...loader].map((b) => Array.from(b.toFlatArray()));

describe('DataLoader', () => {
  it('serves the dataset in order without shuffle, the last batch smaller', () => {
    expect(epochOf(new DataLoader(numbers(7), { batchSize: 3 }))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('counts batches with and without dropLast', () => {
    expect(new DataLoader(numbers(10), { batchSize: 3 }).length).toBe(4);
    const dropping = new DataLoader(numbers(10), { batchSize: 3, dropLast: true });
    expect(dropping.length).toBe(3);
    expect(epochOf(dropping).map((b) => b.length)).toEqual([3, 3, 3]);
    expect(new DataLoader(numbers(9), { batchSize: 3, dropLast: true }).length).toBe(3);
    expect([...new DataLoader(numbers(10), { batchSize: 3 })]).toHaveLength(4);
  });

  it('shows every example exactly once per shuffled epoch', () => {
    const loader = new DataLoader(numbers(50), { batchSize: 8, shuffle: true, seed: 3 });
    for (let epoch = 0; epoch < 3; epoch++) {
      const seen = epochOf(loader).flat();
      expect(seen).toHaveLength(50);
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
  });

  it('draws a new order every epoch, and the same orders from the same seed', () => {
    const a = new DataLoader(numbers(40), { batchSize: 40, shuffle: true, seed: 11 });
    const b = new DataLoader(numbers(40), { batchSize: 40, shuffle: true, seed: 11 });
    const c = new DataLoader(numbers(40), { batchSize: 40, shuffle: true, seed: 12 });
    const epochsA = [epochOf(a), epochOf(a)];
    expect(epochsA[0]).not.toEqual(epochsA[1]);
    expect([epochOf(b), epochOf(b)]).toEqual(epochsA);
    expect(epochOf(c)).not.toEqual(epochsA[0]);
    expect(epochsA[0]![0]).not.toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('uses a generator it is given, advancing it', () => {
    const generator = new Generator(5);
    const before = generator.getState();
    epochOf(new DataLoader(numbers(10), { shuffle: true, generator, batchSize: 4 }));
    expect(generator.getState()).not.toEqual(before);
  });

  it('resumes mid-epoch from a state dict with the same order, then carries on identically', () => {
    const reference = new DataLoader(numbers(20), { batchSize: 3, shuffle: true, seed: 9 });
    const expected = [...epochOf(reference), ...epochOf(reference)];

    const first = new DataLoader(numbers(20), { batchSize: 3, shuffle: true, seed: 9 });
    const served: number[][] = [];
    for (const batch of first) {
      served.push(Array.from(batch.toFlatArray()));
      if (served.length === 4) break;
    }
    const state = first.stateDict();
    expect(state.batch).toBe(4);

    const resumed = new DataLoader(numbers(20), { batchSize: 3, shuffle: true, seed: 1234 });
    resumed.loadStateDict(JSON.parse(JSON.stringify(state)) as typeof state);
    const rest = [...epochOf(resumed), ...epochOf(resumed)];
    expect([...served, ...rest]).toEqual(expected);
  });

  it('saves between epochs so the next epoch is the one that would have come', () => {
    const reference = new DataLoader(numbers(12), { batchSize: 5, shuffle: true, seed: 2 });
    epochOf(reference);
    const state = reference.stateDict();
    expect(state.batch).toBe(0);
    const next = epochOf(reference);
    const other = new DataLoader(numbers(12), { batchSize: 5, shuffle: true });
    other.loadStateDict(state);
    expect(epochOf(other)).toEqual(next);
  });

  it('gathers TensorDataset batches in one step, with the rows the order names', () => {
    const x = arange(0, 10, 1, { dtype: 'float32' }).reshape([5, 2]);
    const y = tensor(Int32Array.from([0, 1, 0, 1, 1]));
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 2, shuffle: true, seed: 4 });
    const batches = [...loader];
    expect(batches.map(([xb]) => xb!.shape[0])).toEqual([2, 2, 1]);
    const rows = batches.flatMap(([xb]) => xb!.toArray() as number[][]);
    expect(rows.map((r) => r[0]! / 2).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const [xb, yb] of batches) {
      expect(yb!.dtype).toBe('int32');
      expect(Array.from(yb!.toFlatArray())).toEqual((xb!.toArray() as number[][]).map((r) => [0, 1, 0, 1, 1][r[0]! / 2]));
    }
  });

  it('applies a custom collate to the examples of each batch', () => {
    const loader = new DataLoader(new ArrayDataset(['a', 'bb', 'ccc']), { batchSize: 2, collate: (words) => words.join('+') });
    expect([...loader]).toEqual(['a+bb', 'ccc']);
  });

  it('rejects empty datasets, bad batch sizes, dropLast with no full batch and bad states', () => {
    expect(() => new DataLoader(new ArrayDataset([]))).toThrow('DataLoader: the dataset is empty');
    expect(() => new DataLoader(numbers(5), { batchSize: 0 })).toThrow('DataLoader: batchSize must be a positive integer, got 0');
    expect(() => new DataLoader(numbers(5), { batchSize: 2.5 })).toThrow('batchSize must be a positive integer, got 2.5');
    expect(() => new DataLoader(numbers(5), { batchSize: 8, dropLast: true })).toThrow('dropLast leaves no batch: the dataset has 5 examples, fewer than batchSize 8');
    const loader = new DataLoader(numbers(5), { batchSize: 2 });
    expect(() => loader.loadStateDict({ generator: new Generator(0).getState(), batch: 3 })).toThrow('batch 3 is out of range for an epoch of 3 batches');
  });
});
