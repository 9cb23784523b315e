// N-gram counting, padding, vocabulary and the hand-computed maximum-likelihood values of the "I am Sam" corpus.
import { describe, expect, it } from 'vitest';
import { GramTable, NgramModel, NgramVocabulary, padSentence } from '../src/index.js';
import { SAM, TOY } from './corpora.js';

describe('padSentence', () => {
  it('adds order - 1 start markers and one end marker', () => {
    expect(padSentence(['a', 'b'], 3)).toEqual(['<s>', '<s>', 'a', 'b', '</s>']);
    expect(padSentence([], 1)).toEqual(['</s>']);
  });
  it('rejects an order below 1', () => {
    expect(() => padSentence(['a'], 0)).toThrow(/padSentence: order must be an integer >= 1, got 0/);
  });
});

describe('GramTable', () => {
  it('gives dense ids, finds what it stored and survives rehashing', () => {
    const table = new GramTable(4);
    const ids: number[] = [];
    for (let i = 0; i < 5000; i++) ids.push(table.insert(i % 97, i));
    expect(ids).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(table.insert(3 % 97, 3)).toBe(3);
    for (let i = 0; i < 5000; i += 7) expect(table.find(i % 97, i)).toBe(i);
    expect(table.find(1, 0)).toBe(-1);
    expect(table.size).toBe(5000);
  });
});

describe('NgramVocabulary', () => {
  it('puts the markers first and maps unknown words to <unk>', () => {
    const v = new NgramVocabulary(['b', 'a', '<unk>']);
    expect(v.words).toEqual(['<s>', '</s>', '<unk>', 'b', 'a']);
    expect(v.id('a')).toBe(4);
    expect(v.id('zzz')).toBe(2);
  });
  it('rejects markers and repeated words', () => {
    expect(() => new NgramVocabulary(['a', '</s>'])).toThrow(/NgramVocabulary: <\/s> is a reserved marker/);
    expect(() => new NgramVocabulary(['a', 'a'])).toThrow(/NgramVocabulary: the word "a" is listed twice/);
  });
});

describe('NgramModel counts', () => {
  const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit(SAM);
  it('counts unigrams, bigrams and padded bigrams', () => {
    expect(lm.count(['I'])).toBe(3);
    expect(lm.count(['</s>'])).toBe(3);
    expect(lm.count(['<s>'])).toBe(0); // only ever a context
    expect(lm.count(['<s>', 'I'])).toBe(2);
    expect(lm.count(['I', 'am'])).toBe(2);
    expect(lm.count(['am', 'I'])).toBe(0);
  });
  it('has the vocabulary of the corpus plus </s> and <unk>', () => {
    expect(lm.vocabulary).toEqual(['</s>', '<unk>', 'I', 'am', 'Sam', 'do', 'not', 'like', 'green', 'eggs', 'and', 'ham']);
  });
  it('gives the textbook bigram estimates', () => {
    expect(lm.prob('I', ['<s>'])).toBeCloseTo(2 / 3, 15);
    expect(lm.prob('Sam', ['<s>'])).toBeCloseTo(1 / 3, 15);
    expect(lm.prob('</s>', ['Sam'])).toBeCloseTo(1 / 2, 15);
    expect(lm.prob('Sam', ['am'])).toBeCloseTo(1 / 2, 15);
    expect(lm.prob('am', ['I'])).toBeCloseTo(2 / 3, 15);
    expect(lm.prob('do', ['I'])).toBeCloseTo(1 / 3, 15);
    expect(lm.prob('ham', ['I'])).toBe(0);
    expect(lm.logProb('ham', ['I'])).toBe(-Infinity);
  });
  it('uses only the last order - 1 context tokens', () => {
    expect(lm.prob('am', ['Sam', 'do', 'I'])).toBe(lm.prob('am', ['I']));
  });
  it('maps out-of-vocabulary words to <unk> under minFreq', () => {
    const m = new NgramModel({ order: 2, smoothing: 'mle', minFreq: 2 }).fit(SAM);
    expect(m.vocabulary).toEqual(['</s>', '<unk>', 'I', 'am', 'Sam']);
    expect(m.count(['<unk>'])).toBe(7); // do not like green eggs and ham
    expect(m.count(['I', '<unk>'])).toBe(1);
    expect(m.prob('eggs', ['green'])).toBe(m.prob('<unk>', ['<unk>']));
    expect(m.prob('<unk>', ['<unk>'])).toBeCloseTo(6 / 7, 15);
  });
  it('maps words outside a given vocabulary to <unk>', () => {
    const m = new NgramModel({ order: 1, smoothing: 'mle', vocabulary: ['I', 'am', 'zebra'] }).fit(SAM);
    expect(m.vocabulary).toEqual(['</s>', '<unk>', 'I', 'am', 'zebra']);
    expect(m.prob('zebra')).toBe(0);
    expect(m.prob('<unk>')).toBeCloseTo(9 / 17, 15); // Sam twice and the seven words of the last sentence
  });
  it('reads a one-shot generator of sentences', () => {
    function* once(): Generator<string[]> {
      yield* TOY;
    }
    const a = new NgramModel({ order: 3, smoothing: 'kneser-ney' }).fit(once());
    const b = new NgramModel({ order: 3, smoothing: 'kneser-ney' }).fit(TOY);
    expect(a.prob('sat', ['the', 'cat'])).toBe(b.prob('sat', ['the', 'cat']));
  });
  it('keys n-grams of a large vocabulary at a high order (V^n far beyond 2^53) exactly', () => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const corpus = Array.from({ length: 2000 }, () => Array.from({ length: 30 }, () => `w${next() % 200000}`));
    corpus.push(['w1', 'w2', 'w3', 'w4', 'w5', 'w6'], ['w1', 'w2', 'w3', 'w4', 'w5', 'w7']);
    const m = new NgramModel({ order: 6, smoothing: 'mle' }).fit(corpus);
    expect(m.vocabulary.length).toBeGreaterThan(50000);
    expect(m.count(['w1', 'w2', 'w3', 'w4', 'w5'])).toBe(2);
    expect(m.prob('w6', ['w1', 'w2', 'w3', 'w4', 'w5'])).toBe(0.5);
    expect(m.prob('w7', ['<s>', 'w1', 'w2', 'w3', 'w4', 'w5'])).toBe(0.5); // the first context token is beyond the order
    // Against a naive string-keyed count of the 3-grams.
    const naive = new Map<string, number>();
    for (const s of corpus) for (let i = 2; i < s.length; i++) naive.set(s.slice(i - 2, i + 1).join(' '), (naive.get(s.slice(i - 2, i + 1).join(' ')) ?? 0) + 1);
    for (const s of corpus.slice(0, 50)) for (let i = 2; i < s.length; i++) expect(m.count(s.slice(i - 2, i + 1))).toBe(naive.get(s.slice(i - 2, i + 1).join(' ')));
  });
  it('counts every predicted token once per order', () => {
    const m = new NgramModel({ order: 4, smoothing: 'mle' }).fit(TOY);
    const tokens = TOY.reduce((n, s) => n + s.length + 1, 0);
    expect(m.counts.tokens).toBe(tokens);
    for (let k = 1; k <= 4; k++) {
      const c = m.counts.counts[k]!.subarray(0, m.counts.tables[k]!.size);
      expect(c.reduce((a, b) => a + b, 0)).toBe(tokens);
    }
  });
});
