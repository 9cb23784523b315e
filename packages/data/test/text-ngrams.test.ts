// n-grams, everygrams (NLTK order and counts), padded everygrams and (context, target) pairs for neural LMs.
import { tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { contextTargetPairs } from '../src/text/context-pairs.js';
import { everygrams, ngrams, paddedEverygrams } from '../src/text/ngrams.js';

describe('ngrams', () => {
  it('slides a window of n tokens', () => {
    expect(ngrams(['a', 'b', 'c', 'd'], 2)).toEqual([['a', 'b'], ['b', 'c'], ['c', 'd']]);
    expect(ngrams(['a', 'b', 'c'], 3)).toEqual([['a', 'b', 'c']]);
    expect(ngrams(['a', 'b'], 3)).toEqual([]);
    expect(ngrams([1, 2, 3], 1)).toEqual([[1], [2], [3]]);
  });

  it('rejects n < 1, non-integer n and non-arrays', () => {
    expect(() => ngrams(['a'], 0)).toThrow('ngrams: n must be >= 1, got 0');
    expect(() => ngrams(['a'], 1.5)).toThrow('ngrams: n must be an integer, got 1.5');
    expect(() => ngrams(['a'], '2' as never)).toThrow('ngrams: n must be an integer, got "2"');
    expect(() => ngrams('abc' as never, 2)).toThrow('ngrams: tokens must be an array, got string');
  });
});

describe('everygrams', () => {
  it('lists every order by start position, then length, as NLTK does', () => {
    expect(everygrams(['a', 'b', 'c'], 2)).toEqual([['a'], ['a', 'b'], ['b'], ['b', 'c'], ['c']]);
    expect(everygrams(['a', 'b', 'c'], 3, 2)).toEqual([['a', 'b'], ['a', 'b', 'c'], ['b', 'c']]);
  });

  it('has sum over k of (L - k + 1) grams for a sequence of length L', () => {
    const tokens = Array.from({ length: 11 }, (_, i) => `t${i}`);
    for (const n of [1, 2, 3, 5]) {
      let expected = 0;
      for (let k = 1; k <= n; k++) expected += tokens.length - k + 1;
      expect(everygrams(tokens, n)).toHaveLength(expected);
    }
  });

  it('rejects maxLen below minLen', () => {
    expect(() => everygrams(['a'], 1, 2)).toThrow('everygrams: maxLen must be >= 2, got 1');
    expect(() => everygrams(['a'], 2, 0)).toThrow('everygrams: minLen must be >= 1, got 0');
  });
});

describe('paddedEverygrams', () => {
  it("matches NLTK's padded_everygrams(2, ['a', 'b', 'c']) with full end padding", () => {
    expect(paddedEverygrams(['a', 'b', 'c'], 2, { endPadding: 'full' })).toEqual([
      ['<s>'], ['<s>', 'a'], ['a'], ['a', 'b'], ['b'], ['b', 'c'], ['c'], ['c', '</s>'], ['</s>'],
    ]);
  });

  it('pads with n - 1 starts and one end by default', () => {
    const grams = paddedEverygrams(['a'], 3);
    // padded: <s> <s> a </s>, length 4: 4 unigrams + 3 bigrams + 2 trigrams
    expect(grams).toHaveLength(9);
    expect(grams.filter((g) => g.length === 3)).toEqual([['<s>', '<s>', 'a'], ['<s>', 'a', '</s>']]);
    expect(grams.filter((g) => g.join(' ') === '</s>')).toHaveLength(1);
  });

  it('rejects n < 1', () => {
    expect(() => paddedEverygrams(['a'], 0)).toThrow('paddedEverygrams: n must be >= 1, got 0');
  });
});

describe('contextTargetPairs', () => {
  const S = 1, E = 2; // start and end ids

  it('pads each sentence with k start ids and makes every id, the end included, a target once', () => {
    const p = contextTargetPairs([[5, 6, E], [7, E]], 2, S);
    expect(p.count).toBe(5);
    expect(p.contextSize).toBe(2);
    expect(Array.from(p.contexts)).toEqual([S, S, S, 5, 5, 6, S, S, S, 7]);
    expect(Array.from(p.targets)).toEqual([5, 6, E, 7, E]);
  });

  it('appends endId when the sentences lack the end marker', () => {
    const withEnd = contextTargetPairs([Int32Array.from([5, 6]), [7]], 3, S, { endId: E });
    const explicit = contextTargetPairs([[5, 6, E], [7, E]], 3, S);
    expect(Array.from(withEnd.contexts)).toEqual(Array.from(explicit.contexts));
    expect(Array.from(withEnd.targets)).toEqual(Array.from(explicit.targets));
    expect(Array.from(withEnd.contexts.subarray(6, 9))).toEqual([S, 5, 6]);
  });

  it('gives one pair for an empty sentence with an end id and none without', () => {
    expect(contextTargetPairs([[]], 2, S, { endId: E }).count).toBe(1);
    expect(contextTargetPairs([[]], 2, S).count).toBe(0);
  });

  it('wraps into int32 tensors of shape (N, k) and (N)', () => {
    const p = contextTargetPairs([[4, 3, E]], 2, S);
    const x = tensor(p.contexts, { shape: [p.count, p.contextSize] });
    expect([x.dtype, ...x.shape]).toEqual(['int32', 3, 2]);
    expect(x.toArray()).toEqual([[S, S], [S, 4], [4, 3]]);
  });

  it('rejects bad sizes and ids', () => {
    expect(() => contextTargetPairs([[1]], 0, S)).toThrow('contextTargetPairs: contextSize must be >= 1, got 0');
    expect(() => contextTargetPairs([[1]], 2.5, S)).toThrow('contextTargetPairs: contextSize must be an integer, got 2.5');
    expect(() => contextTargetPairs([[1]], 2, -1)).toThrow('contextTargetPairs: startId must be >= 0, got -1');
    expect(() => contextTargetPairs([[1, 2], [3, 1.5]], 2, S)).toThrow('contextTargetPairs: sentence 1[1] = 1.5 is not a non-negative integer id');
    expect(() => contextTargetPairs([5] as never, 2, S)).toThrow('contextTargetPairs: sentence 0 must be an array of ids, got number');
    expect(() => contextTargetPairs(7 as never, 2, S)).toThrow('contextTargetPairs: sentences must be an iterable of id arrays, got number');
  });
});
