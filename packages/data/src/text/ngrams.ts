// n-grams of token sequences: fixed order, every order 1..n (NLTK's everygrams order), and over padded sentences.
import { checkInteger } from './checks.js';
import { padSequence, type PadOptions } from './sentences.js';

/** The contiguous windows of `n` items (`ngrams(['a', 'b', 'c'], 2)` is `[['a', 'b'], ['b', 'c']]`); none when shorter than n. */
export function ngrams<T>(tokens: readonly T[], n: number): T[][] {
  checkSequence('ngrams', tokens);
  checkInteger('ngrams', 'n', n, 1);
  const out: T[][] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n));
  return out;
}

/**
 * Every n-gram of order minLen..maxLen, in NLTK's order: by start position, then by length
 * (`everygrams(['a', 'b'], 2)` is `[['a'], ['a', 'b'], ['b']]`).
 */
export function everygrams<T>(tokens: readonly T[], maxLen: number, minLen = 1): T[][] {
  checkSequence('everygrams', tokens);
  checkInteger('everygrams', 'minLen', minLen, 1);
  checkInteger('everygrams', 'maxLen', maxLen, minLen);
  const out: T[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let len = minLen; len <= maxLen && i + len <= tokens.length; len++) out.push(tokens.slice(i, i + len));
  }
  return out;
}

/**
 * Every n-gram of order 1..n over the sentence padded by {@link padSequence}; with `endPadding: 'full'` this is
 * NLTK's `padded_everygrams(n, tokens)` exactly.
 */
export function paddedEverygrams(tokens: readonly string[], n: number, options: PadOptions = {}): string[][] {
  checkInteger('paddedEverygrams', 'n', n, 1);
  return everygrams(padSequence(tokens, n, options), n);
}

function checkSequence(fn: string, tokens: unknown): void {
  if (!Array.isArray(tokens)) throw new TypeError(`${fn}: tokens must be an array, got ${tokens === null ? 'null' : typeof tokens}`);
}
