// The vocabulary file format: validation of its JSON form and reading with clear file errors.
import { readFileSync } from 'node:fs';

/** The JSON form of a Vocabulary (what `toJSON` returns and `save` writes). */
export interface VocabularyJSON {
  format: 'nn-vocabulary';
  version: 1;
  /** The pad symbol (one of `tokens`) or null. */
  pad: string | null;
  /** The unknown-token symbol (one of `tokens`) or null. */
  unk: string | null;
  /** How many leading tokens are specials (pad, unk and the extra specials). */
  specials: number;
  /** Tokens in id order, all distinct. */
  tokens: string[];
  /** Count of each token in the build stream, parallel to `tokens`. */
  counts: number[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks every field of a parsed vocabulary; `source` (a function or a file) prefixes each error. */
export function parseVocabularyJSON(json: unknown, source: string): VocabularyJSON {
  const fail = (what: string): never => {
    throw new Error(`${source}: not a valid vocabulary: ${what}`);
  };
  if (!isObject(json)) return fail(`expected an object, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`);
  if (json.format !== 'nn-vocabulary') fail(`"format" must be "nn-vocabulary", got ${JSON.stringify(json.format)}`);
  if (json.version !== 1) fail(`unsupported "version" ${JSON.stringify(json.version)} (this reader knows version 1)`);
  const { tokens, counts, pad, unk, specials } = json;
  if (!Array.isArray(tokens)) return fail('"tokens" must be an array of strings');
  const seen = new Map<string, number>();
  tokens.forEach((t, i) => {
    if (typeof t !== 'string') fail(`"tokens"[${i}] must be a string, got ${JSON.stringify(t)}`);
    const first = seen.get(t as string);
    if (first !== undefined) fail(`"tokens"[${i}] ${JSON.stringify(t)} repeats "tokens"[${first}]`);
    seen.set(t as string, i);
  });
  if (!Array.isArray(counts) || counts.length !== tokens.length) {
    fail(`"counts" must be an array of ${tokens.length} counts, one per token, got ${Array.isArray(counts) ? `${counts.length}` : typeof counts}`);
  }
  (counts as unknown[]).forEach((c, i) => {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > Number.MAX_SAFE_INTEGER) fail(`"counts"[${i}] must be a non-negative integer, got ${JSON.stringify(c)}`);
  });
  if (typeof specials !== 'number' || !Number.isInteger(specials) || specials < 0 || specials > tokens.length) {
    fail(`"specials" must be an integer in [0, ${tokens.length}], got ${JSON.stringify(specials)}`);
  }
  for (const [name, symbol] of [['pad', pad], ['unk', unk]] as const) {
    if (symbol === null) continue;
    if (typeof symbol !== 'string') fail(`"${name}" must be a string or null, got ${JSON.stringify(symbol)}`);
    const id = seen.get(symbol as string);
    if (id === undefined || id >= (specials as number)) fail(`"${name}" ${JSON.stringify(symbol)} is not one of the special tokens`);
  }
  return { format: 'nn-vocabulary', version: 1, pad: pad as string | null, unk: unk as string | null, specials: specials as number, tokens: tokens as string[], counts: counts as number[] };
}

/** Reads and parses a JSON file, naming the path when it cannot be read or parsed. */
export function readVocabularyFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Vocabulary.load: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Vocabulary.load: ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

