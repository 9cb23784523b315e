// Character-level tokenizer: one token per Unicode code point (never a lone UTF-16 surrogate), with whitespace options.
import { prepareText, type NormalizationForm } from './tokenize.js';

/** Options of {@link charTokenize}. */
export interface CharTokenizerOptions {
  /** Keeps spaces, tabs and other non-newline whitespace as tokens. Default true. */
  keepWhitespace?: boolean;
  /** Keeps line breaks as `"\n"` tokens (CRLF and lone CR become `"\n"` first). Default: `keepWhitespace`. */
  keepNewlines?: boolean;
  /** Lower-cases the text first. Default false. */
  lowercase?: boolean;
  /** Unicode normalisation applied first; `'NFC'` (default) makes `e` + combining acute one token `é`. */
  normalize?: NormalizationForm;
}

/**
 * Splits `text` into code points: an emoji outside the Basic Multilingual Plane is one token, while a sequence
 * joined by zero-width joiners or a combining mark with no precomposed form stays several tokens.
 */
export function charTokenize(text: string, options: CharTokenizerOptions = {}): string[] {
  if (typeof text !== 'string') throw new TypeError(`charTokenize: text must be a string, got ${typeof text}`);
  const keepWhitespace = options.keepWhitespace ?? true;
  const keepNewlines = options.keepNewlines ?? keepWhitespace;
  const prepared = prepareText(text, options.normalize ?? 'NFC', options.lowercase ?? false).replace(/\r\n?/g, '\n');
  const out: string[] = [];
  for (const ch of prepared) {
    if (ch === '\n') {
      if (keepNewlines) out.push(ch);
    } else if (keepWhitespace || !/\s/u.test(ch)) {
      out.push(ch);
    }
  }
  return out;
}
