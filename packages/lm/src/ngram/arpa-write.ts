// Export of a trained NgramModel in the ARPA back-off format read by KenLM, SRILM and ArpaModel.
//
// Every stored n-gram is listed with its probability; each context with continuations gets the weight b(h)
// such that P(w | h) = b(h) · P(w | h') for every word not listed after h. For interpolated models
// (Kneser-Ney, Witten-Bell) b(h) is their lower-order weight γ(h) / S(h), exactly; additive smoothing also
// lists the words seen after h' (see AdditiveEstimator.extraWords). Log10 of zero is written as -99.
import { writeFileAtomic } from '@nn/core';
import type { NgramModel } from './model.js';
import { BOS_ID } from './vocabulary.js';

const LOG10_ZERO = -99;

function log10Text(p: number): string {
  // Eight decimals keep every probability to a relative 2e-8; rounding this way is several times faster than toFixed.
  const v = p > 0 ? Math.round(Math.log10(p) * 1e8) / 1e8 : LOG10_ZERO;
  return String(v === 0 ? 0 : v);
}

/** The context chain (see Estimator) of k-gram id c, for predicting order k + 1, written into `ctx`. */
function chainOf(model: NgramModel, k: number, c: number, ctx: Int32Array): Int32Array {
  ctx[k] = c;
  for (let j = k; j >= 1; j--) ctx[j - 1] = model.counts.suffix[j]![ctx[j]!]!;
  return ctx;
}

/** The ARPA text of a trained model, in chunks (one per section plus the header); checks the words first. */
function arpaChunks(fn: string, model: NgramModel): Generator<string> {
  for (const w of model.counts.vocabulary.words) {
    if (w === '' || /\s/.test(w)) throw new Error(`${fn}: the word ${JSON.stringify(w)} is empty or holds white space, which ARPA cannot represent`);
  }
  return sectionsOf(model);
}

function* sectionsOf(model: NgramModel): Generator<string> {
  const { counts, estimator } = model;
  const { tables, vocabulary, contextTotals, order } = counts;
  const names: string[][] = [[]];
  const chain = new Int32Array(order);
  const sections: string[][] = [];
  for (let k = 1; k <= order; k++) {
    const table = tables[k]!, raw = counts.counts[k]!, lines: string[] = [];
    const gramNames = new Array<string>(table.size);
    const entry = (prefix: number, word: number, g: number): void => {
      const text = k === 1 ? vocabulary.words[word]! : `${names[k - 1]![prefix]!} ${vocabulary.words[word]!}`;
      if (g >= 0) gramNames[g] = text;
      const p = word === BOS_ID ? 0 : estimator.prob(word, chainOf(model, k - 1, prefix, chain), k);
      let line = `${log10Text(p)}\t${text}`;
      if (g >= 0 && k < order && contextTotals[k + 1]![g]! > 0) line += `\t${log10Text(estimator.backoffWeight(k, g))}`;
      lines.push(line);
    };
    if (k === 1) {
      for (let w = 0; w < vocabulary.size; w++) entry(0, w, table.find(0, w));
    } else {
      for (let g = 0; g < table.size; g++) if (raw[g]! > 0 || table.word[g] === BOS_ID) entry(table.prefix[g]!, table.word[g]!, g);
      if (estimator.extraWords) {
        for (let c = 0; c < tables[k - 1]!.size; c++) {
          if (contextTotals[k]![c]! === 0) continue;
          for (const w of estimator.extraWords(k - 1, c)) if (table.find(c, w) < 0) entry(c, w, -1);
        }
      }
    }
    names.push(gramNames);
    sections.push(lines);
  }
  yield `\\data\\\n${sections.map((s, i) => `ngram ${i + 1}=${s.length}\n`).join('')}`;
  for (let k = 1; k <= order; k++) yield `\n\\${k}-grams:\n${sections[k - 1]!.join('\n')}\n`;
  yield '\n\\end\\\n';
}

/** The model in ARPA format, as one string. */
export function toArpa(model: NgramModel): string {
  return [...arpaChunks('toArpa', model)].join('');
}

/** Writes the model to `path` in ARPA format, atomically (a temporary file renamed into place). */
export function writeArpa(model: NgramModel, path: string): void {
  writeFileAtomic('writeArpa', path, arpaChunks('writeArpa', model));
}
