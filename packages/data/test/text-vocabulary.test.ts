// Vocabulary: build rules (minFreq, maxSize, ties), specials, id/token/encode/decode, JSON and file round trips, errors.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Vocabulary } from '../src/text/vocabulary.js';

const stream = [
  ['the', 'sea', 'whale', 'the'],
  ['whale', 'ship', 'the', 'storm'],
  ['ship', 'rope', 'oil'],
];
// counts: the 3, whale 2, ship 2, sea 1, storm 1, rope 1, oil 1 (first seen in that order: the, sea, whale, ship, storm, rope, oil)

describe('Vocabulary.build', () => {
  it('puts pad at 0 and unk at 1, then tokens by count with ties in first-occurrence order', () => {
    const v = Vocabulary.build(stream);
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'the', 'whale', 'ship', 'sea', 'storm', 'rope', 'oil']);
    expect([v.padId, v.unkId, v.size]).toEqual([0, 1, 9]);
    expect([v.count('the'), v.count('whale'), v.count('oil'), v.count('absent'), v.count('<pad>')]).toEqual([3, 2, 1, 0, 0]);
  });

  it('breaks ties by the order of the stream, so reordering the input reorders equal counts', () => {
    const v = Vocabulary.build([['b', 'a'], ['a', 'b']], { pad: null, unk: null });
    expect(v.tokens).toEqual(['b', 'a']);
  });

  it('drops tokens below minFreq and caps the size with specials included', () => {
    expect(Vocabulary.build(stream, { minFreq: 2 }).tokens).toEqual(['<pad>', '<unk>', 'the', 'whale', 'ship']);
    const capped = Vocabulary.build(stream, { maxSize: 4 });
    expect(capped.tokens).toEqual(['<pad>', '<unk>', 'the', 'whale']);
    expect(Vocabulary.build(stream, { maxSize: 2 }).tokens).toEqual(['<pad>', '<unk>']);
  });

  it('supports no specials, renamed specials and extra reserved symbols counted from the stream', () => {
    const none = Vocabulary.build(stream, { pad: null, unk: null });
    expect([none.padId, none.unkId, none.padToken, none.unkToken, none.token(0)]).toEqual([null, null, null, null, 'the']);
    const lm = Vocabulary.build([['<s>', 'a', '</s>'], ['<s>', 'b', '</s>']], { pad: 'PAD', unk: null, specials: ['<s>', '</s>'] });
    expect(lm.tokens).toEqual(['PAD', '<s>', '</s>', 'a', 'b']);
    expect([lm.padId, lm.unkId, lm.count('<s>')]).toEqual([0, null, 2]);
    const unkOnly = Vocabulary.build(stream, { pad: null });
    expect([unkOnly.unkId, unkOnly.id('kraken')]).toEqual([0, 0]);
  });

  it('accepts any iterable of token arrays, e.g. a generator', () => {
    function* lines(): Generator<string[]> {
      yield ['x', 'y'];
      yield ['y'];
    }
    expect(Vocabulary.build(lines(), { pad: null, unk: null }).tokens).toEqual(['y', 'x']);
  });

  it('rejects bad sizes, repeated specials and non-token sequences', () => {
    expect(() => Vocabulary.build(stream, { minFreq: 0 })).toThrow('Vocabulary.build: minFreq must be >= 1, got 0');
    expect(() => Vocabulary.build(stream, { minFreq: 1.5 })).toThrow('Vocabulary.build: minFreq must be an integer, got 1.5');
    expect(() => Vocabulary.build(stream, { maxSize: 1 })).toThrow('Vocabulary.build: maxSize must be >= 2, got 1');
    expect(() => Vocabulary.build(stream, { specials: ['<pad>'] })).toThrow('Vocabulary.build: special symbol "<pad>" is given twice');
    expect(() => Vocabulary.build([['a'], 'b c' as never])).toThrow('Vocabulary.build: sequence 1 must be an array of tokens, got "b c"');
  });
});

describe('Vocabulary lookups', () => {
  const v = Vocabulary.build(stream);
  const strict = Vocabulary.build(stream, { unk: null });

  it('maps tokens to ids and back, unknown tokens to unk', () => {
    expect(v.id('whale')).toBe(3);
    expect(v.id('kraken')).toBe(1);
    expect(v.lookup('kraken')).toBeUndefined();
    expect(v.token(3)).toBe('whale');
    expect(v.has('sea')).toBe(true);
    expect(v.has('kraken')).toBe(false);
  });

  it('encodes to Int32Array and decodes back', () => {
    const ids = v.encode(['the', 'kraken', 'oil']);
    expect(ids).toBeInstanceOf(Int32Array);
    expect(Array.from(ids)).toEqual([2, 1, 8]);
    expect(v.decode(ids)).toEqual(['the', '<unk>', 'oil']);
    expect(v.decode([])).toEqual([]);
  });

  it('throws on unknown tokens without unk and on ids out of range', () => {
    expect(() => strict.id('kraken')).toThrow('Vocabulary.id: unknown token "kraken" and the vocabulary has no unk symbol');
    expect(() => strict.encode(['the', 'kraken'])).toThrow('Vocabulary.encode: unknown token "kraken" at position 1 and the vocabulary has no unk symbol');
    expect(() => v.token(9)).toThrow('Vocabulary.token: id 9 is out of range [0, 9)');
    expect(() => v.token(-1)).toThrow('Vocabulary.token: id -1 is out of range [0, 9)');
    expect(() => v.token(1.5)).toThrow('Vocabulary.token: id 1.5 is out of range [0, 9)');
    expect(() => v.decode([2, 40])).toThrow('Vocabulary.decode: ids[1] = 40 is out of range [0, 9)');
  });
});

describe('Vocabulary.fromTokens', () => {
  it('keeps the given order after the specials, skipping repeats of a special', () => {
    const v = Vocabulary.fromTokens(['b', '<unk>', 'a']);
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'b', 'a']);
    expect(v.count('b')).toBe(0);
  });
});

describe('Vocabulary JSON and files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-vocab-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const v = Vocabulary.build(stream, { specials: ['<s>'], minFreq: 1 });

  it('round-trips through toJSON/fromJSON and a file, keeping ids, counts and specials', () => {
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(back.tokens).toEqual(v.tokens);
    expect([back.padId, back.unkId, back.count('the')]).toEqual([0, 1, 3]);
    const path = join(dir, 'vocab.json');
    v.save(path);
    const loaded = Vocabulary.load(path);
    expect(loaded.tokens).toEqual(v.tokens);
    expect(Array.from(loaded.encode(['whale', 'kraken']))).toEqual(Array.from(v.encode(['whale', 'kraken'])));
    expect(loaded.toJSON()).toEqual(v.toJSON());
    // Saving again replaces the file and leaves no temporary file behind.
    Vocabulary.fromTokens(['z']).save(path);
    expect(Vocabulary.load(path).tokens).toEqual(['<pad>', '<unk>', 'z']);
    expect(readdirSync(dir)).toEqual(['vocab.json']);
  });

  it('names the file when it is missing, not JSON, or not a vocabulary', () => {
    const missing = join(dir, 'missing.json');
    expect(() => Vocabulary.load(missing)).toThrow(`Vocabulary.load: cannot read ${missing}`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "nn-vocabulary", "tokens": [');
    expect(() => Vocabulary.load(broken)).toThrow(`Vocabulary.load: ${broken} is not valid JSON`);
    const wrong = join(dir, 'wrong.json');
    const json = v.toJSON();
    writeFileSync(wrong, JSON.stringify({ ...json, tokens: [...json.tokens.slice(0, -1), 'the'] }));
    expect(() => Vocabulary.load(wrong)).toThrow(`Vocabulary.load: ${wrong}: not a valid vocabulary: "tokens"[${json.tokens.length - 1}] "the" repeats "tokens"[3]`);
    expect(readFileSync(wrong, 'utf8')).toContain('nn-vocabulary');
  });

  it('reports each malformed field', () => {
    const json = v.toJSON();
    const bad = (patch: Record<string, unknown>): (() => Vocabulary) => () => Vocabulary.fromJSON({ ...json, ...patch });
    expect(() => Vocabulary.fromJSON([])).toThrow('Vocabulary.fromJSON: not a valid vocabulary: expected an object, got an array');
    expect(bad({ format: 'other' })).toThrow('"format" must be "nn-vocabulary", got "other"');
    expect(bad({ version: 2 })).toThrow('unsupported "version" 2');
    expect(bad({ tokens: 'abc' })).toThrow('"tokens" must be an array of strings');
    expect(bad({ tokens: [...json.tokens.slice(0, -1), 7] })).toThrow(`"tokens"[${json.tokens.length - 1}] must be a string, got 7`);
    expect(bad({ counts: [1, 2] })).toThrow(`"counts" must be an array of ${json.tokens.length} counts, one per token, got 2`);
    expect(bad({ counts: json.counts.map((c, i) => (i === 2 ? -1 : c)) })).toThrow('"counts"[2] must be a non-negative integer, got -1');
    expect(bad({ specials: 99 })).toThrow(`"specials" must be an integer in [0, ${json.tokens.length}], got 99`);
    expect(bad({ unk: 'the' })).toThrow('"unk" "the" is not one of the special tokens');
    expect(bad({ pad: 3 })).toThrow('"pad" must be a string or null, got 3');
  });

  it('reports a directory that cannot be written to', () => {
    const target = join(dir, 'no-such-dir', 'vocab.json');
    expect(() => v.save(target)).toThrow(`Vocabulary.save: cannot write ${target}`);
  });
});
