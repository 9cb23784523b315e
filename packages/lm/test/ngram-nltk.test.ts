// Probabilities of every smoothing NLTK also implements, against NLTK 3.8 (tools/fixtures/lm_nltk.py documents where the definitions differ).
import { loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import { NgramModel, type NgramOptions, type Smoothing } from '../src/index.js';

interface Fixture {
  corpus: string[][];
  lidstoneAlpha: number;
  knDiscount: number;
  cases: { smoothing: Smoothing; order: number; context: string[]; words: string[]; probs: number[] }[];
}

const fixture = loadJsonFixture<Fixture>(new URL('./fixtures/lm-nltk.json', import.meta.url));

function modelFor(smoothing: Smoothing, order: number): NgramModel {
  const options: NgramOptions = { order, smoothing };
  if (smoothing === 'lidstone') options.alpha = fixture.lidstoneAlpha;
  if (smoothing === 'kneser-ney') options.discount = fixture.knDiscount;
  return new NgramModel(options).fit(fixture.corpus);
}

describe('n-gram probabilities against NLTK', () => {
  const groups = new Map<string, Fixture['cases']>();
  for (const c of fixture.cases) groups.set(`${c.smoothing} order ${c.order}`, [...(groups.get(`${c.smoothing} order ${c.order}`) ?? []), c]);
  it('covers every smoothing NLTK shares with this package', () => {
    expect([...new Set(fixture.cases.map((c) => c.smoothing))].sort()).toEqual(['kneser-ney', 'laplace', 'lidstone', 'mle', 'witten-bell']);
  });
  it.each([...groups.keys()])('%s matches in every context', (key) => {
    const cases = groups.get(key)!;
    const lm = modelFor(cases[0]!.smoothing, cases[0]!.order);
    for (const c of cases) {
      const actual = c.words.map((w) => lm.prob(w, c.context));
      for (let i = 0; i < actual.length; i++) {
        expect(actual[i], `P(${c.words[i]} | ${c.context.join(' ')})`).toBeCloseTo(c.probs[i]!, 12);
      }
    }
  });
});
