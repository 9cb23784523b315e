// Async-iterable datasets for corpora larger than memory: map, filter, a seeded shuffle buffer, and batching.
import { Generator } from '@nn/core';
import { defaultCollate, type Collated, type CollateFn } from '../collate.js';
import { checkBatchSize } from '../loader.js';

/** Where a streaming dataset's examples come from; called once per pass (epoch). */
export type StreamSource<T> = () => AsyncIterable<T> | Iterable<T>;

/** Options of {@link StreamingDataset.shuffle}. */
export interface ShuffleOptions {
  /** Seed of the buffer's own generator (default 0); ignored when `generator` is given. */
  seed?: number;
  /** The generator to draw from; keep it to save and restore its state in a checkpoint. */
  generator?: Generator;
}

/** Options of {@link StreamingDataset.batch}. */
export interface StreamBatchOptions<T, B> {
  /** Leave out a final batch smaller than batchSize (default false). */
  dropLast?: boolean;
  /** Turns a list of examples into a batch (default {@link defaultCollate}). */
  collate?: CollateFn<T, B>;
}

/**
 * A dataset read as a stream: each `for await` is one pass over the source, so only the examples in flight
 * (and a shuffle buffer) are in memory. Stages chain: `.shuffle(10_000, { seed }).map(parse).batch(32)`.
 */
export class StreamingDataset<T> implements AsyncIterable<T> {
  private readonly source: StreamSource<T>;

  /** `source` is called at the start of every pass and must return a fresh iterable each time. */
  constructor(source: StreamSource<T>) {
    if (typeof source !== 'function') throw new TypeError('StreamingDataset: expected a function returning an iterable (called once per pass)');
    this.source = source;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* this.source();
  }

  /** Each example through `fn` (which may be async). */
  map<U>(fn: (example: T) => U | Promise<U>): StreamingDataset<U> {
    const upstream = this;
    return new StreamingDataset(async function* () {
      for await (const example of upstream) yield await fn(example);
    });
  }

  /** Only the examples for which `keep` is true. */
  filter(keep: (example: T) => boolean): StreamingDataset<T> {
    const upstream = this;
    return new StreamingDataset(async function* () {
      for await (const example of upstream) if (keep(example)) yield example;
    });
  }

  /**
   * Examples in a random order drawn through a buffer of `bufferSize`: each one is swapped for a random
   * buffered one, and the buffer is drained in random order at the end. The generator carries on across
   * passes, so every pass has a new order and the sequence of orders is fixed by the seed.
   */
  shuffle(bufferSize: number, options: ShuffleOptions = {}): StreamingDataset<T> {
    if (!Number.isInteger(bufferSize) || bufferSize < 1) throw new RangeError(`StreamingDataset.shuffle: bufferSize must be a positive integer, got ${bufferSize}`);
    const upstream = this;
    const generator = options.generator ?? new Generator(options.seed ?? 0);
    return new StreamingDataset(async function* () {
      const buffer: T[] = [];
      for await (const example of upstream) {
        if (buffer.length < bufferSize) {
          buffer.push(example);
          continue;
        }
        const j = generator.nextInt(0, bufferSize);
        yield buffer[j]!;
        buffer[j] = example;
      }
      while (buffer.length > 0) {
        const j = generator.nextInt(0, buffer.length);
        const last = buffer.pop()!;
        if (j === buffer.length) {
          yield last;
        } else {
          yield buffer[j]!;
          buffer[j] = last;
        }
      }
    });
  }

  /** Batches of `batchSize` examples, collated like a {@link DataLoader}'s. */
  batch<B = Collated<T>>(batchSize: number, options: StreamBatchOptions<T, B> = {}): StreamingDataset<B> {
    checkBatchSize('StreamingDataset.batch', batchSize);
    const upstream = this;
    const collate = options.collate ?? ((examples: T[]) => defaultCollate(examples) as unknown as B);
    return new StreamingDataset(async function* () {
      let pending: T[] = [];
      for await (const example of upstream) {
        pending.push(example);
        if (pending.length === batchSize) {
          yield collate(pending);
          pending = [];
        }
      }
      if (pending.length > 0 && options.dropLast !== true) yield collate(pending);
    });
  }

  /** The first `count` examples of each pass. */
  take(count: number): StreamingDataset<T> {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`StreamingDataset.take: count must be a non-negative integer, got ${count}`);
    const upstream = this;
    return new StreamingDataset(async function* () {
      if (count === 0) return;
      let seen = 0;
      for await (const example of upstream) {
        yield example;
        if (++seen >= count) return;
      }
    });
  }
}
