// Sentence splitting (Unicode sentence boundaries with abbreviation and hard-wrap handling) and sentence markers for LMs.
import { checkInteger, checkTokens } from './checks.js';

/** The sentence-start marker used to pad language-model contexts. */
export const SENTENCE_START = '<s>';
/** The sentence-end marker, predicted as the last target of every sentence. */
export const SENTENCE_END = '</s>';

/** Abbreviations after which a full stop does not end a sentence (compared lower-cased, with their final point). */
export const ENGLISH_ABBREVIATIONS: readonly string[] = [
  'mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'st.', 'jr.', 'sr.', 'rev.', 'capt.', 'col.', 'gen.', 'lt.', 'sgt.',
  'hon.', 'gov.', 'sen.', 'rep.', 'messrs.', 'mme.', 'mlle.', 'e.g.', 'i.e.', 'vs.', 'cf.', 'no.', 'vol.', 'fig.',
];

/** Options of {@link splitSentences}. */
export interface SentenceSplitOptions {
  /**
   * `'space'` (default): a single line break is a space (hard-wrapped prose) and a blank line ends a sentence;
   * `'boundary'`: every line break ends a sentence (one sentence per line).
   */
  newlines?: 'space' | 'boundary';
  /** Tokens such as `mr.` after which a point does not end a sentence; default {@link ENGLISH_ABBREVIATIONS}. */
  abbreviations?: Iterable<string>;
  /** Locale of the Unicode sentence segmenter. Default `'en'`. */
  locale?: string;
}

const LAST_WORD = /(\S+)\s*$/u;
const SINGLE_INITIAL = /^\p{Lu}\.$/u;
const LEADING_PUNCTUATION = /^[\p{Ps}\p{Pi}\p{Po}]+/u;

/**
 * Splits `text` into trimmed, non-empty sentences by Unicode sentence boundaries (UAX #29, via `Intl.Segmenter`),
 * which know `.`, `!`, `?`, `。` and closing quotes. A boundary after a listed abbreviation or a single capital
 * initial (`J.`) is not taken. Line breaks inside a sentence become single spaces.
 */
export function splitSentences(text: string, options: SentenceSplitOptions = {}): string[] {
  if (typeof text !== 'string') throw new TypeError(`splitSentences: text must be a string, got ${typeof text}`);
  const newlines = options.newlines ?? 'space';
  if (newlines !== 'space' && newlines !== 'boundary') {
    throw new RangeError(`splitSentences: newlines must be 'space' or 'boundary', got ${String(newlines)}`);
  }
  const abbreviations = new Set([...(options.abbreviations ?? ENGLISH_ABBREVIATIONS)].map((a) => a.toLowerCase()));
  const segmenter = new Intl.Segmenter(options.locale ?? 'en', { granularity: 'sentence' });
  const blocks = text.replace(/\r\n?/g, '\n').split(newlines === 'space' ? /\n[^\S\n]*\n/ : /\n/);
  const sentences: string[] = [];
  for (const block of blocks) {
    let pending = '';
    for (const { segment } of segmenter.segment(block.replace(/\s*\n\s*/g, ' '))) {
      pending += segment;
      // The last word without opening quotes or brackets: `("Dr.` is still the abbreviation `dr.`.
      const last = (LAST_WORD.exec(pending)?.[1] ?? '').replace(LEADING_PUNCTUATION, '');
      if (abbreviations.has(last.toLowerCase()) || SINGLE_INITIAL.test(last)) continue;
      const sentence = pending.trim();
      if (sentence.length > 0) sentences.push(sentence);
      pending = '';
    }
    const rest = pending.trim();
    if (rest.length > 0) sentences.push(rest);
  }
  return sentences;
}

/** Options of {@link padSequence} and {@link paddedEverygrams}. */
export interface PadOptions {
  /** Left padding symbol. Default {@link SENTENCE_START}. */
  start?: string;
  /** Right padding symbol. Default {@link SENTENCE_END}. */
  end?: string;
  /**
   * How many end symbols: `'one'` (default, the language-model convention: the end is predicted once) or
   * `'full'` (n - 1, NLTK's `pad_both_ends`).
   */
  endPadding?: 'one' | 'full';
}

/**
 * Pads a sentence for an order-`n` model: n - 1 start symbols on the left and one end symbol on the right
 * (`padSequence(['a', 'b'], 3)` is `['<s>', '<s>', 'a', 'b', '</s>']`). With `endPadding: 'full'` the right side
 * gets n - 1 end symbols, as NLTK's `pad_both_ends` does.
 */
export function padSequence(tokens: readonly string[], n: number, options: PadOptions = {}): string[] {
  checkTokens('padSequence', 'tokens', tokens);
  checkInteger('padSequence', 'n', n, 1);
  const endPadding = options.endPadding ?? 'one';
  if (endPadding !== 'one' && endPadding !== 'full') {
    throw new RangeError(`padSequence: endPadding must be 'one' or 'full', got ${String(endPadding)}`);
  }
  const endCount = endPadding === 'one' ? 1 : n - 1;
  const start = new Array<string>(n - 1).fill(options.start ?? SENTENCE_START);
  const end = new Array<string>(endCount).fill(options.end ?? SENTENCE_END);
  return [...start, ...tokens, ...end];
}
