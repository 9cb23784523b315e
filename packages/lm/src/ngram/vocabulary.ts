// Word <-> id interning of n-gram models: the reserved markers first, then the kept words; every other word is <unk>.
import { BOS, EOS, UNK } from '../tokens.js';

/** Id of the start marker. */
export const BOS_ID = 0;
/** Id of the end marker. */
export const EOS_ID = 1;
/** Id of the unknown-word token. */
export const UNK_ID = 2;

/** A fixed vocabulary: ids 0, 1, 2 are `<s>`, `</s>`, `<unk>`; words follow in the order given. */
export class NgramVocabulary {
  /** Token of each id. */
  readonly words: readonly string[];
  private readonly index: Map<string, number>;

  /** `words` must not contain the markers (`<unk>` is accepted and ignored) or repeat a word. */
  constructor(words: Iterable<string>) {
    const list = [BOS, EOS, UNK];
    this.index = new Map(list.map((w, i) => [w, i]));
    for (const w of words) {
      if (w === UNK) continue;
      if (w === BOS || w === EOS) throw new Error(`NgramVocabulary: ${w} is a reserved marker and cannot be a word`);
      if (this.index.has(w)) throw new Error(`NgramVocabulary: the word ${JSON.stringify(w)} is listed twice`);
      this.index.set(w, list.length);
      list.push(w);
    }
    this.words = list;
  }

  /** Number of ids, `<s>` included. */
  get size(): number {
    return this.words.length;
  }

  /** Id of a token; words outside the vocabulary get the `<unk>` id. */
  id(token: string): number {
    return this.index.get(token) ?? UNK_ID;
  }

  /** Whether the token is a word of the vocabulary or a marker. */
  has(token: string): boolean {
    return this.index.has(token);
  }
}
