// Bag-of-words CSR output, CsrMatrix checks, one-hot, LabelEncoder (sklearn class order), padSequences with masks, errors.
import { tensor } from '@nn/core';
import { describe, expect, it } from 'vitest';
import { bagOfWords } from '../src/encode/bag-of-words.js';
import { LabelEncoder } from '../src/encode/label-encoder.js';
import { oneHot } from '../src/encode/one-hot.js';
import { padSequences } from '../src/encode/pad.js';
import { CsrMatrix } from '../src/encode/sparse.js';
import { Vocabulary } from '../src/text/vocabulary.js';

describe('bagOfWords', () => {
  const docs = [['b', 'a', 'b', 'zz'], [], ['a']];
  const vocab = Vocabulary.build([['a', 'b', 'b']]); // <pad> 0, <unk> 1, b 2, a 3

  it('stores counts in CSR with ascending columns and ignores unknown tokens', () => {
    const m = bagOfWords(docs, vocab, { progress: false });
    expect(Array.from(m.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(m.indices)).toEqual([2, 3, 3]);
    expect(Array.from(m.values)).toEqual([2, 1, 1]);
    expect(m.nnz).toBe(3);
    expect(m.toDense().toArray()).toEqual([[0, 0, 2, 1], [0, 0, 0, 0], [0, 0, 0, 1]]);
    expect(Array.from(m.row(0).indices)).toEqual([2, 3]);
  });

  it('counts unknown tokens in the unk column on request, and marks presence with binary', () => {
    expect(bagOfWords(docs, vocab, { unknown: 'unk', progress: false }).toDense().toArray()).toEqual([[0, 1, 2, 1], [0, 0, 0, 0], [0, 0, 0, 1]]);
    expect(bagOfWords(docs, vocab, { binary: true, progress: false }).toDense().toArray()).toEqual([[0, 0, 1, 1], [0, 0, 0, 0], [0, 0, 0, 1]]);
  });

  it('rejects bad arguments', () => {
    expect(() => bagOfWords([['a']], Vocabulary.build([['a']], { unk: null }), { unknown: 'unk' })).toThrow("bagOfWords: unknown: 'unk' needs a vocabulary with an unk symbol");
    expect(() => bagOfWords([['a']], vocab, { unknown: 'drop' as never })).toThrow("bagOfWords: unknown must be 'ignore' or 'unk', got drop");
    expect(() => bagOfWords('a b' as never, vocab)).toThrow('bagOfWords: docs must be an array of token arrays, got string');
    expect(() => bagOfWords([['a', 1]] as never, vocab)).toThrow('bagOfWords: docs[0][1] must be a string token, got 1');
  });
});

describe('CsrMatrix', () => {
  const i32 = (a: number[]): Int32Array => Int32Array.from(a);
  it('checks its arrays against the shape', () => {
    expect(() => new CsrMatrix(i32([0, 1]), i32([0]), Float32Array.of(1), [2, 2])).toThrow('CsrMatrix: indptr has length 2, expected rows + 1 = 3 (shape [2, 2])');
    expect(() => new CsrMatrix(i32([0, 1]), i32([5]), Float32Array.of(1), [1, 2])).toThrow('CsrMatrix: indices[0] = 5 is outside [0, 2) in row 0');
    expect(() => new CsrMatrix(i32([0, 2]), i32([1, 0]), Float32Array.of(1, 2), [1, 2])).toThrow('columns of row 0 are not strictly ascending at indices[1]');
    expect(() => new CsrMatrix(i32([0, 1]), i32([0]), Float32Array.of(1, 2), [1, 2])).toThrow('indices (1) and values (2) differ in length');
    expect(() => new CsrMatrix(i32([0, 1]), i32([0]), Float32Array.of(1), [1, 2]).row(1)).toThrow('CsrMatrix.row: row 1 is out of range [0, 1)');
  });
});

describe('oneHot', () => {
  it('turns N ids into (N, C) rows and an int32 tensor of shape S into [...S, C]', () => {
    expect(oneHot([2, 0], 3).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    const t = oneHot(tensor(Int32Array.from([1, 0, 0, 1]), { shape: [2, 2] }), 2);
    expect(t.shape).toEqual([2, 2, 2]);
    expect(t.dtype).toBe('float32');
    expect(t.toArray()).toEqual([[[0, 1], [1, 0]], [[1, 0], [0, 1]]]);
  });

  it('rejects ids out of range, float tensors and bad class counts', () => {
    expect(() => oneHot([0, 3], 3)).toThrow('oneHot: ids[1] = 3 is not a class in [0, 3)');
    expect(() => oneHot([-1], 3)).toThrow('oneHot: ids[0] = -1 is not a class in [0, 3)');
    expect(() => oneHot(tensor([0, 1]), 2)).toThrow('oneHot: ids must be an int32 tensor, got float32');
    expect(() => oneHot([0], 0)).toThrow('oneHot: numClasses must be >= 1, got 0');
  });
});

describe('LabelEncoder', () => {
  it('sorts string classes by code point as scikit-learn does and round-trips', () => {
    const enc = new LabelEncoder<string>();
    const ids = enc.fitTransform(['spam', 'ham', 'Spam', 'ham', 'éclair', '😀', '\uffff']);
    // numpy order: by code point, so U+FFFF sorts before the astral 😀 (UTF-16 order would put it after)
    expect(enc.classes).toEqual(['Spam', 'ham', 'spam', 'éclair', '\uffff', '😀']);
    expect(Array.from(ids)).toEqual([2, 1, 0, 1, 3, 5, 4]);
    expect(enc.inverseTransform(ids)).toEqual(['spam', 'ham', 'Spam', 'ham', 'éclair', '😀', '\uffff']);
  });

  it('sorts numeric classes numerically', () => {
    const enc = new LabelEncoder<number>().fit([10, 2, -1, 2, 1.5]);
    expect(enc.classes).toEqual([-1, 1.5, 2, 10]);
    expect(Array.from(enc.transform([10, -1]))).toEqual([3, 0]);
  });

  it('names unknown labels, bad ids and misuse', () => {
    const enc = new LabelEncoder<string>().fit(['b', 'a']);
    expect(() => enc.transform(['a', 'cat'])).toThrow('LabelEncoder.transform: unknown label "cat" at index 1; known classes: "a", "b"');
    expect(() => enc.inverseTransform([0, 2])).toThrow('LabelEncoder.inverseTransform: ids[1] = 2 is not a class id in [0, 2)');
    expect(() => new LabelEncoder().transform(['a'])).toThrow('LabelEncoder.transform: call fit(labels) first');
    expect(() => new LabelEncoder().fit([])).toThrow('LabelEncoder.fit: labels is empty');
    expect(() => new LabelEncoder().fit(['a', 1])).toThrow('LabelEncoder.fit: labels mix strings and numbers (labels[1] = 1 after strings)');
    expect(() => new LabelEncoder().fit([1, Number.NaN])).toThrow('LabelEncoder.fit: labels[1] is NaN; labels must be finite');
  });
});

describe('padSequences', () => {
  const seqs = [[5, 6, 7], [8], []];

  it('pads after the ids to the longest sequence by default with a float32 mask', () => {
    const b = padSequences(seqs);
    expect([b.ids.dtype, ...b.ids.shape]).toEqual(['int32', 3, 3]);
    expect(b.ids.toArray()).toEqual([[5, 6, 7], [8, 0, 0], [0, 0, 0]]);
    expect(b.mask.dtype).toBe('float32');
    expect(b.mask.toArray()).toEqual([[1, 1, 1], [1, 0, 0], [0, 0, 0]]);
    expect(Array.from(b.lengths)).toEqual([3, 1, 0]);
  });

  it('pads and truncates at either end, with a bool mask and a custom pad id', () => {
    const b = padSequences(seqs, { maxLength: 2, padding: 'pre', truncating: 'pre', padId: -1, maskDtype: 'bool' });
    expect(b.ids.toArray()).toEqual([[6, 7], [-1, 8], [-1, -1]]);
    expect(b.mask.dtype).toBe('bool');
    expect(b.mask.toArray()).toEqual([[1, 1], [0, 1], [0, 0]]);
    expect(padSequences(seqs, { maxLength: 2 }).ids.toArray()).toEqual([[5, 6], [8, 0], [0, 0]]);
    expect(padSequences([Int32Array.of(1, 2)], { maxLength: 4, padding: 'pre' }).ids.toArray()).toEqual([[0, 0, 1, 2]]);
    expect(padSequences([]).ids.shape).toEqual([0, 0]);
  });

  it('rejects bad lengths, modes and ids', () => {
    expect(() => padSequences(seqs, { maxLength: -1 })).toThrow('padSequences: maxLength must be >= 0, got -1');
    expect(() => padSequences(seqs, { maxLength: 2.5 })).toThrow('padSequences: maxLength must be an integer, got 2.5');
    expect(() => padSequences(seqs, { padding: 'left' as never })).toThrow("padSequences: padding must be 'post' or 'pre', got left");
    expect(() => padSequences(seqs, { truncating: 'mid' as never })).toThrow("padSequences: truncating must be 'post' or 'pre', got mid");
    expect(() => padSequences([[1, 0.5]])).toThrow('padSequences: sequences[0][1] = 0.5 is not an int32 id');
    expect(() => padSequences([7] as never)).toThrow('padSequences: sequences[0] must be an array of ids, got number');
  });
});
