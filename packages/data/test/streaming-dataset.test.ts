// StreamingDataset: passes over a source, map/filter/take, the seeded shuffle buffer, and batching.
import { describe, expect, it } from 'vitest';
import { StreamingDataset, streamLines } from '../src/index.js';
import { collect, tempFiles } from './temp-files.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const numbers = (n: number): StreamingDataset<number> => new StreamingDataset(() => range(n));

describe('StreamingDataset', () => {
  it('makes a fresh pass over the source each time', async () => {
    const ds = numbers(5).map(async (x) => x * 10).filter((x) => x !== 20);
    expect(await collect(ds)).toEqual([0, 10, 30, 40]);
    expect(await collect(ds)).toEqual([0, 10, 30, 40]);
    expect(await collect(numbers(5).take(2))).toEqual([0, 1]);
    expect(await collect(numbers(5).take(0))).toEqual([]);
  });

  it('streams a file line by line as a dataset', async () => {
    const path = tempFiles()('lines.txt', 'a\nb\n\nc\n');
    const ds = new StreamingDataset(() => streamLines(path)).map((l) => l.toUpperCase());
    expect(await collect(ds)).toEqual(['A', 'B', 'C']);
  });

  it('shuffles through a buffer: every example once per pass, a new order each pass, reproducible from the seed', async () => {
    const shuffled = numbers(100).shuffle(16, { seed: 3 });
    const first = await collect(shuffled);
    const second = await collect(shuffled);
    expect([...first].sort((a, b) => a - b)).toEqual(range(100));
    expect([...second].sort((a, b) => a - b)).toEqual(range(100));
    expect(first).not.toEqual(range(100));
    expect(second).not.toEqual(first);
    const again = numbers(100).shuffle(16, { seed: 3 });
    expect([await collect(again), await collect(again)]).toEqual([first, second]);
    expect(await collect(numbers(100).shuffle(16, { seed: 4 }))).not.toEqual(first);
  });

  it('moves an example at most a buffer ahead of its place', async () => {
    const order = await collect(numbers(200).shuffle(10, { seed: 1 }));
    // The example at output position p was read by then, so it came from the first p + 10 of the source.
    order.forEach((value, position) => expect(value).toBeLessThan(position + 10));
  });

  it('batches with the default collate or a custom one, dropping a short last batch when asked', async () => {
    const batches = await collect(numbers(7).batch(3));
    expect(batches.map((b) => Array.from(b.toFlatArray()))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(await collect(numbers(7).batch(3, { dropLast: true, collate: (xs) => xs.join('') }))).toEqual(['012', '345']);
  });

  it('rejects bad sources, buffer sizes, batch sizes and counts', () => {
    expect(() => new StreamingDataset([1, 2] as unknown as () => number[])).toThrow('StreamingDataset: expected a function returning an iterable');
    expect(() => numbers(3).shuffle(0)).toThrow('StreamingDataset.shuffle: bufferSize must be a positive integer, got 0');
    expect(() => numbers(3).batch(0)).toThrow('StreamingDataset.batch: batchSize must be a positive integer, got 0');
    expect(() => numbers(3).batch(1.5)).toThrow('got 1.5');
    expect(() => numbers(3).take(-1)).toThrow('StreamingDataset.take: count must be a non-negative integer, got -1');
  });
});
