// DataLoader: batches of a map-style dataset, shuffled per epoch by a seeded generator that checkpoints can save.
import { Generator } from '@nn/core';
import { defaultCollate, type Collated, type CollateFn } from './collate.js';
import type { Dataset } from './dataset.js';

/** Options of a {@link DataLoader}. */
export interface DataLoaderOptions<T, B> {
  /** Examples per batch, a positive integer (default 1). */
  batchSize?: number;
  /** Draw a new order every epoch (default false: dataset order). */
  shuffle?: boolean;
  /** Seed of the loader's own generator (default 0); ignored when `generator` is given. */
  seed?: number;
  /** The generator to draw orders from (kept and advanced by the loader). */
  generator?: Generator;
  /** Leave out the last batch when it is smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Turns a list of examples into a batch (default {@link defaultCollate}). */
  collate?: CollateFn<T, B>;
}

/** Where a loader stands, for checkpoints: restoring it replays the same order from the same batch. */
export interface DataLoaderState {
  /** Generator state at the start of the epoch in progress (or now, between epochs). */
  generator: number[];
  /** Batches of that epoch already served. */
  batch: number;
}

/** A random permutation of 0..n-1 (Fisher-Yates) drawn from `generator`. */
export function randomPermutation(n: number, generator: Generator): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = generator.nextInt(0, i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** Throws unless `batchSize` is a positive integer. */
export function checkBatchSize(fn: string, batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`${fn}: batchSize must be a positive integer, got ${batchSize}`);
}

/**
 * Iterates a dataset in batches; every `for...of` is one epoch. With `shuffle`, each epoch draws a new
 * permutation from the loader's generator, so the sequence of orders is reproducible from the seed.
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  /** The generator orders are drawn from; its state is part of {@link stateDict}. */
  readonly generator: Generator;
  private readonly collate: CollateFn<T, B> | undefined;
  private epochStart: number[];
  private served = 0;
  private resumeAt: number | undefined;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T, B> = {}) {
    this.batchSize = options.batchSize ?? 1;
    checkBatchSize('DataLoader', this.batchSize);
    this.dataset = dataset;
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator = options.generator ?? new Generator(options.seed ?? 0);
    this.collate = options.collate;
    this.epochStart = this.generator.getState();
    this.checkSize();
  }

  private checkSize(): number {
    const n = this.dataset.length;
    if (n === 0) throw new RangeError('DataLoader: the dataset is empty');
    if (this.dropLast && n < this.batchSize) {
      throw new RangeError(`DataLoader: dropLast leaves no batch: the dataset has ${n} examples, fewer than batchSize ${this.batchSize}`);
    }
    return n;
  }

  /** Number of batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** The loader's position: restore it with {@link loadStateDict} to resume the same order. */
  stateDict(): DataLoaderState {
    const between = this.served === 0 || this.served >= this.length;
    return between ? { generator: this.generator.getState(), batch: 0 } : { generator: [...this.epochStart], batch: this.served };
  }

  /** Restores a {@link stateDict}; the next epoch continues from the saved batch in the saved order. */
  loadStateDict(state: DataLoaderState): void {
    if (!Number.isInteger(state.batch) || state.batch < 0 || state.batch >= this.length) {
      throw new RangeError(`DataLoader.loadStateDict: batch ${state.batch} is out of range for an epoch of ${this.length} batches`);
    }
    this.generator.setState(state.generator);
    this.epochStart = [...state.generator];
    this.served = state.batch;
    this.resumeAt = state.batch;
  }

  *[Symbol.iterator](): Iterator<B> {
    const n = this.checkSize();
    const skip = this.resumeAt ?? 0;
    this.resumeAt = undefined;
    if (skip === 0) this.epochStart = this.generator.getState();
    const order = this.shuffle ? randomPermutation(n, this.generator) : Array.from({ length: n }, (_, i) => i);
    const batches = this.length;
    this.served = skip;
    for (let b = skip; b < batches; b++) {
      const indices = order.slice(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize));
      this.served = b + 1;
      yield this.makeBatch(indices);
    }
  }

  private makeBatch(indices: number[]): B {
    if (this.collate !== undefined) return this.collate(indices.map((i) => this.dataset.get(i)));
    if (this.dataset.getBatch !== undefined) return this.dataset.getBatch(indices) as unknown as B;
    return defaultCollate(indices.map((i) => this.dataset.get(i))) as unknown as B;
  }
}
