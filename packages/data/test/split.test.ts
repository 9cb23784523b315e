// randomSplit and stratifiedSplit: disjoint covering splits, seeded reproducibility, class ratios, errors.
import { describe, expect, it } from 'vitest';
import { ArrayDataset, randomSplit, stratifiedSplit } from '../src/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Throws unless the index lists are disjoint and cover 0..n-1. */
function expectPartition(splits: number[][], n: number): void {
  const all = splits.flat();
  expect(all).toHaveLength(n);
  expect(new Set(all).size).toBe(n);
  expect([...all].sort((a, b) => a - b)).toEqual(range(n));
}

describe('randomSplit', () => {
  const ds = new ArrayDataset(range(103));

  it('splits by fractions into disjoint subsets covering the dataset', () => {
    const parts = randomSplit(ds, [0.8, 0.1, 0.1], { seed: 1 });
    expect(parts.map((p) => p.length)).toEqual([83, 10, 10]);
    expectPartition(parts.map((p) => [...p.indices]), 103);
    expect(parts[0]!.get(0)).toBe(ds.get(parts[0]!.indices[0]!));
  });

  it('splits by exact lengths', () => {
    const parts = randomSplit(ds, [100, 3], { seed: 1 });
    expect(parts.map((p) => p.length)).toEqual([100, 3]);
    expectPartition(parts.map((p) => [...p.indices]), 103);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const a = randomSplit(ds, [0.5, 0.5], { seed: 7 }).map((p) => p.indices);
    expect(randomSplit(ds, [0.5, 0.5], { seed: 7 }).map((p) => p.indices)).toEqual(a);
    expect(randomSplit(ds, [0.5, 0.5], { seed: 8 }).map((p) => p.indices)).not.toEqual(a);
  });

  it('rejects empty datasets and fractions or lengths that do not fit', () => {
    expect(() => randomSplit(new ArrayDataset([]), [0.5, 0.5])).toThrow('randomSplit: the dataset is empty');
    expect(() => randomSplit(ds, [0.5, 0.4])).toThrow('randomSplit: fractions [0.5, 0.4] sum to 0.9, not 1');
    expect(() => randomSplit(ds, [100, 4])).toThrow('randomSplit: lengths [100, 4] sum to 104 but the dataset has 103 examples');
    expect(() => randomSplit(ds, [1.2, -0.2])).toThrow('fraction 0 is 1.2');
  });
});

describe('stratifiedSplit', () => {
  // 3 classes of 500, 300 and 37 examples, interleaved by a fixed permutation (367 is coprime to 837).
  const labels = range(837).map((i) => (i * 367) % 837).map((j) => (j < 500 ? 'a' : j < 800 ? 'b' : 'c'));
  const fractions = [0.8, 0.1, 0.1];

  it('splits each class in the given fractions, within one example', () => {
    const splits = stratifiedSplit(labels, fractions, { seed: 5 });
    expectPartition(splits, labels.length);
    for (const cls of ['a', 'b', 'c']) {
      const total = labels.filter((l) => l === cls).length;
      splits.forEach((split, s) => {
        const count = split.filter((i) => labels[i] === cls).length;
        expect(Math.abs(count - fractions[s]! * total)).toBeLessThan(1);
      });
    }
    splits.forEach((split, s) => expect(Math.abs(split.length - fractions[s]! * labels.length)).toBeLessThanOrEqual(1));
  });

  it('keeps split sizes near their targets even when every class has a remainder', () => {
    const many = range(200).map((i) => i % 20);
    const splits = stratifiedSplit(many, fractions, { seed: 0 });
    expect(splits.map((s) => s.length)).toEqual([160, 20, 20]);
  });

  it('is reproducible from the seed and returns sorted index lists', () => {
    const a = stratifiedSplit(labels, fractions, { seed: 5 });
    expect(stratifiedSplit(labels, fractions, { seed: 5 })).toEqual(a);
    expect(stratifiedSplit(labels, fractions, { seed: 6 })).not.toEqual(a);
    for (const s of a) expect(s).toEqual([...s].sort((x, y) => x - y));
  });

  it('splits a dataset into Subsets with a label function', () => {
    const ds = new ArrayDataset(labels.map((label, i) => ({ id: i, label })));
    const [train, valid, test] = stratifiedSplit(ds, (e) => e.label, fractions, { seed: 5 });
    expect([train!.length, valid!.length, test!.length]).toEqual(stratifiedSplit(labels, fractions, { seed: 5 }).map((s) => s.length));
    expect(valid!.get(0).label).toBe(labels[valid!.indices[0]!]);
  });

  it('rejects no examples, bad fractions and missing labels', () => {
    expect(() => stratifiedSplit([], fractions)).toThrow('stratifiedSplit: no examples to split');
    expect(() => stratifiedSplit(new ArrayDataset([]), () => 0, fractions)).toThrow('stratifiedSplit: no examples to split');
    expect(() => stratifiedSplit(['a'], [0.7, 0.2])).toThrow('stratifiedSplit: fractions [0.7, 0.2] sum to 0.9');
    expect(() => stratifiedSplit([1, Number.NaN], [1])).toThrow('stratifiedSplit: the label of example 1 is NaN');
  });
});
