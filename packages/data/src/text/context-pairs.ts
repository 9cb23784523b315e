// (context, target) pairs of id sequences for fixed-window neural language models (Bengio et al. 2003).
import { checkInteger } from './checks.js';

/** Pairs from {@link contextTargetPairs}: N rows of k context ids and N targets, row-major. */
export interface ContextTargetPairs {
  /** Shape (count, contextSize), row-major: `contexts[i * contextSize + j]`. */
  contexts: Int32Array;
  /** Shape (count). */
  targets: Int32Array;
  /** N, the number of pairs. */
  count: number;
  /** k, the context length. */
  contextSize: number;
}

/** Options of {@link contextTargetPairs}. */
export interface ContextTargetOptions {
  /** Appended to every sentence as its last target (pass the `</s>` id when the sentences do not end with it). */
  endId?: number;
}

/**
 * Slides a window over each sentence of ids: sentence `[w1, w2, w3]` with k = 2 and start id s gives contexts
 * `[s, s]`, `[s, w1]`, `[w1, w2]` and targets `w1`, `w2`, `w3`. Each sentence is padded on the left with k
 * `startId`s, so no context crosses a sentence boundary, and every id of the sentence (its end marker included)
 * is a target once. Wrap the result as `tensor(p.contexts, { shape: [p.count, p.contextSize] })` and `tensor(p.targets)`.
 */
export function contextTargetPairs(
  sentences: Iterable<ArrayLike<number>>,
  contextSize: number,
  startId: number,
  options: ContextTargetOptions = {},
): ContextTargetPairs {
  const fn = 'contextTargetPairs';
  checkInteger(fn, 'contextSize', contextSize, 1);
  checkInteger(fn, 'startId', startId, 0);
  if (options.endId !== undefined) checkInteger(fn, 'endId', options.endId, 0);
  if (sentences === null || typeof (sentences as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${fn}: sentences must be an iterable of id arrays, got ${sentences === null ? 'null' : typeof sentences}`);
  }
  const list: ArrayLike<number>[] = [];
  let count = 0;
  let index = 0;
  for (const ids of sentences) {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
      throw new TypeError(`${fn}: sentence ${index} must be an array of ids, got ${ids === null ? 'null' : typeof ids}`);
    }
    for (let i = 0; i < ids.length; i++) {
      if (!Number.isInteger(ids[i]) || ids[i]! < 0) throw new RangeError(`${fn}: sentence ${index}[${i}] = ${ids[i]} is not a non-negative integer id`);
    }
    list.push(ids);
    count += ids.length + (options.endId === undefined ? 0 : 1);
    index++;
  }
  const contexts = new Int32Array(count * contextSize);
  const targets = new Int32Array(count);
  const window = new Int32Array(contextSize);
  let row = 0;
  for (const ids of list) {
    window.fill(startId);
    const n = ids.length + (options.endId === undefined ? 0 : 1);
    for (let i = 0; i < n; i++) {
      const target = i < ids.length ? ids[i]! : options.endId!;
      contexts.set(window, row * contextSize);
      targets[row++] = target;
      window.copyWithin(0, 1);
      window[contextSize - 1] = target;
    }
  }
  return { contexts, targets, count, contextSize };
}
