// TensorDataset, ArrayDataset and Subset: indexing, batch gathering, and their errors.
import { arange, tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { ArrayDataset, Subset, TensorDataset } from '../src/index.js';

describe('TensorDataset', () => {
  const x = arange(0, 12, 1, { dtype: 'float32' }).reshape([4, 3]);
  const y = tensor(Int32Array.from([7, 8, 9, 10]));

  it('returns the i-th row of every tensor', () => {
    const ds = new TensorDataset(x, y);
    expect(ds.length).toBe(4);
    const [row, label] = ds.get(2);
    expect(row!.shape).toEqual([3]);
    expect(row!.toArray()).toEqual([6, 7, 8]);
    expect(label!.shape).toEqual([]);
    expect(label!.dtype).toBe('int32');
    expect(label!.item()).toBe(9);
  });

  it('gathers rows for a batch with their dtypes', () => {
    const [xb, yb] = new TensorDataset(x, y).getBatch([3, 0]);
    expect(xb!.toArray()).toEqual([[9, 10, 11], [0, 1, 2]]);
    expect(yb!.dtype).toBe('int32');
    expect(yb!.toArray()).toEqual([10, 7]);
  });

  it('rejects tensors of different first dimensions, 0-d tensors, no tensors and bad indices', () => {
    expect(() => new TensorDataset(x, tensor([1, 2, 3]))).toThrow('TensorDataset: tensors must share their first dimension, got sizes 4, 3');
    expect(() => new TensorDataset(tensor(5))).toThrow('tensor 0 is 0-d');
    expect(() => new TensorDataset()).toThrow('expected at least one tensor');
    expect(() => new TensorDataset(x).get(4)).toThrow('TensorDataset.get: index 4 is out of range for a dataset of length 4');
    expect(() => new TensorDataset(x).get(1.5)).toThrow('index 1.5 is out of range');
  });
});

describe('ArrayDataset and Subset', () => {
  it('indexes an array, and a subset maps its indices onto the source', () => {
    const ds = new ArrayDataset(['a', 'b', 'c', 'd']);
    const sub = new Subset(ds, [3, 1]);
    expect(sub.length).toBe(2);
    expect([sub.get(0), sub.get(1)]).toEqual(['d', 'b']);
    expect(() => sub.get(2)).toThrow('Subset.get: index 2 is out of range for a dataset of length 2');
    expect(() => new Subset(ds, [0, 4])).toThrow('Subset: index 4 is out of range for a dataset of length 4');
  });

  it('keeps the batch fast path of a TensorDataset, and has none over a plain array', () => {
    const ds = new TensorDataset(tensor([[1], [2], [3]]));
    const sub = new Subset(ds, [2, 0]);
    expect(sub.getBatch!([1, 0])[0]!.toArray()).toEqual([[1], [3]]);
    expect(new Subset(new ArrayDataset([1, 2]), [0]).getBatch).toBeUndefined();
  });
});
