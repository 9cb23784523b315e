// The token <-> id mapping of neural language models: an @nn/data Vocabulary holding <s> and </s>, and its output classes.
import { Vocabulary } from '@nn/data';
import { BOS, EOS, UNK } from '../tokens.js';

/** Options of {@link languageModelVocabulary}. */
export interface LanguageModelVocabularyOptions {
  /** Tokens seen fewer times are left out (and become `<unk>`). Default 1. */
  minFreq?: number;
  /** Largest vocabulary size, `<s>`, `</s>` and `<unk>` included. Default: no limit. */
  maxSize?: number;
  /**
   * Give the vocabulary a `<unk>` class that every unseen token maps to, in training and in scoring. Default true;
   * without it, scoring an unseen word gives probability 0 and an unseen context token is an error.
   */
  unknown?: boolean;
}

/**
 * The vocabulary of a neural language model of `sentences` (tokenised, without markers): `<unk>` (unless
 * `unknown: false`), `<s>`, `</s>`, then the tokens by decreasing count.
 */
export function languageModelVocabulary(sentences: Iterable<readonly string[]>, options: LanguageModelVocabularyOptions = {}): Vocabulary {
  return Vocabulary.build(sentences, {
    pad: null,
    unk: options.unknown === false ? null : UNK,
    specials: [BOS, EOS],
    progress: false,
    ...(options.minFreq === undefined ? {} : { minFreq: options.minFreq }),
    ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
  });
}

/**
 * The classes a model predicts: every id of the vocabulary but `<s>`'s, which is only ever context. Class c is id c
 * below the `<s>` id and id c + 1 above it.
 */
export class OutputClasses {
  /** Id of `<s>` in the vocabulary. */
  readonly bosId: number;
  /** Tokens of the classes, in class order. */
  readonly tokens: readonly string[];

  constructor(readonly vocabulary: Vocabulary, fn: string) {
    for (const marker of [BOS, EOS]) {
      if (!vocabulary.has(marker)) throw new Error(`${fn}: the vocabulary has no ${marker}; build it with languageModelVocabulary or give specials ['${BOS}', '${EOS}']`);
    }
    this.bosId = vocabulary.lookup(BOS)!;
    this.tokens = Object.freeze(vocabulary.tokens.filter((t) => t !== BOS));
  }

  /** Number of classes: the vocabulary size less one. */
  get size(): number {
    return this.tokens.length;
  }

  /** The class of a vocabulary id (which must not be `<s>`'s). */
  classOf(id: number): number {
    return id < this.bosId ? id : id - 1;
  }

  /** The vocabulary id of a class. */
  idOf(cls: number): number {
    return cls < this.bosId ? cls : cls + 1;
  }
}
