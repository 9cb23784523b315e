// Vocabulary: token <-> id maps built from counted token streams, with pad/unk specials, encode/decode and JSON files.
import { createProgress, type ProgressOptions } from '../progress.js';
import { checkInteger, checkTokens, describeValue, progressEnabled } from './checks.js';
import { writeFileAtomic } from '@nn/core';
import { parseVocabularyJSON, readVocabularyFile, type VocabularyJSON } from './vocabulary-json.js';

/** Options of {@link Vocabulary.build}; the special-symbol options also apply to {@link Vocabulary.fromTokens}. */
export interface VocabularyOptions extends ProgressOptions {
  /** Padding symbol, id 0; `null` for none. Default `'<pad>'`. */
  pad?: string | null;
  /** Symbol that unknown tokens map to, id 1 (0 when there is no pad); `null` for none. Default `'<unk>'`. */
  unk?: string | null;
  /** Further reserved symbols (e.g. `['<s>', '</s>']`), given the ids after pad and unk whatever their counts. */
  specials?: readonly string[];
  /** Tokens seen fewer times are left out. Default 1. */
  minFreq?: number;
  /** Largest vocabulary size, specials included (so an embedding table has at most this many rows). Default: no limit. */
  maxSize?: number;
}

/**
 * A fixed mapping between tokens and dense ids. Ids run: pad, unk, the other specials, then regular tokens by
 * count, highest first; equal counts keep the order in which the tokens first appeared in the stream, so a build
 * is deterministic for a given input order.
 */
export class Vocabulary {
  /** Id of the pad symbol, or null. */
  readonly padId: number | null;
  /** Id of the unknown-token symbol, or null (then unknown tokens are an error). */
  readonly unkId: number | null;
  private readonly itos: readonly string[];
  private readonly stoi: Map<string, number>;
  private readonly countsById: Float64Array;
  private readonly specialCount: number;

  private constructor(tokens: readonly string[], counts: ArrayLike<number>, pad: string | null, unk: string | null, specialCount: number) {
    this.itos = Object.freeze([...tokens]);
    this.stoi = new Map(tokens.map((t, i) => [t, i]));
    this.countsById = Float64Array.from(counts);
    this.padId = pad === null ? null : this.stoi.get(pad)!;
    this.unkId = unk === null ? null : this.stoi.get(unk)!;
    this.specialCount = specialCount;
  }

  /** Counts the tokens of every sequence in `stream` and keeps those passing `minFreq` and `maxSize`. */
  static build(stream: Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
    const specials = specialList('Vocabulary.build', options);
    const minFreq = options.minFreq ?? 1;
    checkInteger('Vocabulary.build', 'minFreq', minFreq, 1);
    const maxSize = options.maxSize ?? Number.MAX_SAFE_INTEGER;
    checkInteger('Vocabulary.build', 'maxSize', maxSize, specials.tokens.length);
    // Token -> slot in first-occurrence order, counts by slot: one hash lookup per repeated token.
    const slots = new Map<string, number>();
    let counts: Float64Array = new Float64Array(1024);
    const progress = createProgress('Vocabulary.build', { unit: 'sequences', ...progressEnabled(options) });
    let index = 0;
    for (const tokens of stream) {
      checkTokens('Vocabulary.build', `sequence ${index}`, tokens);
      for (const t of tokens) {
        let slot = slots.get(t);
        if (slot === undefined) {
          slot = slots.size;
          slots.set(t, slot);
          if (slot === counts.length) counts = growCounts(counts);
        }
        counts[slot]! += 1;
      }
      index++;
      progress.tick();
    }
    progress.done();
    const countOf = (t: string): number => counts[slots.get(t) ?? -1] ?? 0;
    const reserved = new Set(specials.tokens);
    const regular: [string, number][] = [];
    for (const [t, slot] of slots) if (counts[slot]! >= minFreq && !reserved.has(t)) regular.push([t, counts[slot]!]);
    // Array.prototype.sort is stable, so equal counts keep the first-occurrence order of `slots`.
    regular.sort((a, b) => b[1] - a[1]);
    const kept = regular.slice(0, maxSize - specials.tokens.length);
    const tokens = [...specials.tokens, ...kept.map(([t]) => t)];
    const tokenCounts = [...specials.tokens.map(countOf), ...kept.map(([, c]) => c)];
    return new Vocabulary(tokens, tokenCounts, specials.pad, specials.unk, specials.tokens.length);
  }

  /** A vocabulary over `tokens` in the given order, after the specials (tokens repeating a special are skipped); counts are 0. */
  static fromTokens(tokens: readonly string[], options: Pick<VocabularyOptions, 'pad' | 'unk' | 'specials'> = {}): Vocabulary {
    checkTokens('Vocabulary.fromTokens', 'tokens', tokens);
    const specials = specialList('Vocabulary.fromTokens', options);
    const reserved = new Set(specials.tokens);
    const all = [...specials.tokens];
    for (const t of tokens) {
      if (reserved.has(t)) continue;
      reserved.add(t);
      all.push(t);
    }
    return new Vocabulary(all, new Float64Array(all.length), specials.pad, specials.unk, specials.tokens.length);
  }

  /** Rebuilds a vocabulary from {@link Vocabulary.toJSON} output, validating every field; `source` names it in errors. */
  static fromJSON(json: unknown, source = 'Vocabulary.fromJSON'): Vocabulary {
    const v = parseVocabularyJSON(json, source);
    return new Vocabulary(v.tokens, v.counts, v.pad, v.unk, v.specials);
  }

  /** Reads a vocabulary saved by {@link Vocabulary.save}; errors name the file and what is wrong with it. */
  static load(path: string): Vocabulary {
    return Vocabulary.fromJSON(readVocabularyFile(path), `Vocabulary.load: ${path}`);
  }

  /** Number of ids, specials included. */
  get size(): number {
    return this.itos.length;
  }

  /** The pad symbol, or null. */
  get padToken(): string | null {
    return this.padId === null ? null : this.itos[this.padId]!;
  }

  /** The unknown-token symbol, or null. */
  get unkToken(): string | null {
    return this.unkId === null ? null : this.itos[this.unkId]!;
  }

  /** All tokens in id order. */
  get tokens(): readonly string[] {
    return this.itos;
  }

  /** Whether `token` has an id of its own. */
  has(token: string): boolean {
    return this.stoi.has(token);
  }

  /** The id of `token`, or undefined when it has none (no unk fallback). */
  lookup(token: string): number | undefined {
    return this.stoi.get(token);
  }

  /** The id of `token`; an unknown token maps to the unk id, or throws when there is none. */
  id(token: string): number {
    const id = this.stoi.get(token);
    if (id !== undefined) return id;
    if (this.unkId !== null) return this.unkId;
    throw new RangeError(`Vocabulary.id: unknown token ${describeValue(token)} and the vocabulary has no unk symbol`);
  }

  /** The token of `id`, which must be an integer in [0, size). */
  token(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.itos.length) {
      throw new RangeError(`Vocabulary.token: id ${id} is out of range [0, ${this.itos.length})`);
    }
    return this.itos[id]!;
  }

  /** How often `token` occurred in the stream the vocabulary was built from (0 for unknown tokens). */
  count(token: string): number {
    const id = this.stoi.get(token);
    return id === undefined ? 0 : this.countsById[id]!;
  }

  /** The ids of `tokens`; unknown tokens become the unk id, or throw (naming the token and its position) without one. */
  encode(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const id = this.stoi.get(tokens[i]!);
      if (id !== undefined) out[i] = id;
      else if (this.unkId !== null) out[i] = this.unkId;
      else throw new RangeError(`Vocabulary.encode: unknown token ${describeValue(tokens[i])} at position ${i} and the vocabulary has no unk symbol`);
    }
    return out;
  }

  /** The tokens of `ids`, each range-checked. */
  decode(ids: ArrayLike<number>): string[] {
    const out = new Array<string>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= this.itos.length) {
        throw new RangeError(`Vocabulary.decode: ids[${i}] = ${id} is out of range [0, ${this.itos.length})`);
      }
      out[i] = this.itos[id]!;
    }
    return out;
  }

  /** A plain-JSON form: tokens in id order, their counts, and which are pad, unk and specials. */
  toJSON(): VocabularyJSON {
    return {
      format: 'nn-vocabulary',
      version: 1,
      pad: this.padToken,
      unk: this.unkToken,
      specials: this.specialCount,
      tokens: [...this.itos],
      counts: Array.from(this.countsById),
    };
  }

  /** Writes the JSON form to `path` atomically (a temporary sibling file renamed over it). */
  save(path: string): void {
    writeFileAtomic('Vocabulary.save', path, `${JSON.stringify(this.toJSON())}\n`);
  }
}

function growCounts(counts: Float64Array): Float64Array {
  const grown = new Float64Array(2 * counts.length);
  grown.set(counts);
  return grown;
}

/** The special symbols in id order (pad, unk, then the others), checked to be distinct strings. */
function specialList(fn: string, options: Pick<VocabularyOptions, 'pad' | 'unk' | 'specials'>): { tokens: string[]; pad: string | null; unk: string | null } {
  const pad = options.pad === undefined ? '<pad>' : options.pad;
  const unk = options.unk === undefined ? '<unk>' : options.unk;
  for (const [name, value] of [['pad', pad], ['unk', unk]] as const) {
    if (value !== null && typeof value !== 'string') throw new TypeError(`${fn}: ${name} must be a string or null, got ${describeValue(value)}`);
  }
  const extra = options.specials ?? [];
  checkTokens(fn, 'specials', extra);
  const tokens = [...(pad === null ? [] : [pad]), ...(unk === null ? [] : [unk]), ...extra];
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t)) throw new RangeError(`${fn}: special symbol ${describeValue(t)} is given twice`);
    seen.add(t);
  }
  return { tokens, pad, unk };
}
