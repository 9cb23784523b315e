// Small synthetic problems and in-memory streams shared by the tests of @nn/train.
import { Generator, nn, randn, tensor, type Tensor } from '@nn/core';
import type { Batch, ProgressStream } from '../src/index.js';

/** A stream that keeps what was written. */
export class MemoryStream implements ProgressStream {
  text = '';
  constructor(readonly isTTY = false, readonly columns = 100) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Splits x [N, ...] and y [N, ...] into batches of `size` rows, in order. */
export function batches(x: Tensor, y: Tensor, size: number): Batch[] {
  const out: Batch[] = [];
  const n = x.shape[0]!;
  for (let i = 0; i < n; i += size) {
    const len = Math.min(size, n - i);
    out.push({ x: x.narrow(0, i, len).contiguous(), y: y.narrow(0, i, len).contiguous() });
  }
  return out;
}

/** y = 2·a - 3·b + 1 + small noise, n rows of 2 features. */
export function linearData(n: number, seed: number): { x: Tensor; y: Tensor } {
  const g = new Generator(seed);
  const x = randn([n, 2], { generator: g });
  const noise = randn([n, 1], { generator: g }).mul(0.01);
  const y = x.narrow(1, 0, 1).mul(2).sub(x.narrow(1, 1, 1).mul(3)).add(1).add(noise);
  return { x, y };
}

/** Two separable Gaussian blobs: label 1 where a + b > 0, with a margin; y float [n]. */
export function separableData(n: number, seed: number): { x: Tensor; y: Tensor } {
  const g = new Generator(seed);
  const xs: number[][] = [], ys: number[] = [];
  while (xs.length < n) {
    const a = g.nextNormal() * 2, b = g.nextNormal() * 2;
    if (Math.abs(a + b) < 0.5) continue;
    xs.push([a, b]);
    ys.push(a + b > 0 ? 1 : 0);
  }
  return { x: tensor(xs), y: tensor(ys) };
}

/** Three classes around three centres, int32 labels. */
export function threeClassData(n: number, seed: number): { x: Tensor; y: Tensor } {
  const g = new Generator(seed);
  const centres = [[2, 0], [-1, 1.7], [-1, -1.7]];
  const xs: number[][] = [], ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    xs.push([centres[c]![0]! + g.nextNormal() * 0.5, centres[c]![1]! + g.nextNormal() * 0.5]);
    ys.push(c);
  }
  return { x: tensor(xs), y: tensor(ys, { dtype: 'int32' }) };
}

/**
 * Batches of a fixed data set in a shuffled order drawn from its own seeded generator at the start of each pass;
 * Stateful, so a checkpoint can replay an epoch's order.
 */
export class ShuffledBatches implements Iterable<Batch> {
  private readonly generator: Generator;
  constructor(private readonly x: Tensor, private readonly y: Tensor, private readonly size: number, seed: number) {
    this.generator = new Generator(seed);
  }
  get length(): number {
    return Math.ceil(this.x.shape[0]! / this.size);
  }
  *[Symbol.iterator](): Iterator<Batch> {
    const n = this.x.shape[0]!;
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.generator.nextInt(0, i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let i = 0; i < n; i += this.size) {
      const idx = tensor(order.slice(i, i + this.size), { dtype: 'int32' });
      yield { x: this.x.indexSelect(0, idx), y: this.y.indexSelect(0, idx) };
    }
  }
  stateDict(): number[] {
    return this.generator.getState();
  }
  loadStateDict(state: unknown): void {
    this.generator.setState(state as number[]);
  }
}

/** A 2-layer MLP with dropout. */
export function mlp(inputs: number, hidden: number, outputs: number, p = 0): nn.Sequential {
  return new nn.Sequential(new nn.Linear(inputs, hidden), new nn.Tanh(), new nn.Dropout(p), new nn.Linear(hidden, outputs));
}
