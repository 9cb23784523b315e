// Counting every n-gram of orders 1..n of a tokenised corpus into a trie of GramTables, in one pass over the sentences.
import { BOS, EOS } from '../tokens.js';
import { GramTable, grow } from './gram-table.js';
import { BOS_ID, EOS_ID, NgramVocabulary } from './vocabulary.js';

/** How words become ids. */
export interface NgramVocabularyOptions {
  /** Words seen fewer times become `<unk>`. Default 1 (keep every word). */
  minFreq?: number;
  /** A fixed word list; every other word becomes `<unk>`. Excludes `minFreq`. */
  vocabulary?: Iterable<string>;
}

/**
 * The n-gram counts of a corpus. Orders are 1..order; `tables[k]` holds the k-grams, whose prefixes are
 * ids in `tables[k - 1]` (0, the empty context, for k = 1). Grams ending in `<s>` exist only as contexts
 * and have count 0; every other stored gram was seen at least once.
 */
export interface NgramCounts {
  readonly order: number;
  readonly vocabulary: NgramVocabulary;
  /** `tables[k]` for k = 1..order; `tables[0]` is an empty table standing for the single empty context. */
  readonly tables: readonly GramTable[];
  /** `counts[k][g]`: how often k-gram g was seen as an event (predicted token and its history). */
  readonly counts: readonly Float64Array[];
  /** `suffix[k][g]`: id in `tables[k - 1]` of k-gram g without its first word (0 for unigrams). */
  readonly suffix: readonly Int32Array[];
  /** `contextTotals[k][c]`: Σ_w count(c w) over the k-grams with prefix c. */
  readonly contextTotals: readonly Float64Array[];
  /** `contextTypes[k][c]`: number of distinct words seen after context c (k-grams with prefix c and count > 0). */
  readonly contextTypes: readonly Float64Array[];
  /** Predicted tokens: words plus one end marker per sentence. */
  readonly tokens: number;
  readonly sentences: number;
}

/** Reads the sentences once, keeping their words as ids in one flat array (-1 ends a sentence) and the raw frequencies. */
function internCorpus(fn: string, sentences: Iterable<readonly string[]>): { ids: Int32Array; length: number; words: string[]; freq: number[] } {
  const index = new Map<string, number>();
  const words: string[] = [], freq: number[] = [];
  let ids = new Int32Array(1 << 16), length = 0, n = 0;
  for (const sentence of sentences) {
    if (!Array.isArray(sentence)) throw new TypeError(`${fn}: sentence ${n} is not an array of tokens`);
    for (const token of sentence as readonly unknown[]) {
      if (typeof token !== 'string') throw new TypeError(`${fn}: sentence ${n} holds a ${typeof token}, expected string tokens`);
      if (token === BOS || token === EOS) throw new Error(`${fn}: sentence ${n} contains the reserved marker ${token}; pass sentences without padding`);
      let id = index.get(token);
      if (id === undefined) {
        id = words.length;
        index.set(token, id);
        words.push(token);
        freq.push(0);
      }
      freq[id]!++;
      if (length + 1 >= ids.length) ids = grow(ids);
      ids[length++] = id;
    }
    if (length + 1 >= ids.length) ids = grow(ids);
    ids[length++] = -1;
    n++;
  }
  if (n === 0) throw new Error(`${fn}: the corpus is empty (no sentences)`);
  return { ids, length, words, freq };
}

function buildVocabulary(fn: string, words: string[], freq: number[], options: NgramVocabularyOptions): NgramVocabulary {
  if (options.vocabulary !== undefined) {
    if (options.minFreq !== undefined) throw new Error(`${fn}: give either vocabulary or minFreq, not both`);
    return new NgramVocabulary(options.vocabulary);
  }
  const minFreq = options.minFreq ?? 1;
  if (!Number.isInteger(minFreq) || minFreq < 1) throw new RangeError(`${fn}: minFreq must be an integer >= 1, got ${minFreq}`);
  return new NgramVocabulary(words.filter((_, i) => freq[i]! >= minFreq));
}

/** Counts every k-gram, k = 1..order, of the sentences padded with `order - 1` start markers and one end marker. */
export function countNgrams(fn: string, sentences: Iterable<readonly string[]>, order: number, options: NgramVocabularyOptions = {}): NgramCounts {
  const corpus = internCorpus(fn, sentences);
  const vocabulary = buildVocabulary(fn, corpus.words, corpus.freq, options);
  const toVocab = Int32Array.from(corpus.words, (w) => vocabulary.id(w));
  const expected = Math.max(1024, Math.min(corpus.length, 1 << 22));
  const tables = [new GramTable(1)];
  const counts: Float64Array[] = [new Float64Array(1)];
  const suffix: Int32Array[] = [new Int32Array(1)];
  for (let k = 1; k <= order; k++) {
    tables.push(new GramTable(k === 1 ? vocabulary.size : expected));
    counts.push(new Float64Array(k === 1 ? vocabulary.size : expected));
    suffix.push(new Int32Array(k === 1 ? vocabulary.size : expected));
  }
  // prev[k] / cur[k]: id of the k-gram ending at the previous / current position (prev[0] = cur[0] = 0, the empty context).
  let prev = new Int32Array(order + 1), cur = new Int32Array(order + 1);
  let sentenceCount = 0, tokens = 0;
  const step = (word: number, available: number): void => {
    for (let k = 1; k <= available; k++) {
      const id = tables[k]!.insert(k === 1 ? 0 : prev[k - 1]!, word);
      if (id === counts[k]!.length) {
        counts[k] = grow(counts[k]!);
        suffix[k] = grow(suffix[k]!);
      }
      suffix[k]![id] = cur[k - 1]!;
      if (word !== BOS_ID) counts[k]![id]!++;
      cur[k] = id;
    }
    [prev, cur] = [cur, prev];
  };
  let position = 0;
  for (let i = 0; i < corpus.length; i++) {
    if (position === 0) for (let j = 0; j < order - 1; j++) step(BOS_ID, ++position);
    const raw = corpus.ids[i]!;
    step(raw < 0 ? EOS_ID : toVocab[raw]!, Math.min(order, ++position));
    tokens++;
    if (raw < 0) {
      position = 0;
      sentenceCount++;
    }
  }
  const contextTotals: Float64Array[] = [new Float64Array(0)];
  const contextTypes: Float64Array[] = [new Float64Array(0)];
  for (let k = 1; k <= order; k++) {
    const totals = new Float64Array(tables[k - 1]!.size || 1), types = new Float64Array(totals.length);
    const table = tables[k]!, c = counts[k]!;
    for (let g = 0; g < table.size; g++) {
      if (c[g]! === 0) continue;
      totals[table.prefix[g]!]! += c[g]!;
      types[table.prefix[g]!]!++;
    }
    contextTotals.push(totals);
    contextTypes.push(types);
  }
  return { order, vocabulary, tables, counts, suffix, contextTotals, contextTypes, tokens, sentences: sentenceCount };
}
