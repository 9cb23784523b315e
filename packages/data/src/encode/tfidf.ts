// TF-IDF features with scikit-learn's TfidfVectorizer weighting: idf learned by fit, applied by transform.
import type { Vocabulary } from '../text/vocabulary.js';
import { checkDocs, checkVocabulary, countRows, type BagOfWordsOptions } from './bag-of-words.js';
import { CsrMatrix } from './sparse.js';

/** Options of {@link TfidfEncoder}, named and defaulted as scikit-learn's `TfidfVectorizer`. */
export interface TfidfOptions extends BagOfWordsOptions {
  /** Row normalisation: `'l2'` (default), `'l1'` or `null` for none. */
  norm?: 'l2' | 'l1' | null;
  /** Multiplies term frequencies by idf. Default true. */
  useIdf?: boolean;
  /** idf = ln((1 + n) / (1 + df)) + 1, as if one extra document held every term. Default true. */
  smoothIdf?: boolean;
  /** Replaces a term frequency tf by 1 + ln(tf). Default false. */
  sublinearTf?: boolean;
}

/**
 * Term frequency times inverse document frequency. `fit` learns df over training documents; `transform` weights
 * any documents with that idf, so validation and test sets see the training statistics. Without smoothing,
 * idf = ln(n / df) + 1; a term no training document holds (df = 0, e.g. `<pad>`) then gets idf 0 instead of
 * scikit-learn's infinity, so it contributes nothing.
 */
export class TfidfEncoder {
  private readonly vocab: Vocabulary;
  private readonly options: TfidfOptions;
  private idfWeights: Float64Array | null = null;

  constructor(vocab: Vocabulary, options: TfidfOptions = {}) {
    const norm = options.norm === undefined ? 'l2' : options.norm;
    if (norm !== 'l2' && norm !== 'l1' && norm !== null) throw new RangeError(`TfidfEncoder: norm must be 'l2', 'l1' or null, got ${String(norm)}`);
    checkVocabulary('TfidfEncoder', vocab);
    this.vocab = vocab;
    this.options = { ...options, norm };
  }

  /** Whether idf has been learned (always usable when `useIdf` is false). */
  get fitted(): boolean {
    return this.idfWeights !== null || this.options.useIdf === false;
  }

  /** The learned idf per vocabulary id (a copy). */
  get idf(): Float64Array {
    if (this.idfWeights === null) throw new Error('TfidfEncoder.idf: call fit(docs) first');
    return this.idfWeights.slice();
  }

  /** Learns document frequencies over `docs` (arrays of tokens). */
  fit(docs: readonly (readonly string[])[]): this {
    const rows = countRows('TfidfEncoder.fit', docs, this.vocab, this.options);
    if (docs.length === 0) throw new RangeError('TfidfEncoder.fit: docs is empty; idf needs at least one document');
    const df = new Float64Array(this.vocab.size);
    for (const c of rows.indices) df[c]! += 1;
    const smooth = this.options.smoothIdf ?? true;
    const n = docs.length + (smooth ? 1 : 0);
    this.idfWeights = df.map((d) => (smooth ? Math.log(n / (d + 1)) + 1 : d === 0 ? 0 : Math.log(n / d) + 1));
    return this;
  }

  /** The (docs, vocab.size) TF-IDF matrix of `docs`, weighted by the fitted idf and normalised per row. */
  transform(docs: readonly (readonly string[])[]): CsrMatrix {
    checkDocs('TfidfEncoder.transform', docs, this.vocab);
    const useIdf = this.options.useIdf ?? true;
    if (useIdf && this.idfWeights === null) throw new Error('TfidfEncoder.transform: call fit(docs) before transform');
    const rows = countRows('TfidfEncoder.transform', docs, this.vocab, this.options);
    const weights = rows.counts;
    for (let k = 0; k < weights.length; k++) {
      let tf = weights[k]!;
      if (this.options.sublinearTf === true) tf = 1 + Math.log(tf);
      weights[k] = useIdf ? tf * this.idfWeights![rows.indices[k]!]! : tf;
    }
    if (this.options.norm !== null) normalizeRows(weights, rows.indptr, this.options.norm ?? 'l2');
    return new CsrMatrix(rows.indptr, rows.indices, Float32Array.from(weights), [docs.length, this.vocab.size]);
  }

  /** `fit(docs)` then `transform(docs)`. */
  fitTransform(docs: readonly (readonly string[])[]): CsrMatrix {
    return this.fit(docs).transform(docs);
  }
}

/** Scales each row to unit l1 or l2 norm in float64; all-zero rows stay zero. */
function normalizeRows(values: Float64Array, indptr: Int32Array, norm: 'l1' | 'l2'): void {
  for (let r = 0; r + 1 < indptr.length; r++) {
    let total = 0;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) total += norm === 'l1' ? Math.abs(values[k]!) : values[k]! * values[k]!;
    const scale = norm === 'l1' ? total : Math.sqrt(total);
    if (scale === 0) continue;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) values[k]! /= scale;
  }
}
