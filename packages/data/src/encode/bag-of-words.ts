// Bag-of-words features: per-document token counts (or presence) over a Vocabulary, as a CSR matrix.
import type { ProgressOptions } from '../progress.js';
import { createProgress } from '../progress.js';
import { checkTokens, progressEnabled } from '../text/checks.js';
import { Vocabulary } from '../text/vocabulary.js';
import { CsrMatrix } from './sparse.js';

/** Options of {@link bagOfWords}. */
export interface BagOfWordsOptions extends ProgressOptions {
  /** Stores 1 for every present token instead of its count (scikit-learn's `binary=True`). Default false. */
  binary?: boolean;
  /**
   * `'ignore'` (default, as scikit-learn does) skips tokens without an id; `'unk'` counts them in the unk column
   * (the vocabulary must have one).
   */
  unknown?: 'ignore' | 'unk';
}

/** Raw per-row counts before any weighting: CSR structure with float64 counts. */
export interface RowCounts {
  indptr: Int32Array;
  indices: Int32Array;
  counts: Float64Array;
}

/** Throws unless `vocab` is a Vocabulary. */
export function checkVocabulary(fn: string, vocab: unknown): asserts vocab is Vocabulary {
  if (!(vocab instanceof Vocabulary)) throw new TypeError(`${fn}: vocab must be a Vocabulary, got ${vocab === null ? 'null' : typeof vocab}`);
}

/** Checks the shared encoder arguments: an array of token arrays and a Vocabulary. */
export function checkDocs(fn: string, docs: unknown, vocab: unknown): asserts docs is readonly (readonly string[])[] {
  checkVocabulary(fn, vocab);
  if (!Array.isArray(docs)) throw new TypeError(`${fn}: docs must be an array of token arrays, got ${docs === null ? 'null' : typeof docs}`);
  docs.forEach((d, i) => checkTokens(fn, `docs[${i}]`, d));
}

/** Counts each document's tokens by id; columns come out ascending within each row. */
export function countRows(fn: string, docs: readonly (readonly string[])[], vocab: Vocabulary, options: BagOfWordsOptions): RowCounts {
  checkDocs(fn, docs, vocab);
  const unknown = options.unknown ?? 'ignore';
  if (unknown !== 'ignore' && unknown !== 'unk') throw new RangeError(`${fn}: unknown must be 'ignore' or 'unk', got ${String(unknown)}`);
  if (unknown === 'unk' && vocab.unkId === null) throw new RangeError(`${fn}: unknown: 'unk' needs a vocabulary with an unk symbol`);
  const unkId = unknown === 'unk' ? vocab.unkId! : -1;
  const scratch = new Float64Array(vocab.size);
  const indptr = new Int32Array(docs.length + 1);
  let indices = new Int32Array(1024);
  let counts = new Float64Array(1024);
  let nnz = 0;
  const touched = new Int32Array(vocab.size);
  let touchedCount = 0;
  const progress = createProgress(fn, { unit: 'docs', total: docs.length, ...progressEnabled(options) });
  for (let r = 0; r < docs.length; r++) {
    for (const token of docs[r]!) {
      const id = vocab.lookup(token) ?? unkId;
      if (id < 0) continue;
      if (scratch[id] === 0) touched[touchedCount++] = id;
      scratch[id]! += 1;
    }
    // A typed-array sort is numeric and much faster than Array#sort with a comparator.
    const columns = touched.subarray(0, touchedCount).sort();
    if (nnz + touchedCount > indices.length) {
      const capacity = Math.max(2 * indices.length, nnz + touchedCount);
      indices = grow(indices, new Int32Array(capacity));
      counts = grow(counts, new Float64Array(capacity));
    }
    for (const id of columns) {
      indices[nnz] = id;
      counts[nnz++] = options.binary === true ? 1 : scratch[id]!;
      scratch[id] = 0;
    }
    touchedCount = 0;
    indptr[r + 1] = nnz;
    progress.tick();
  }
  progress.done();
  return { indptr, indices: indices.slice(0, nnz), counts: counts.slice(0, nnz) };
}

function grow<A extends Int32Array | Float64Array>(from: A, to: A): A {
  to.set(from as never);
  return to;
}

/**
 * The (docs, vocab.size) document-term matrix: column `vocab.id(t)` of row i holds how often token t occurs in
 * `docs[i]` (or 1 with `binary`). Call `.toDense()` for a float32 Tensor.
 */
export function bagOfWords(docs: readonly (readonly string[])[], vocab: Vocabulary, options: BagOfWordsOptions = {}): CsrMatrix {
  const rows = countRows('bagOfWords', docs, vocab, options);
  return new CsrMatrix(rows.indptr, rows.indices, Float32Array.from(rows.counts), [docs.length, vocab.size]);
}
