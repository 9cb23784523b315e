// ArpaModel: a back-off language model read from an ARPA file (KenLM, SRILM or writeArpa), scored by the standard back-off rule.
import { readFileSync } from 'node:fs';
import type { NextTokenModel } from '../generation.js';
import type { ScoringModel } from '../scoring.js';
import { BOS, UNK } from '../tokens.js';
import { GramTable, grow } from './gram-table.js';

/** Log10 values at or below this mean probability zero (the ARPA convention for log 0). */
const LOG10_ZERO = -99;

function parseLog10(text: string): number {
  if (text === '-inf' || text === '-Infinity') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return NaN;
  const v = Number(text);
  return v <= LOG10_ZERO ? -Infinity : v;
}

/** One order's n-grams with their log10 probability and log10 back-off weight (NaN probability: a prefix the file did not list). */
interface Section {
  table: GramTable;
  logProb: Float64Array;
  backoff: Float64Array;
}

/**
 * A language model in ARPA back-off form: P(w | h) is the listed probability of `h w` if present, else
 * b(h) · P(w | h') with b(h) the listed back-off weight of h (1 if h has none). Words outside the 1-grams
 * score as `<unk>` (probability 0 if the file has no `<unk>`). The file's probabilities are taken as
 * normalised.
 */
export class ArpaModel implements ScoringModel, NextTokenModel {
  readonly order: number;
  readonly normalized = true;
  /** Number of n-grams listed per order 1..n (index 0 is order 1). */
  readonly ngramCounts: readonly number[];
  private readonly words: readonly string[];
  private readonly index: Map<string, number>;
  private readonly sections: readonly Section[];

  private constructor(words: string[], index: Map<string, number>, sections: Section[], ngramCounts: number[]) {
    this.words = words;
    this.index = index;
    this.sections = sections;
    this.ngramCounts = ngramCounts;
    this.order = sections.length;
  }

  /** Reads an ARPA file; errors name the file and line. */
  static read(path: string): ArpaModel {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`ArpaModel.read: cannot read ${path}: ${(e as Error).message}`);
    }
    return ArpaModel.parse(text, path);
  }

  /** Parses ARPA text; `source` names it in errors. */
  static parse(text: string, source = 'ARPA text'): ArpaModel {
    const lines = text.split(/\r?\n/);
    let i = 0;
    const fail = (message: string, line = i): never => {
      throw new Error(`ArpaModel: ${source} line ${line + 1}: ${message}`);
    };
    while (i < lines.length && lines[i]!.trim() !== '\\data\\') i++;
    if (i === lines.length) throw new Error(`ArpaModel: ${source}: no \\data\\ header; not an ARPA file`);
    const declared: number[] = [];
    for (i++; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      const m = /^ngram\s+(\d+)\s*=\s*(\d+)$/.exec(line);
      if (!m) break;
      if (Number(m[1]) !== declared.length + 1) fail(`expected "ngram ${declared.length + 1}=<count>", got "${line}"`);
      declared.push(Number(m[2]));
    }
    if (declared.length === 0) fail('the \\data\\ section declares no "ngram N=<count>" lines');
    const index = new Map<string, number>(), words: string[] = [], sections: Section[] = [];
    for (let k = 1; k <= declared.length; k++) {
      while (i < lines.length && lines[i]!.trim() === '') i++;
      if (i === lines.length || lines[i]!.trim() !== `\\${k}-grams:`) fail(`expected "\\${k}-grams:", got "${lines[i]?.trim() ?? 'end of file'}"`);
      i++;
      const expected = declared[k - 1]!;
      const section: Section = { table: new GramTable(expected), logProb: new Float64Array(Math.max(8, expected)), backoff: new Float64Array(Math.max(8, expected)) };
      const add = (prefix: number, word: number): number => {
        const g = section.table.insert(prefix, word);
        if (g === section.logProb.length) {
          section.logProb = grow(section.logProb);
          section.backoff = grow(section.backoff);
        }
        return g;
      };
      let listed = 0;
      for (; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (line === '') continue;
        if (line.startsWith('\\')) break;
        const fields = line.split(/\s+/);
        if (fields.length !== k + 1 && fields.length !== k + 2) fail(`a ${k}-gram line needs a log10 probability, ${k} word(s) and an optional back-off weight; got ${fields.length} fields`);
        if (fields.length === k + 2 && k === declared.length) fail(`a back-off weight on a ${k}-gram, the highest order`);
        const logProb = parseLog10(fields[0]!);
        if (Number.isNaN(logProb) || logProb > 0) fail(`"${fields[0]}" is not a log10 probability (a number <= 0)`);
        const backoff = fields.length === k + 2 ? parseLog10(fields[k + 1]!) : 0;
        if (Number.isNaN(backoff)) fail(`"${fields[k + 1]}" is not a log10 back-off weight`);
        let prefix = 0;
        for (let j = 0; j < k - 1; j++) {
          const w = index.get(fields[j + 1]!);
          if (w === undefined) fail(`the word "${fields[j + 1]}" is not among the 1-grams`);
          // Walk the prefix through the orders below, adding any prefix the file left out as a bare context.
          const s = sections[j]!;
          let found = s.table.find(prefix, w!);
          if (found < 0) {
            found = s.table.insert(prefix, w!);
            if (found === s.logProb.length) { s.logProb = grow(s.logProb); s.backoff = grow(s.backoff); }
            s.logProb[found] = NaN;
          }
          prefix = found;
        }
        const last = fields[k]!;
        let word = index.get(last);
        if (word === undefined) {
          if (k > 1) fail(`the word "${last}" is not among the 1-grams`);
          word = words.length;
          index.set(last, word);
          words.push(last);
        }
        const before = section.table.size;
        const g = add(prefix, word);
        if (g < before) fail(`the ${k}-gram "${fields.slice(1, k + 1).join(' ')}" is listed twice`);
        section.logProb[g] = logProb;
        section.backoff[g] = backoff;
        listed++;
      }
      if (listed !== expected) fail(`the header declares ${expected} ${k}-grams but the section lists ${listed}`, i - 1);
      sections.push(section);
    }
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i === lines.length || lines[i]!.trim() !== '\\end\\') fail(`expected "\\end\\", got "${lines[i]?.trim() ?? 'end of file'}"`);
    return new ArpaModel(words, index, sections, declared);
  }

  /** Tokens the model can predict: the 1-grams without `<s>`, in file order. */
  get vocabulary(): readonly string[] {
    return this.words.filter((w) => w !== BOS);
  }

  /** Id of the longest-context node for the last `length` history ids, or -1. */
  private contextNode(history: readonly number[], length: number): number {
    let node = 0;
    for (let j = history.length - length, k = 1; j < history.length; j++, k++) {
      if (history[j]! < 0) return -1;
      node = this.sections[k - 1]!.table.find(node, history[j]!);
      if (node < 0) return -1;
    }
    return node;
  }

  /** log10 P(word | context) by the back-off rule; only the last `order - 1` context tokens matter. */
  log10Prob(word: string, context: readonly string[] = []): number {
    if (word === BOS) throw new Error(`ArpaModel.log10Prob: ${BOS} is never predicted; it only starts a context`);
    const unk = this.index.get(UNK) ?? -1;
    const w = this.index.get(word) ?? unk;
    if (w < 0) return -Infinity;
    const history = context.slice(Math.max(0, context.length - (this.order - 1))).map((t) => this.index.get(t) ?? unk);
    let backoff = 0;
    for (let length = history.length; length >= 0; length--) {
      const node = this.contextNode(history, length);
      if (node < 0) continue;
      const section = this.sections[length]!;
      const g = section.table.find(node, w);
      if (g >= 0 && !Number.isNaN(section.logProb[g]!)) return backoff + section.logProb[g]!;
      if (length > 0) backoff += this.sections[length - 1]!.backoff[node]!;
    }
    return -Infinity;
  }

  /** ln P(word | context). */
  logProb(word: string, context: readonly string[] = []): number {
    return this.log10Prob(word, context) * Math.LN10;
  }

  /** P(w | context) for every w of `vocabulary`, in that order. */
  distribution(context: readonly string[] = []): Float64Array {
    return Float64Array.from(this.vocabulary, (w) => 10 ** this.log10Prob(w, context));
  }
}
