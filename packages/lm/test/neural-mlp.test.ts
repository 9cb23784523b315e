// The Bengio MLP language model: vocabulary and classes, forward shapes, initialisation, scoring and generation.
import { Generator, nn, tensor } from '@nn/core';
import { SENTENCE_END, SENTENCE_START, Vocabulary } from '@nn/data';
import { describe, expect, it } from 'vitest';
import {
  BOS, EOS, evaluate, evaluateLanguageModel, generate, languageModelVocabulary, MLPLanguageModel, perplexity, trainLanguageModel,
  type MLPLanguageModelConfig,
} from '../src/index.js';

const words = (lines: string[]): string[][] => lines.map((l) => l.split(' '));
const corpus = words(['the cat sat', 'the dog sat', 'a cat ran', 'the cat ran', 'a dog sat down']);
const chars = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia', 'harper', 'evelyn', 'abigail'].map((n) => [...n]);

const small = (extra: Partial<MLPLanguageModelConfig> = {}): MLPLanguageModel =>
  new MLPLanguageModel({ vocabulary: languageModelVocabulary(corpus), contextSize: 2, embeddingDim: 4, hiddenSize: 8, seed: 3, ...extra });

describe('languageModelVocabulary and the output classes', () => {
  it('uses the sentence markers of @nn/data', () => {
    expect(BOS).toBe(SENTENCE_START);
    expect(EOS).toBe(SENTENCE_END);
  });

  it('puts <unk>, <s>, </s> first and predicts every token but <s>', () => {
    const vocab = languageModelVocabulary(corpus);
    expect(vocab.tokens.slice(0, 5)).toEqual(['<unk>', '<s>', '</s>', 'the', 'cat']);
    const model = small();
    expect(model.vocabulary).toEqual(vocab.tokens.filter((t) => t !== '<s>'));
    expect(model.order).toBe(3);
    const noUnk = languageModelVocabulary(chars, { unknown: false });
    expect(noUnk.tokens.slice(0, 3)).toEqual(['<s>', '</s>', 'a']);
    expect(noUnk.unkId).toBeNull();
    expect(languageModelVocabulary(corpus, { minFreq: 2 }).tokens).toEqual(['<unk>', '<s>', '</s>', 'the', 'cat', 'sat', 'dog', 'a', 'ran']);
  });

  it('turns sentences into contexts padded with <s> and class targets ending in </s>', () => {
    const model = small();
    const vocab = model.tokenVocabulary;
    const { contexts, targets } = model.examples([['the', 'cat'], ['zebra']]);
    const s = vocab.id('<s>'), the = vocab.id('the'), cat = vocab.id('cat'), unk = vocab.id('<unk>');
    expect(contexts.shape).toEqual([5, 2]);
    expect(Array.from(contexts.toFlatArray())).toEqual([s, s, s, the, the, cat, s, s, s, unk]);
    const cls = (t: string): number => model.vocabulary.indexOf(t);
    expect(Array.from(targets.toFlatArray())).toEqual([cls('the'), cls('cat'), cls('</s>'), cls('<unk>'), cls('</s>')]);
    expect(() => model.examples([['the', '</s>']])).toThrow(/MLPLanguageModel.examples: sentence 0 holds the marker <\/s> at position 1/);
    expect(() => model.examples([])).toThrow(/MLPLanguageModel.examples: no sentences/);
    const strict = new MLPLanguageModel({ vocabulary: languageModelVocabulary(chars, { unknown: false }), contextSize: 3, embeddingDim: 2, hiddenSize: 4 });
    expect(() => strict.examples([['a'], ['z', 'q']])).toThrow(/MLPLanguageModel.examples: sentence 1: .*unknown token "z" at position 0/);
  });
});

describe('MLPLanguageModel', () => {
  it('maps (B, k) context ids to (B, V) logits: b + U tanh(d + H x), plus W x with direct connections', () => {
    const model = small({ directConnections: true });
    const ids = tensor(new Int32Array([1, 1, 3, 4, 4, 5]), { shape: [3, 2] });
    const logits = model.forward(ids);
    expect(logits.shape).toEqual([3, model.vocabulary.length]);
    const x = model.embedding.weight.indexSelect(0, ids.reshape([-1])).reshape([3, 8]);
    const h = x.matmul(model.hidden.weight.T).add(model.hidden.bias!).tanh();
    const expected = h.matmul(model.output.weight.T).add(model.output.bias!).add(x.matmul(model.direct!.weight.T));
    const got = logits.toFlatArray(), want = expected.toFlatArray();
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i] as number, 5);
    expect(Object.keys(model.stateDict())).toEqual(['embedding.weight', 'hidden.weight', 'hidden.bias', 'output.weight', 'output.bias', 'direct.weight']);
    expect(Object.keys(small().stateDict())).not.toContain('direct.weight');
    expect(() => model.forward(tensor(new Int32Array([1, 2, 3]), { shape: [1, 3] }))).toThrow(/expected int32 context ids of shape \[B, 2\], got int32 \[1, 3\]/);
  });

  it('starts near the uniform distribution with the scaled init (first loss about ln V)', () => {
    const names = Array.from({ length: 200 }, (_, i) => [...`${'abcdefghijklmnopqrstuvwxyz'.slice(i % 20, (i % 20) + 3 + (i % 5))}`]);
    const config = { vocabulary: languageModelVocabulary(names, { unknown: false }), contextSize: 3, embeddingDim: 10, hiddenSize: 200, seed: 1 };
    const scaled = new MLPLanguageModel({ ...config, init: 'scaled' });
    const v = scaled.vocabulary.length;
    expect(Math.abs(evaluateLanguageModel(scaled, names).nll - Math.log(v))).toBeLessThan(0.05);
    const std = (t: nn.Parameter): number => Math.sqrt(t.pow(2).mean().item());
    expect(std(scaled.hidden.weight)).toBeCloseTo(5 / 3 / Math.sqrt(30), 2);
    expect(std(scaled.output.weight)).toBeCloseTo(0.01, 2);
    expect(scaled.output.bias!.abs().sum().item()).toBe(0);
    expect(scaled.hidden.bias!.abs().sum().item()).toBe(0);
    // PyTorch's layer defaults give the output layer weights of std 1/sqrt(3·200): a confidently wrong start.
    const plain = new MLPLanguageModel({ ...config, init: 'default' });
    expect(std(plain.output.weight)).toBeCloseTo(1 / Math.sqrt(600), 2);
    expect(evaluateLanguageModel(plain, names).nll).toBeGreaterThan(Math.log(v) + 0.05);
  });

  it('is reproducible from its seed', () => {
    expect(small().embedding.weight.toFlatArray()).toEqual(small().embedding.weight.toFlatArray());
    expect(small({ seed: 4 }).embedding.weight.toFlatArray()).not.toEqual(small().embedding.weight.toFlatArray());
  });

  it('gives a normalised distribution over its vocabulary, from the last k context tokens padded with <s>', () => {
    const model = small({ directConnections: true });
    const p = model.distribution(['the', 'cat']);
    expect(p).toHaveLength(model.vocabulary.length);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const ids = tensor(new Int32Array([model.tokenVocabulary.id('the'), model.tokenVocabulary.id('cat')]), { shape: [1, 2] });
    const softmax = model.forward(ids).softmax(1).toFlatArray();
    p.forEach((v, i) => expect(v).toBeCloseTo(softmax[i] as number, 6));
    expect(model.distribution(['a', 'dog', 'the', 'cat'])).toEqual(p);
    expect(model.distribution(['cat'])).toEqual(model.distribution(['<s>', 'cat']));
    expect(model.distribution()).toEqual(model.distribution(['<s>', '<s>']));
    expect(model.logProb('sat', ['the', 'cat'])).toBeCloseTo(Math.log(p[model.vocabulary.indexOf('sat')]!), 10);
    expect(model.prob('sat', ['the', 'cat'])).toBeCloseTo(p[model.vocabulary.indexOf('sat')]!, 10);
  });

  it('scores unknown words as <unk>, or as impossible without one, and refuses to predict <s>', () => {
    const model = small();
    expect(model.logProb('zebra', ['the'])).toBe(model.logProb('<unk>', ['the']));
    expect(model.logProb('sat', ['zebra'])).toBe(model.logProb('sat', ['<unk>']));
    expect(() => model.logProb('<s>', ['the'])).toThrow(/<s> is only ever context and is never predicted/);
    expect(() => model.distribution(['the', '</s>'])).toThrow(/the context holds <\/s>/);
    const strict = new MLPLanguageModel({ vocabulary: languageModelVocabulary(chars, { unknown: false }), contextSize: 3, embeddingDim: 2, hiddenSize: 4 });
    expect(strict.logProb('z', ['a'])).toBe(-Infinity);
    expect(() => perplexity(strict, [['z']])).toThrow(/the context token "z" is not in the vocabulary/);
    expect(() => strict.distribution(['z'])).toThrow(/the context token "z" is not in the vocabulary, which has no <unk>/);
  });

  it('gives the scores of evaluate in batches', () => {
    const model = small({ directConnections: true });
    const slow = evaluate(model, corpus), fast = evaluateLanguageModel(model, corpus, 3);
    expect(fast.tokens).toBe(slow.tokens);
    expect(fast.sentences).toBe(5);
    expect(fast.nll).toBeCloseTo(slow.nll, 5);
    expect(fast.perplexity).toBeCloseTo(slow.perplexity, 4);
    expect(() => evaluateLanguageModel(model, corpus, 0)).toThrow(/batchSize must be a positive integer, got 0/);
  });

  it('generates with the shared sampler: seeded, greedy, bounded by maxLength, never <s>', () => {
    const model = new MLPLanguageModel({ vocabulary: languageModelVocabulary(chars, { unknown: false }), contextSize: 3, embeddingDim: 6, hiddenSize: 32, seed: 2, init: 'scaled' });
    trainLanguageModel(model, { train: chars, steps: 300, batchSize: 8, lr: 0.3, fit: { progress: 'none' } });
    const sample = (seed: number): string[] => Array.from({ length: 5 }, () => generate(model, { generator: new Generator(seed), maxLength: 20 }).join(''));
    expect(sample(7)).toEqual(sample(7));
    const g = new Generator(1);
    const many = Array.from({ length: 30 }, () => generate(model, { generator: g, maxLength: 20 }));
    expect(many.flat()).not.toContain('<s>');
    expect(many.every((w) => w.length <= 20)).toBe(true);
    // Trained on these names, greedy decoding from a prompt completes one of them.
    expect(generate(model, { greedy: true, prompt: [...'isab'] }).join('')).toBe('ella');
    expect(generate(model, { maxLength: 3, temperature: 5, generator: g })).toHaveLength(3);
  });

  it('learns: training lowers the held-out loss of a small corpus, direct connections included', () => {
    const model = small({ directConnections: true, init: 'scaled' });
    const before = evaluateLanguageModel(model, corpus).nll;
    const directBefore = model.direct!.weight.toFlatArray().slice();
    const history = trainLanguageModel(model, { train: corpus, valid: corpus, steps: 200, batchSize: 4, lr: 0.5, fit: { progress: 'none' } });
    expect(history.valid['loss']!.at(-1)).toBeLessThan(before - 0.5);
    expect(history.valid['loss']!.at(-1)).toBeCloseTo(evaluateLanguageModel(model, corpus).nll, 4);
    expect(model.direct!.weight.toFlatArray()).not.toEqual(directBefore);
    expect(history.lr.at(-1)).toBeCloseTo(0.05, 10);
  });

  it('reports bad configurations and training options', () => {
    const vocabulary = languageModelVocabulary(corpus);
    const base = { vocabulary, contextSize: 2, embeddingDim: 4, hiddenSize: 8 };
    expect(() => new MLPLanguageModel({ ...base, contextSize: 0 })).toThrow(/MLPLanguageModel: contextSize must be a positive integer, got 0/);
    expect(() => new MLPLanguageModel({ ...base, hiddenSize: 2.5 })).toThrow(/hiddenSize must be a positive integer, got 2.5/);
    expect(() => new MLPLanguageModel({ ...base, init: 'xavier' as 'scaled' })).toThrow(/init must be 'default' or 'scaled', got "xavier"/);
    expect(() => new MLPLanguageModel({ ...base, seed: -1 })).toThrow(/seed must be an integer >= 0, got -1/);
    expect(() => new MLPLanguageModel({ ...base, vocabulary: Vocabulary.fromTokens(['a', 'b']) })).toThrow(/MLPLanguageModel: the vocabulary has no <s>/);
    expect(() => new MLPLanguageModel({ ...base, vocabulary: Vocabulary.fromTokens([], { pad: null, unk: null, specials: ['<s>', '</s>'] }) }))
      .toThrow(/the vocabulary predicts 1 token; a language model needs at least 2/);
    const model = small();
    expect(() => trainLanguageModel(model, { train: corpus, steps: 0 })).toThrow(/trainLanguageModel: steps must be a positive integer, got 0/);
    expect(() => trainLanguageModel(model, { train: corpus, steps: 5, batchSize: -1 })).toThrow(/batchSize must be a positive integer, got -1/);
    expect(() => trainLanguageModel(model, { train: corpus, steps: 5, lr: 0 })).toThrow(/lr must be a finite number > 0, got 0/);
  });
});
