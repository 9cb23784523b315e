// Small corpora and model helpers shared by the tests.
import type { NgramModel } from '../src/index.js';

/** The classic three-sentence corpus of Jurafsky & Martin, chapter 3. */
export const SAM: string[][] = [
  ['I', 'am', 'Sam'],
  ['Sam', 'I', 'am'],
  ['I', 'do', 'not', 'like', 'green', 'eggs', 'and', 'ham'],
];

/** A small corpus with repeated n-grams of every count from 1 to 4 and more. */
export const TOY: string[][] = [
  'the cat sat on the mat'.split(' '),
  'the dog sat on the log'.split(' '),
  'the cat saw the dog'.split(' '),
  'a cat sat on a mat'.split(' '),
  'the dog saw a cat on the mat'.split(' '),
  'the cat sat'.split(' '),
  [],
  'a dog'.split(' '),
];

/** Every context the model stored (as tokens), for predictions at order k = context length + 1. */
export function storedContexts(lm: NgramModel, length: number): string[][] {
  const { tables, vocabulary } = lm.counts;
  let names: string[][] = [[]];
  for (let k = 1; k <= length; k++) {
    const t = tables[k]!;
    names = Array.from({ length: t.size }, (_, g) => [...names[t.prefix[g]!]!, vocabulary.words[t.word[g]!]!]);
  }
  return names;
}
