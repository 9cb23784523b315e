// Generation from n-gram and ARPA models: the greedy textbook procedure, seeded sampling, stopping rules.
import { Generator } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { ArpaModel, generate, NgramModel, toArpa } from '../src/index.js';
import { SAM, TOY } from './corpora.js';

describe('generate', () => {
  it('greedily appends the most probable word until </s>', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit(SAM);
    // <s> -> I (2/3) -> am (2/3) -> Sam and </s> tie at 1/2; </s> has the lower id -> stop.
    expect(generate(lm, { greedy: true })).toEqual(['I', 'am']);
    expect(generate(lm, { greedy: true, prompt: ['do'] })).toEqual(['not', 'like', 'green', 'eggs', 'and', 'ham']);
  });
  it('stops at maxLength', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit([['a', 'a', 'a', 'a', 'a', 'a']]);
    expect(generate(lm, { greedy: true, maxLength: 4 })).toEqual(['a', 'a', 'a', 'a']);
    expect(generate(lm, { greedy: true, maxLength: 0 })).toEqual([]);
  });
  it('samples reproducibly for a seed, only along seen n-grams for MLE', () => {
    const lm = new NgramModel({ order: 3, smoothing: 'mle' }).fit(TOY);
    const a = Array.from({ length: 5 }, ((g) => () => generate(lm, { generator: g }))(new Generator(42)));
    const b = Array.from({ length: 5 }, ((g) => () => generate(lm, { generator: g }))(new Generator(42)));
    expect(a).toEqual(b);
    for (const words of a) {
      const padded = ['<s>', '<s>', ...words, '</s>'];
      for (let i = 2; i < padded.length; i++) expect(lm.count(padded.slice(i - 2, i + 1))).toBeGreaterThan(0);
    }
  });
  it('a low temperature approaches greedy; excludeUnknown never emits <unk>', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'laplace' }).fit(TOY);
    const g = new Generator(5);
    const lowTemperature = generate(lm, { temperature: 0.01, generator: g, prompt: ['a'], maxLength: 4 });
    expect(lowTemperature).toEqual(generate(lm, { greedy: true, prompt: ['a'], maxLength: 4 }));
    expect(lowTemperature).toEqual(['cat', 'sat', 'on', 'the']);
    for (let i = 0; i < 30; i++) expect(generate(lm, { generator: g, excludeUnknown: true, maxLength: 20 })).not.toContain('<unk>');
  });
  it('works on a model read from ARPA', () => {
    const lm = new NgramModel({ order: 3, smoothing: 'kneser-ney' }).fit(TOY);
    const arpa = ArpaModel.parse(toArpa(lm));
    expect(generate(arpa, { greedy: true })).toEqual(generate(lm, { greedy: true }));
  });
  it('rejects a bad length or a prompt with markers', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit(SAM);
    expect(() => generate(lm, { maxLength: -1 })).toThrow(/generate: maxLength must be an integer >= 0, got -1/);
    expect(() => generate(lm, { prompt: ['<s>', 'I'] })).toThrow(/generate: the prompt must not contain the markers <s> or <\/s>/);
  });
});
