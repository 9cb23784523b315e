// Dataset splits: random splits by fractions or lengths, and stratified splits that keep class ratios.
import { Generator } from '@nn/core';
import { Subset, type Dataset } from './dataset.js';
import { randomPermutation } from './loader.js';

/** Seed or generator of a split (default seed 0). */
export interface SplitOptions {
  seed?: number;
  /** Used (and advanced) instead of a fresh generator from `seed`. */
  generator?: Generator;
}

/** A class label as stratification sees it. */
export type StratumLabel = string | number | boolean;

const generatorOf = (options: SplitOptions): Generator => options.generator ?? new Generator(options.seed ?? 0);

/** Checks fractions (non-negative, summing to 1) and returns them. */
function checkFractions(fn: string, fractions: readonly number[]): readonly number[] {
  if (fractions.length === 0) throw new RangeError(`${fn}: expected at least one fraction`);
  const bad = fractions.findIndex((f) => !Number.isFinite(f) || f < 0 || f > 1);
  if (bad >= 0) throw new RangeError(`${fn}: fraction ${bad} is ${fractions[bad]}; fractions must lie in [0, 1]`);
  const total = fractions.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6) throw new RangeError(`${fn}: fractions [${fractions.join(', ')}] sum to ${Number(total.toPrecision(12))}, not 1`);
  return fractions;
}

/** Split sizes for n examples: exact lengths when given integers summing to n, else floor(f * n) plus the remainder round-robin. */
export function splitLengths(fn: string, n: number, fractionsOrLengths: readonly number[]): number[] {
  const isLengths = fractionsOrLengths.every((v) => Number.isInteger(v)) && fractionsOrLengths.reduce((a, b) => a + b, 0) === n;
  if (isLengths) {
    const bad = fractionsOrLengths.findIndex((v) => v < 0);
    if (bad >= 0) throw new RangeError(`${fn}: length ${bad} is negative (${fractionsOrLengths[bad]})`);
    return [...fractionsOrLengths];
  }
  if (fractionsOrLengths.every((v) => Number.isInteger(v)) && fractionsOrLengths.some((v) => v > 1)) {
    const total = fractionsOrLengths.reduce((a, b) => a + b, 0);
    throw new RangeError(`${fn}: lengths [${fractionsOrLengths.join(', ')}] sum to ${total} but the dataset has ${n} examples`);
  }
  const fractions = checkFractions(fn, fractionsOrLengths);
  const lengths = fractions.map((f) => Math.floor(f * n));
  let left = n - lengths.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0; k = (k + 1) % lengths.length) {
    if (fractions[k]! > 0) { lengths[k]! += 1; left--; }
  }
  return lengths;
}

/**
 * Splits a dataset into disjoint random Subsets covering it: by lengths summing to its size, or by
 * fractions summing to 1 (e.g. [0.8, 0.1, 0.1]). The same seed gives the same split.
 */
export function randomSplit<T>(dataset: Dataset<T>, fractionsOrLengths: readonly number[], options: SplitOptions = {}): Subset<T>[] {
  const n = dataset.length;
  if (n === 0) throw new RangeError('randomSplit: the dataset is empty');
  const lengths = splitLengths('randomSplit', n, fractionsOrLengths);
  const order = randomPermutation(n, generatorOf(options));
  let start = 0;
  return lengths.map((len) => new Subset(dataset, order.slice(start, (start += len))));
}

/**
 * How many of each class go to each split: floor(f * count) per class, then each class's remainder goes one
 * example per split to the splits furthest below their overall target, so every class is within one example
 * of its ratio and split sizes stay near f * n.
 */
function apportion(classCounts: readonly number[], fractions: readonly number[]): number[][] {
  const n = classCounts.reduce((a, b) => a + b, 0);
  const table = classCounts.map((c) => fractions.map((f) => Math.floor(f * c)));
  const deficit = fractions.map((f, s) => f * n - table.reduce((a, row) => a + row[s]!, 0));
  classCounts.forEach((c, k) => {
    const row = table[k]!;
    const left = c - row.reduce((a, b) => a + b, 0);
    const ranked = fractions.map((_, s) => s).filter((s) => fractions[s]! > 0)
      .sort((a, b) => deficit[b]! - deficit[a]! || (fractions[b]! * c) % 1 - (fractions[a]! * c) % 1 || a - b);
    for (const s of ranked.slice(0, left)) { row[s]! += 1; deficit[s]! -= 1; }
  });
  return table;
}

/**
 * Index lists of a stratified split: every class is divided in the given fractions (within one example),
 * shuffled by the seed; each list is in ascending index order.
 */
export function stratifiedSplit(labels: readonly StratumLabel[], fractions: readonly number[], options?: SplitOptions): number[][];
/** Subsets of a stratified split of `dataset`, classes read by `labelOf`. */
export function stratifiedSplit<T>(dataset: Dataset<T>, labelOf: (example: T, index: number) => StratumLabel, fractions: readonly number[], options?: SplitOptions): Subset<T>[];
export function stratifiedSplit<T>(
  source: readonly StratumLabel[] | Dataset<T>,
  second: readonly number[] | ((example: T, index: number) => StratumLabel),
  third?: readonly number[] | SplitOptions,
  fourth?: SplitOptions,
): number[][] | Subset<T>[] {
  if (Array.isArray(source)) return stratifiedIndices(source as readonly StratumLabel[], second as readonly number[], (third ?? {}) as SplitOptions);
  const dataset = source as Dataset<T>;
  if (typeof second !== 'function') throw new TypeError('stratifiedSplit: with a dataset, the second argument must be a function returning the label of an example');
  const labels = Array.from({ length: dataset.length }, (_, i) => second(dataset.get(i), i));
  return stratifiedIndices(labels, third as readonly number[], fourth ?? {}).map((indices) => new Subset(dataset, indices));
}

function stratifiedIndices(labels: readonly StratumLabel[], fractions: readonly number[], options: SplitOptions): number[][] {
  if (labels.length === 0) throw new RangeError('stratifiedSplit: no examples to split');
  checkFractions('stratifiedSplit', fractions);
  const byClass = new Map<StratumLabel, number[]>();
  labels.forEach((label, i) => {
    if (label === undefined || label === null || (typeof label === 'number' && Number.isNaN(label))) {
      throw new TypeError(`stratifiedSplit: the label of example ${i} is ${String(label)}`);
    }
    let members = byClass.get(label);
    if (members === undefined) byClass.set(label, (members = []));
    members.push(i);
  });
  const classes = [...byClass.values()];
  const table = apportion(classes.map((m) => m.length), fractions);
  const generator = generatorOf(options);
  const splits: number[][] = fractions.map(() => []);
  classes.forEach((members, k) => {
    const order = randomPermutation(members.length, generator);
    let start = 0;
    table[k]!.forEach((count, s) => {
      for (let j = start; j < start + count; j++) splits[s]!.push(members[order[j]!]!);
      start += count;
    });
  });
  return splits.map((s) => s.sort((a, b) => a - b));
}
