// Sentence and corpus scoring: the perplexity definition on hand-computed values, and the published character-bigram figure on names.txt.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossEntropy, evaluate, fromNaturalLog, NgramModel, perplexity, scoreSentence } from '../src/index.js';
import { SAM, TOY } from './corpora.js';

describe('scoring', () => {
  const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit(SAM);
  it('scores a sentence as the sum over every word and </s>, not <s>', () => {
    // P(I | <s>) P(am | I) P(Sam | am) P(</s> | Sam) = 2/3 · 2/3 · 1/2 · 1/2 = 1/9
    const s = scoreSentence(lm, ['I', 'am', 'Sam']);
    expect(s.tokens).toBe(4);
    expect(s.logProb).toBeCloseTo(Math.log(1 / 9), 14);
    expect(scoreSentence(lm, ['I', 'am', 'Sam'], 2).logProb).toBeCloseTo(Math.log2(1 / 9), 14);
    expect(scoreSentence(lm, ['I', 'am', 'Sam'], 10).logProb).toBeCloseTo(Math.log10(1 / 9), 14);
  });
  it('defines perplexity as 2^(-(1/N) Σ log2 P) with N the predicted tokens', () => {
    expect(perplexity(lm, [['I', 'am', 'Sam']])).toBeCloseTo(9 ** (1 / 4), 13);
    expect(crossEntropy(lm, [['I', 'am', 'Sam']])).toBeCloseTo(Math.log2(9) / 4, 13);
    const all = evaluate(lm, SAM);
    expect(all.tokens).toBe(17);
    expect(all.sentences).toBe(3);
    let sum = 0;
    for (const s of SAM) sum += scoreSentence(lm, s, 2).logProb;
    expect(all.crossEntropy).toBeCloseTo(-sum / 17, 13);
    expect(all.perplexity).toBeCloseTo(2 ** (-sum / 17), 12);
    expect(all.perplexity).toBeCloseTo(Math.exp(all.nll), 12);
  });
  it('gives infinite perplexity when MLE meets an unseen bigram, finite once smoothed', () => {
    expect(perplexity(lm, [['am', 'I', 'ham']])).toBe(Infinity);
    expect(Number.isFinite(perplexity(new NgramModel({ order: 2, smoothing: 'kneser-ney' }).fit(SAM), [['am', 'I', 'ham']]))).toBe(true);
  });
  it('ranks the smoothed models as expected on held-out text', () => {
    const heldOut = [['the', 'cat', 'sat', 'on', 'the', 'log'], ['a', 'dog', 'saw', 'the', 'cat']];
    const ppl = (smoothing: 'laplace' | 'modified-kneser-ney') => perplexity(new NgramModel({ order: 3, smoothing }).fit(TOY), heldOut);
    expect(ppl('modified-kneser-ney')).toBeLessThan(ppl('laplace'));
  });
  it('converts natural logs to bits and base 10', () => {
    expect(fromNaturalLog(Math.log(8), 2)).toBeCloseTo(3, 14);
    expect(fromNaturalLog(Math.log(1000), 10)).toBeCloseTo(3, 14);
    expect(() => fromNaturalLog(1, 3 as 2)).toThrow(/fromNaturalLog: base must be 'e', 2 or 10, got 3/);
  });
  it('refuses perplexity for unnormalised scores and empty corpora', () => {
    const sb = new NgramModel({ order: 2, smoothing: 'stupid-backoff' }).fit(SAM);
    expect(() => perplexity(sb, SAM)).toThrow(/evaluate: the model scores are not normalised probabilities \(stupid backoff\)/);
    expect(() => evaluate(lm, [])).toThrow(/evaluate: the corpus has no sentences/);
  });
});

const NAMES = new URL('../../../../shared/data/names.txt', import.meta.url);

describe.skipIf(!existsSync(NAMES))('character bigram model on names.txt', () => {
  it('has the published per-character NLL of 2.454 nats on its training data', () => {
    const names = readFileSync(NAMES, 'utf8').split('\n').filter((l) => l.length > 0).map((n) => [...n]);
    expect(names.length).toBe(32033);
    const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit(names);
    expect(lm.vocabulary.length).toBe(28); // 26 letters, </s> and the unused <unk>
    const score = evaluate(lm, names);
    expect(score.tokens).toBe(228146);
    expect(score.nll.toFixed(3)).toBe('2.454');
    expect(score.perplexity).toBeCloseTo(11.63, 2);
  });
});
