// How nn-lm turns text into tokens and back: one sentence per line, split into characters or words.
import { charTokenize, readLines, wordTokenize } from '@nn/data';

/** Token level of a model: characters (names, spelling) or words. */
export type TextLevel = 'char' | 'word';
export const TEXT_LEVELS: readonly TextLevel[] = ['char', 'word'];

/** Stands for a space inside a character-level sentence, since ARPA files cannot hold whitespace tokens. */
export const SPACE_TOKEN = '\u2581';

/** The tokens of one line of text. Characters: whitespace runs become one {@link SPACE_TOKEN}; words: @nn/data's wordTokenize. */
export function tokenizeLine(line: string, level: TextLevel): string[] {
  if (level === 'word') return wordTokenize(line);
  return charTokenize(line.trim().replace(/\s+/gu, ' '), { keepNewlines: false }).map((c) => (c === ' ' ? SPACE_TOKEN : c));
}

/** Text of generated tokens: characters joined directly (spaces restored), words joined by spaces. */
export function detokenize(tokens: readonly string[], level: TextLevel): string {
  return level === 'word' ? tokens.join(' ') : tokens.map((t) => (t === SPACE_TOKEN ? ' ' : t)).join('');
}

/** The non-empty lines of a corpus file, tokenised; errors name the command and the file. */
export function readCorpus(command: string, path: string, level: TextLevel): string[][] {
  let lines: string[];
  try {
    lines = readLines(path, { skipEmpty: true, trim: true, progress: false });
  } catch (e) {
    throw new Error(`nn-lm ${command}: ${(e as Error).message}`);
  }
  const sentences = lines.map((l) => tokenizeLine(l, level)).filter((s) => s.length > 0);
  if (sentences.length === 0) throw new Error(`nn-lm ${command}: ${path} has no sentences (expected one per line)`);
  return sentences;
}
