// Bad input to NgramModel: every message names the function and the offending value.
import { describe, expect, it } from 'vitest';
import { NgramModel, type NgramOptions, type Smoothing } from '../src/index.js';
import { SAM } from './corpora.js';

describe('NgramModel errors', () => {
  const options: [string, NgramOptions, RegExp][] = [
    ['order 0', { order: 0 }, /NgramModel: order must be an integer >= 1, got 0/],
    ['a fractional order', { order: 2.5 }, /NgramModel: order must be an integer >= 1, got 2.5/],
    ['an unknown smoothing', { order: 2, smoothing: 'good-turing' as Smoothing }, /NgramModel: unknown smoothing "good-turing"; expected one of mle, laplace, lidstone, kneser-ney, modified-kneser-ney, witten-bell, stupid-backoff/],
    ['lidstone without alpha', { order: 2, smoothing: 'lidstone' }, /NgramModel: lidstone needs alpha in \(0, 1\], got undefined/],
    ['alpha 0', { order: 2, smoothing: 'lidstone', alpha: 0 }, /lidstone needs alpha in \(0, 1\], got 0/],
    ['alpha above 1', { order: 2, smoothing: 'lidstone', alpha: 1.5 }, /lidstone needs alpha in \(0, 1\], got 1.5/],
    ['alpha with laplace', { order: 2, smoothing: 'laplace', alpha: 0.5 }, /NgramModel: option alpha applies to smoothing 'lidstone', not 'laplace'/],
    ['a discount above 1', { order: 2, smoothing: 'kneser-ney', discount: 1.2 }, /NgramModel: discount must be in \(0, 1\], got 1.2/],
    ['a discount for modified KN', { order: 2, discount: 0.5 }, /option discount applies to smoothing 'kneser-ney', not 'modified-kneser-ney'/],
    ['D2 above 2', { order: 2, discounts: [0.5, 2.5, 2] }, /NgramModel: discounts must be \[D1, D2, D3\+\] with Dr in \[0, r\], got \[0.5, 2.5, 2\]/],
    ['backoff 0', { order: 2, smoothing: 'stupid-backoff', backoff: 0 }, /NgramModel: backoff must be in \(0, 1\], got 0/],
  ];
  it.each(options)('rejects %s', (_, o, message) => {
    expect(() => new NgramModel(o)).toThrow(message);
  });

  const corpora: [string, unknown, NgramOptions, RegExp][] = [
    ['an empty corpus', [], { order: 2 }, /NgramModel.fit: the corpus is empty \(no sentences\)/],
    ['a padded sentence', [['a'], ['<s>', 'b']], { order: 2 }, /NgramModel.fit: sentence 1 contains the reserved marker <s>; pass sentences without padding/],
    ['an end marker', [['a', '</s>']], { order: 2 }, /sentence 0 contains the reserved marker <\/s>/],
    ['an untokenised sentence', ['a b c'], { order: 2 }, /NgramModel.fit: sentence 0 is not an array of tokens/],
    ['a number token', [['a', 3]], { order: 2 }, /NgramModel.fit: sentence 0 holds a number, expected string tokens/],
    ['minFreq 0', [['a']], { order: 2, minFreq: 0 }, /NgramModel.fit: minFreq must be an integer >= 1, got 0/],
    ['minFreq with a vocabulary', [['a']], { order: 2, minFreq: 2, vocabulary: ['a'] }, /NgramModel.fit: give either vocabulary or minFreq, not both/],
    ['a vocabulary with a marker', [['a']], { order: 2, vocabulary: ['a', '<s>'] }, /NgramVocabulary: <s> is a reserved marker and cannot be a word/],
  ];
  it.each(corpora)('rejects %s', (_, sentences, o, message) => {
    expect(() => new NgramModel(o).fit(sentences as string[][])).toThrow(message);
  });

  it('refuses to score, count or generate before training', () => {
    const lm = new NgramModel({ order: 2 });
    expect(() => lm.prob('a', [])).toThrow(/NgramModel.prob: the model is not trained; call fit\(sentences\) first/);
    expect(() => lm.logProb('a')).toThrow(/NgramModel.prob: the model is not trained/);
    expect(() => lm.distribution([])).toThrow(/NgramModel.distribution: the model is not trained/);
    expect(() => lm.count(['a'])).toThrow(/NgramModel.count: the model is not trained/);
    expect(() => lm.vocabulary).toThrow(/NgramModel.vocabulary: the model is not trained/);
  });
  it('rejects predicting <s>, n-grams longer than the order and a string context', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'kneser-ney' }).fit(SAM);
    expect(() => lm.prob('<s>', ['I'])).toThrow(/NgramModel.prob: <s> is never predicted; it only starts a context/);
    expect(() => lm.count(['I', 'am', 'Sam'])).toThrow(/NgramModel.count: an n-gram of this model has 1 to 2 tokens, got 3/);
    expect(() => lm.prob('am', 'I' as unknown as string[])).toThrow(/NgramModel.prob: context must be an array of tokens/);
  });
  it('replaces its counts when fitted again', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit(SAM).fit([['x', 'y']]);
    expect(lm.vocabulary).toEqual(['</s>', '<unk>', 'x', 'y']);
    expect(lm.prob('y', ['x'])).toBe(1);
  });
});
