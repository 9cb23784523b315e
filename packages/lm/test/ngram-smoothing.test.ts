// Every normalised smoothing sums to 1 over the vocabulary in every context; hand-computed values of each formula.
import { describe, expect, it } from 'vitest';
import { NgramModel, SMOOTHINGS, type NgramOptions, type Smoothing } from '../src/index.js';
import { SAM, storedContexts, TOY } from './corpora.js';

const OPTIONS: Partial<Record<Smoothing, Partial<NgramOptions>>> = { lidstone: { alpha: 0.1 } };

const UNSEEN = [['zebra'], ['mat', 'the'], ['dog', 'dog', 'dog'], ['<s>', 'mat', 'the']];

describe('normalisation', () => {
  for (const smoothing of SMOOTHINGS.filter((s) => s !== 'stupid-backoff')) {
    it.each([1, 2, 3, 4])(`${smoothing}, order %i: P(. | h) sums to 1 over the vocabulary for every context`, (order) => {
      const lm = new NgramModel({ order, smoothing, ...OPTIONS[smoothing] }).fit(TOY);
      const seen = storedContexts(lm, order - 1).filter((h) => h.at(-1) !== '</s>');
      expect(seen.length).toBeGreaterThan(order === 1 ? 0 : 9);
      const contexts = smoothing === 'mle' ? seen : [...seen, ...UNSEEN.map((h) => h.slice(-(order - 1) || h.length))];
      for (const h of contexts) {
        const p = lm.distribution(order === 1 ? [] : h);
        expect(p.length).toBe(lm.vocabulary.length);
        expect(p.reduce((a, b) => a + b, 0), `context ${h.join(' ')}`).toBeCloseTo(1, 12);
        if (smoothing !== 'mle') expect(Math.min(...p), `context ${h.join(' ')}`).toBeGreaterThan(0);
      }
    });
  }
  it('stupid backoff is flagged as unnormalised and its scores can exceed 1 in total', () => {
    const lm = new NgramModel({ order: 3, smoothing: 'stupid-backoff' }).fit(TOY);
    expect(lm.normalized).toBe(false);
    expect(lm.distribution(['the', 'cat']).reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
  });
});

// "I am Sam": V = 12 (10 words, </s>, <unk>); N = 17 tokens of 11 types; c(I) = 3, c(I am) = 2, c(I do) = 1;
// 15 bigram types, two of them seen twice (<s> I, I am).
describe('hand-computed probabilities on the "I am Sam" corpus', () => {
  it('Laplace and Lidstone: (c(h w) + α) / (c(h) + α V)', () => {
    const laplace = new NgramModel({ order: 2, smoothing: 'laplace' }).fit(SAM);
    expect(laplace.prob('am', ['I'])).toBeCloseTo(3 / 15, 15);
    expect(laplace.prob('ham', ['I'])).toBeCloseTo(1 / 15, 15);
    expect(laplace.prob('ham', ['zebra'])).toBeCloseTo(1 / 12, 15); // unseen history: uniform
    const lidstone = new NgramModel({ order: 2, smoothing: 'lidstone', alpha: 0.5 }).fit(SAM);
    expect(lidstone.prob('am', ['I'])).toBeCloseTo(2.5 / 9, 15);
  });
  it('Witten-Bell: (c(h w) + T(h) P(w)) / (c(h) + T(h)), ending at the uniform distribution', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'witten-bell' }).fit(SAM);
    const unigram = (c: number): number => (c + 11 / 12) / (17 + 11);
    expect(lm.prob('am')).toBeCloseTo(unigram(2), 15);
    expect(lm.prob('<unk>')).toBeCloseTo(unigram(0), 15);
    expect(lm.prob('am', ['I'])).toBeCloseTo((2 + 2 * unigram(2)) / (3 + 2), 15);
    expect(lm.prob('ham', ['I'])).toBeCloseTo((2 * unigram(1)) / 5, 15);
  });
  it('Kneser-Ney: discounted counts plus the weighted continuation distribution', () => {
    const d = 0.75;
    const lm = new NgramModel({ order: 2, smoothing: 'kneser-ney', discount: d }).fit(SAM);
    // Continuation counts N1+(. w): I 2 (<s>, Sam), am 1 (I), <unk> 0; they sum to the 15 bigram types, and 11 words have one.
    expect(lm.counts.tables[2]!.size).toBe(15);
    const unigram = (a: number): number => (Math.max(a - d, 0) + (d * 11) / 12) / 15;
    expect(lm.prob('I')).toBeCloseTo(unigram(2), 15);
    expect(lm.prob('am')).toBeCloseTo(unigram(1), 15);
    expect(lm.prob('<unk>')).toBeCloseTo(unigram(0), 15);
    expect(lm.prob('am', ['I'])).toBeCloseTo((2 - d + d * 2 * unigram(1)) / 3, 15);
    expect(lm.prob('Sam', ['zebra'])).toBeCloseTo(unigram(2), 15); // unseen history: the unigram level
  });
  it('stupid backoff: relative frequency if seen, else 0.4 times the shorter history\'s score', () => {
    const lm = new NgramModel({ order: 3, smoothing: 'stupid-backoff' }).fit(SAM);
    expect(lm.prob('Sam', ['I', 'am'])).toBeCloseTo(1 / 2, 15);
    expect(lm.prob('do', ['am', 'I'])).toBeCloseTo(0.4 * (1 / 3), 15);
    expect(lm.prob('ham', ['am', 'I'])).toBeCloseTo(0.4 * 0.4 * (1 / 17), 15);
    expect(lm.prob('<unk>', ['am', 'I'])).toBe(0);
    const lm2 = new NgramModel({ order: 2, smoothing: 'stupid-backoff', backoff: 0.5 }).fit(SAM);
    expect(lm2.prob('ham', ['I'])).toBeCloseTo(0.5 / 17, 15);
  });
});

describe('Kneser-Ney discounts', () => {
  it('estimates D = n1 / (n1 + 2 n2) per order from the adjusted counts', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'kneser-ney' }).fit(SAM);
    // Bigrams (raw counts): <s> I 2, I am 2, the other 13 once: n1 = 13, n2 = 2.
    // Unigram continuation counts: </s> 3 (Sam, am, ham), I 2 (<s>, Sam), Sam 2 (<s>, am), the other 8 once: n1 = 8, n2 = 2.
    expect(lm.discounts[1]![0]).toBeCloseTo(13 / 17, 15);
    expect(lm.discounts[0]![0]).toBeCloseTo(8 / 12, 15);
  });
  it('estimates D1, D2, D3+ per order as Chen & Goodman (and KenLM), falling back to 0.5, 1, 1.5', () => {
    const corpus = Array.from({ length: 40 }, (_, i) => ['w' + (i % 7), 'w' + (i % 3), 'w' + ((i * i) % 11)]);
    const lm = new NgramModel({ order: 2, smoothing: 'modified-kneser-ney' }).fit(corpus);
    const raw = lm.counts.counts[2]!.subarray(0, lm.counts.tables[2]!.size);
    const n = [0, 1, 2, 3, 4].map((r) => raw.filter((c) => c === r).length);
    const y = n[1]! / (n[1]! + 2 * n[2]!);
    expect(n.slice(1).every((v) => v > 0)).toBe(true);
    expect(lm.discounts[1]).toEqual([1, 2, 3].map((r) => r - ((r + 1) * y * n[r + 1]!) / n[r]!).map((v) => expect.closeTo(v, 14)));
    const tiny = new NgramModel({ order: 2, smoothing: 'modified-kneser-ney' }).fit(SAM);
    expect(tiny.discounts[1]).toEqual([0.5, 1, 1.5]); // no bigram seen 3 or 4 times
  });
  it('modified Kneser-Ney with D1 = D2 = D3+ is plain Kneser-Ney', () => {
    const a = new NgramModel({ order: 3, smoothing: 'modified-kneser-ney', discounts: [0.6, 0.6, 0.6] }).fit(TOY);
    const b = new NgramModel({ order: 3, smoothing: 'kneser-ney', discount: 0.6 }).fit(TOY);
    for (const [w, h] of [['sat', ['the', 'cat']], ['mat', ['on', 'a']], ['</s>', ['a', 'dog']]] as const) {
      expect(a.prob(w, h)).toBeCloseTo(b.prob(w, h), 15);
    }
  });
});
