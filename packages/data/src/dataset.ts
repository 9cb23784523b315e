// Map-style datasets: the Dataset interface, tensors sharing dim 0, plain arrays, and index subsets.
import { Tensor, tensor } from '@nn/core';
import type { Collated } from './collate.js';

/** A finite collection of examples addressed by index 0..length-1. */
export interface Dataset<T> {
  /** Number of examples. */
  readonly length: number;
  /** The example at `index` (0 <= index < length). */
  get(index: number): T;
  /**
   * Optional fast path: the examples at `indices` already collated into one batch. A {@link DataLoader}
   * with the default collate calls it instead of `get` + collate when present; it must return what
   * `defaultCollate` would make of those examples.
   */
  getBatch?(indices: readonly number[]): Collated<T>;
}

/** Throws a RangeError naming `fn` unless `index` is an integer in [0, length). */
export function checkIndex(fn: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`${fn}: index ${index} is out of range for a dataset of length ${length}`);
  }
}

/**
 * Tensors that share their first dimension; example i is the tuple of their i-th rows
 * (a tensor of shape (N, ...rest) contributes a row of shape (...rest)).
 */
export class TensorDataset implements Dataset<Tensor[]> {
  readonly tensors: readonly Tensor[];
  readonly length: number;

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new RangeError('TensorDataset: expected at least one tensor');
    tensors.forEach((t, k) => {
      if (!(t instanceof Tensor)) throw new TypeError(`TensorDataset: argument ${k} is not a Tensor`);
      if (t.ndim === 0) throw new RangeError(`TensorDataset: tensor ${k} is 0-d; every tensor needs a first dimension to index`);
    });
    const sizes = tensors.map((t) => t.shape[0]!);
    if (sizes.some((n) => n !== sizes[0])) {
      throw new RangeError(`TensorDataset: tensors must share their first dimension, got sizes ${sizes.join(', ')}`);
    }
    this.tensors = tensors;
    this.length = sizes[0]!;
  }

  get(index: number): Tensor[] {
    checkIndex('TensorDataset.get', index, this.length);
    return this.tensors.map((t) => t.narrow(0, index, 1).squeeze(0));
  }

  /** Rows `indices` of every tensor, gathered in one copy each (what the default collate of `get` would stack). */
  getBatch(indices: readonly number[]): Tensor[] {
    for (const i of indices) checkIndex('TensorDataset.getBatch', i, this.length);
    const index = tensor(Int32Array.from(indices));
    return this.tensors.map((t) => t.indexSelect(0, index));
  }
}

/** A dataset over an in-memory array (reader output, corpus items, ...). */
export class ArrayDataset<T> implements Dataset<T> {
  readonly items: readonly T[];

  constructor(items: readonly T[]) {
    if (!Array.isArray(items)) throw new TypeError('ArrayDataset: expected an array of examples');
    this.items = items;
  }

  get length(): number {
    return this.items.length;
  }

  get(index: number): T {
    checkIndex('ArrayDataset.get', index, this.items.length);
    return this.items[index]!;
  }
}

/** The examples of `dataset` at `indices`, in that order (splits are Subsets of their source). */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];
  /** Present only when the underlying dataset has one, so loaders keep its fast path through splits. */
  readonly getBatch?: (indices: readonly number[]) => Collated<T>;

  constructor(dataset: Dataset<T>, indices: readonly number[]) {
    indices.forEach((i) => checkIndex('Subset', i, dataset.length));
    this.dataset = dataset;
    this.indices = indices;
    const innerBatch = dataset.getBatch?.bind(dataset);
    if (innerBatch !== undefined) {
      this.getBatch = (batch) => innerBatch(batch.map((i) => {
        checkIndex('Subset.getBatch', i, indices.length);
        return indices[i]!;
      }));
    }
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    checkIndex('Subset.get', index, this.indices.length);
    return this.dataset.get(this.indices[index]!);
  }
}
