// TF-IDF and count features against scikit-learn (fixtures from tools/fixtures/data_tfidf.py), fit/transform split, errors.
import { assertAllClose, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import { bagOfWords } from '../src/encode/bag-of-words.js';
import { TfidfEncoder, type TfidfOptions } from '../src/encode/tfidf.js';
import { Vocabulary } from '../src/text/vocabulary.js';

interface TfidfCase {
  name: string;
  options: { norm: 'l2' | 'l1' | null; useIdf: boolean; smoothIdf: boolean; sublinearTf: boolean; binary: boolean };
  fixedVocabulary: boolean;
  vocabulary: string[];
  idf: number[] | null;
  train: number[][];
  test: number[][];
}
interface CountCase { binary: boolean; vocabulary: string[]; train: number[][]; test: number[][] }
interface Fixture { train: string[][]; test: string[][]; tfidf: TfidfCase[]; counts: CountCase[] }

const fx = loadJsonFixture<Fixture>(new URL('./fixtures/tfidf.json', import.meta.url));

/** scikit-learn's dense matrix laid out in our column order (vocab ids), zero for our extra columns (pad, unk). */
function inOurColumns(expected: number[][], sklearnVocabulary: string[], vocab: Vocabulary): Float64Array {
  const out = new Float64Array(expected.length * vocab.size);
  expected.forEach((row, r) => row.forEach((v, c) => { out[r * vocab.size + vocab.id(sklearnVocabulary[c]!)] = v; }));
  return out;
}

describe('TfidfEncoder matches scikit-learn TfidfVectorizer', () => {
  it.each(fx.tfidf.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // A learned vocabulary comes from our own build (with pad and unk columns that stay zero); a fixed one is given.
    const vocab = c.fixedVocabulary ? Vocabulary.fromTokens(c.vocabulary, { pad: null, unk: null }) : Vocabulary.build(fx.train);
    if (!c.fixedVocabulary) expect([...vocab.tokens].slice(2).sort()).toEqual([...c.vocabulary].sort());
    const options: TfidfOptions = { ...c.options, progress: false };
    const encoder = new TfidfEncoder(vocab, options).fit(fx.train);
    const train = encoder.transform(fx.train);
    const test = encoder.transform(fx.test);
    expect(train.shape).toEqual([fx.train.length, vocab.size]);
    assertAllClose(train.toDense().toFlatArray(), inOurColumns(c.train, c.vocabulary, vocab), { atol: 1e-6, rtol: 1e-6, label: `${c.name} train` });
    assertAllClose(test.toDense().toFlatArray(), inOurColumns(c.test, c.vocabulary, vocab), { atol: 1e-6, rtol: 1e-6, label: `${c.name} test` });
    if (c.idf !== null) {
      const idf = encoder.idf;
      assertAllClose(c.vocabulary.map((t) => idf[vocab.id(t)]!), c.idf, { atol: 1e-9, rtol: 1e-9, label: `${c.name} idf` });
    }
  });

  it('learns idf from the training documents only', () => {
    const vocab = Vocabulary.build(fx.train);
    const trained = new TfidfEncoder(vocab, { progress: false }).fit(fx.train);
    const refit = new TfidfEncoder(vocab, { progress: false }).fit(fx.test);
    expect(Array.from(trained.idf)).not.toEqual(Array.from(refit.idf));
    expect(Array.from(trained.transform(fx.test).values)).not.toEqual(Array.from(refit.transform(fx.test).values));
    expect(Array.from(trained.fitTransform(fx.train).values)).toEqual(Array.from(trained.transform(fx.train).values));
  });

  it('gives idf 0 to columns no training document holds when smoothIdf is false', () => {
    const vocab = Vocabulary.build([['a', 'b'], ['a']]);
    const idf = new TfidfEncoder(vocab, { smoothIdf: false }).fit([['a', 'b'], ['a']]).idf;
    expect(Array.from(idf)).toEqual([0, 0, 1, Math.log(2) + 1]);
  });

  it('rejects transform before fit, empty fits and bad options', () => {
    const vocab = Vocabulary.build(fx.train);
    expect(() => new TfidfEncoder(vocab).transform(fx.test)).toThrow('TfidfEncoder.transform: call fit(docs) before transform');
    expect(() => new TfidfEncoder(vocab).idf).toThrow('TfidfEncoder.idf: call fit(docs) first');
    expect(new TfidfEncoder(vocab, { useIdf: false }).fitted).toBe(true);
    expect(() => new TfidfEncoder(vocab).fit([])).toThrow('TfidfEncoder.fit: docs is empty');
    expect(() => new TfidfEncoder(vocab, { norm: 'max' as never })).toThrow("TfidfEncoder: norm must be 'l2', 'l1' or null, got max");
    expect(() => new TfidfEncoder({} as never)).toThrow('TfidfEncoder: vocab must be a Vocabulary, got object');
    expect(() => new TfidfEncoder(vocab).fit([['a'], 'b' as never])).toThrow('TfidfEncoder.fit: docs[1] must be an array of tokens, got "b"');
  });
});

describe('bagOfWords matches scikit-learn CountVectorizer', () => {
  it.each(fx.counts.map((c) => [c.binary, c] as const))('binary=%s', (binary, c) => {
    const vocab = Vocabulary.build(fx.train);
    const train = bagOfWords(fx.train, vocab, { binary, progress: false });
    const test = bagOfWords(fx.test, vocab, { binary, progress: false });
    expect(Array.from(train.toDense().toFlatArray())).toEqual(Array.from(inOurColumns(c.train, c.vocabulary, vocab)));
    expect(Array.from(test.toDense().toFlatArray())).toEqual(Array.from(inOurColumns(c.test, c.vocabulary, vocab)));
  });
});
