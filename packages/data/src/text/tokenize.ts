// Word-level tokenizers: whitespace splitting and a Unicode-aware regex word tokenizer with punctuation, case and NFC options.

/** A Unicode normalisation form, or `false` to leave the text as it is. */
export type NormalizationForm = 'NFC' | 'NFD' | 'NFKC' | 'NFKD' | false;

/** Options of {@link wordTokenize} and {@link createWordTokenizer}. */
export interface WordTokenizerOptions {
  /** Lower-cases the text before splitting (locale-independent `toLowerCase`). Default false. */
  lowercase?: boolean;
  /**
   * `'keep'` (default) makes every punctuation mark, symbol and emoji a token of its own (a run of one repeated
   * mark such as `...` or `--` is one token); `'drop'` keeps only words and numbers.
   */
  punctuation?: 'keep' | 'drop';
  /** Unicode normalisation applied first, so composed and decomposed accents give one token. Default `'NFC'`. */
  normalize?: NormalizationForm;
  /**
   * `'run'` (default) keeps a run of letters as one token, also in scripts written without spaces;
   * `'char'` makes each Han, Hiragana and Katakana character a token (a simple segmentation for CJK text).
   */
  cjk?: 'run' | 'char';
}

/** A function from a text to its tokens. */
export type Tokenizer = (text: string) => string[];

const ALNUM = String.raw`[\p{L}\p{M}\p{N}]`;
// A word starts with a letter or digit, so a stray combining mark or variation selector is never a word.
const ALNUM_START = String.raw`[\p{L}\p{N}]`;
const CJK_CHAR = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]`;
// Inside a word: an apostrophe or hyphen between letters ("don't", "well-known"), a point or comma between digits ("3.14", "1,000").
const JOINER = String.raw`(?:['\u2019\-\u2010]|(?<=\p{N})[.,](?=\p{N}))`;
// A flag (two regional indicators) or a pictograph with skin-tone modifiers, variation selectors and zero-width-joiner parts.
const EMOJI = String.raw`\p{RI}\p{RI}|\p{Extended_Pictographic}(?:\p{EMod}|\uFE0F|\u200D\p{Extended_Pictographic})*`;
const OTHER = String.raw`(?<other>[^\s\p{L}\p{M}\p{N}])\k<other>*`;

function wordPattern(cjk: 'run' | 'char'): string {
  if (cjk === 'run') return `${ALNUM_START}${ALNUM}*(?:${JOINER}${ALNUM}+)*`;
  const nonCjk = `(?:(?!${CJK_CHAR})${ALNUM})`;
  const nonCjkStart = `(?:(?!${CJK_CHAR})${ALNUM_START})`;
  return `${CJK_CHAR}\\p{M}*|${nonCjkStart}${nonCjk}*(?:${JOINER}${nonCjk}+)*`;
}

const NORMALIZATION_FORMS = new Set<unknown>(['NFC', 'NFD', 'NFKC', 'NFKD', false]);

function checkOptions(fn: string, options: WordTokenizerOptions): void {
  if (options.punctuation !== undefined && options.punctuation !== 'keep' && options.punctuation !== 'drop') {
    throw new RangeError(`${fn}: punctuation must be 'keep' or 'drop', got ${String(options.punctuation)}`);
  }
  if (options.cjk !== undefined && options.cjk !== 'run' && options.cjk !== 'char') {
    throw new RangeError(`${fn}: cjk must be 'run' or 'char', got ${String(options.cjk)}`);
  }
  if (options.normalize !== undefined && !NORMALIZATION_FORMS.has(options.normalize)) {
    throw new RangeError(`${fn}: normalize must be 'NFC', 'NFD', 'NFKC', 'NFKD' or false, got ${String(options.normalize)}`);
  }
}

/** Applies the normalisation form and lower-casing shared by the tokenizers. */
export function prepareText(text: string, normalize: NormalizationForm, lowercase: boolean): string {
  const normalized = normalize === false ? text : text.normalize(normalize);
  return lowercase ? normalized.toLowerCase() : normalized;
}

/**
 * Builds a word tokenizer once, for use on many texts. A word is a run of letters, marks and digits that may
 * contain an apostrophe or hyphen between letters (`don't`, `well-known`, `covid-19`) and a point or comma between
 * digits (`3.14`, `1,000`); anything else that is not whitespace is punctuation (see
 * {@link WordTokenizerOptions.punctuation}). Abbreviations are not special: `e.g.` gives `e . g .`.
 */
export function createWordTokenizer(options: WordTokenizerOptions = {}): Tokenizer {
  checkOptions('createWordTokenizer', options);
  const keep = (options.punctuation ?? 'keep') === 'keep';
  const word = wordPattern(options.cjk ?? 'run');
  const source = keep ? `${EMOJI}|${word}|${OTHER}` : word;
  const normalize = options.normalize ?? 'NFC';
  const lowercase = options.lowercase ?? false;
  // One compiled pattern per tokenizer: String#match with a global pattern restarts at 0 and leaves no state behind.
  const pattern = new RegExp(source, 'gu');
  return (text: string): string[] => {
    if (typeof text !== 'string') throw new TypeError(`wordTokenize: text must be a string, got ${typeof text}`);
    return prepareText(text, normalize, lowercase).match(pattern) ?? [];
  };
}

const cachedTokenizers = new Map<string, Tokenizer>();

/** Splits `text` into words, numbers and (unless dropped) punctuation tokens; see {@link createWordTokenizer}. */
export function wordTokenize(text: string, options: WordTokenizerOptions = {}): string[] {
  const key = `${options.lowercase ?? false}|${options.punctuation ?? 'keep'}|${options.normalize ?? 'NFC'}|${options.cjk ?? 'run'}`;
  let tokenizer = cachedTokenizers.get(key);
  if (tokenizer === undefined) {
    tokenizer = createWordTokenizer(options);
    cachedTokenizers.set(key, tokenizer);
  }
  return tokenizer(text);
}

/** Options of {@link whitespaceTokenize}. */
export interface WhitespaceTokenizerOptions {
  /** Lower-cases the text first. Default false. */
  lowercase?: boolean;
  /** Unicode normalisation applied first. Default false (the text as it is). */
  normalize?: NormalizationForm;
}

/** Splits `text` on runs of Unicode whitespace (spaces, tabs, CR, LF, no-break spaces ...), dropping empty tokens. */
export function whitespaceTokenize(text: string, options: WhitespaceTokenizerOptions = {}): string[] {
  if (typeof text !== 'string') throw new TypeError(`whitespaceTokenize: text must be a string, got ${typeof text}`);
  const prepared = prepareText(text, options.normalize ?? false, options.lowercase ?? false);
  return prepared.split(/\s+/u).filter((t) => t.length > 0);
}
