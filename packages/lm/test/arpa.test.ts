// ARPA export and import: round trips of every smoothing, the back-off rule on a hand-written file, and malformed files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArpaModel, NgramModel, SMOOTHINGS, toArpa, writeArpa, type NgramOptions, type Smoothing } from '../src/index.js';
import { storedContexts, TOY } from './corpora.js';

const dir = mkdtempSync(join(tmpdir(), 'nn-lm-arpa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS: Partial<Record<Smoothing, Partial<NgramOptions>>> = { lidstone: { alpha: 0.2 } };
/** Models whose unseen histories follow the ARPA rule (use the shorter history unchanged). */
const BACKS_OFF_IN_UNSEEN_HISTORIES: readonly Smoothing[] = ['kneser-ney', 'modified-kneser-ney', 'witten-bell'];

function expectSameProbabilities(a: NgramModel, b: ArpaModel, context: readonly string[]): void {
  const words = [...a.vocabulary, 'never-seen-word'];
  for (const w of words) {
    const p = a.prob(w, context), q = 10 ** b.log10Prob(w, context);
    expect(Math.abs(p - q), `P(${w} | ${context.join(' ')}): ${p} vs ${q}`).toBeLessThanOrEqual(1e-6 * Math.max(p, 1e-300));
  }
}

describe('ARPA round trip', () => {
  for (const smoothing of SMOOTHINGS) {
    it.each([1, 2, 3, 4])(`${smoothing}, order %i: every word in every seen context keeps its probability`, (order) => {
      const lm = new NgramModel({ order, smoothing, ...OPTIONS[smoothing] }).fit(TOY);
      const arpa = ArpaModel.parse(toArpa(lm));
      expect(arpa.order).toBe(order);
      expect([...arpa.vocabulary].sort()).toEqual([...lm.vocabulary].sort());
      const contexts = storedContexts(lm, order - 1).filter((h) => h.at(-1) !== '</s>');
      if (BACKS_OFF_IN_UNSEEN_HISTORIES.includes(smoothing)) contexts.push(['mat', 'mat', 'mat'].slice(0, order - 1), ['the', 'zebra', 'on'].slice(3 - (order - 1)));
      for (const h of contexts) expectSameProbabilities(lm, arpa, h);
    });
  }
  it('writes atomically the same text as toArpa, and reads it back', () => {
    const lm = new NgramModel({ order: 3, smoothing: 'modified-kneser-ney' }).fit(TOY);
    const path = join(dir, 'toy.arpa');
    writeArpa(lm, path);
    expect(readFileSync(path, 'utf8')).toBe(toArpa(lm));
    expect(readdirSync(dir)).toEqual(['toy.arpa']);
    const back = ArpaModel.read(path);
    expect(back.ngramCounts).toEqual([lm.vocabulary.length + 1, lm.counts.tables[2]!.size, lm.counts.tables[3]!.size]);
    expectSameProbabilities(lm, back, ['<s>', 'the']);
  });
  it('lists <s> with log10 probability -99 and the header counts of each section', () => {
    const text = toArpa(new NgramModel({ order: 2, smoothing: 'kneser-ney' }).fit(TOY));
    expect(text.startsWith('\\data\\\nngram 1=12\nngram 2=')).toBe(true);
    expect(text).toMatch(/\n-99\t<s>\t-?[\d.]+\n/);
    expect(text.trimEnd().endsWith('\\end\\')).toBe(true);
  });
  it('refuses words ARPA cannot hold, and untrained models', () => {
    const lm = new NgramModel({ order: 2, smoothing: 'mle' }).fit([['new york', 'city']]);
    expect(() => toArpa(lm)).toThrow(/toArpa: the word "new york" is empty or holds white space/);
    expect(() => writeArpa(lm, join(dir, 'bad.arpa'))).toThrow(/writeArpa: the word "new york"/);
    expect(() => toArpa(new NgramModel({ order: 2 }))).toThrow(/NgramModel.counts: the model is not trained/);
  });
  it('reports a directory it cannot write into', () => {
    const lm = new NgramModel({ order: 1, smoothing: 'mle' }).fit(TOY);
    expect(() => writeArpa(lm, join(dir, 'missing', 'x.arpa'))).toThrow(/writeArpa: cannot write .*missing.*x\.arpa/);
  });
});

const HAND = `some tool's banner

\\data\\
ngram 1=4
ngram 2=2

\\1-grams:
-99\t<s>\t-0.5
-0.5\ta\t-0.3
-0.7\tb
-0.9\t</s>

\\2-grams:
-0.2\t<s> a
-0.1\ta b

\\end\\
`;

describe('ArpaModel', () => {
  const lm = ArpaModel.parse(HAND);
  it('uses the listed n-gram, else the back-off weight times the shorter history', () => {
    expect(lm.log10Prob('b', ['a'])).toBeCloseTo(-0.1, 14);
    expect(lm.log10Prob('</s>', ['a'])).toBeCloseTo(-0.3 - 0.9, 14);
    expect(lm.log10Prob('a', ['b'])).toBeCloseTo(-0.5, 14); // b has no weight: 1
    expect(lm.log10Prob('b', ['<s>'])).toBeCloseTo(-0.5 - 0.7, 14);
    expect(lm.log10Prob('b', ['x', 'a'])).toBeCloseTo(-0.1, 14); // only the last order - 1 tokens
    expect(lm.logProb('b', ['a'])).toBeCloseTo(-0.1 * Math.LN10, 14);
  });
  it('gives probability 0 to words outside a file without <unk>', () => {
    expect(lm.log10Prob('zebra', ['a'])).toBe(-Infinity);
    expect(lm.vocabulary).toEqual(['a', 'b', '</s>']);
    expect(() => lm.log10Prob('<s>', [])).toThrow(/ArpaModel.log10Prob: <s> is never predicted/);
  });
  const bad: [string, string, RegExp][] = [
    ['no header', 'hello\n', /ArpaModel: t.arpa: no \\data\\ header/],
    ['no counts', '\\data\\\n\\1-grams:\n', /t.arpa line 2: the \\data\\ section declares no "ngram N=<count>" lines/],
    ['orders out of sequence', '\\data\\\nngram 2=1\n', /t.arpa line 2: expected "ngram 1=<count>", got "ngram 2=1"/],
    ['a missing section', '\\data\\\nngram 1=1\n\n\\2-grams:\n', /t.arpa line 4: expected "\\1-grams:", got "\\2-grams:"/],
    ['too few fields', '\\data\\\nngram 1=1\nngram 2=1\n\\1-grams:\n-1 a\n\\2-grams:\n-1 a\n\\end\\\n', /t.arpa line 7: a 2-gram line needs a log10 probability, 2 word\(s\) and an optional back-off weight; got 2 fields/],
    ['a bad number', '\\data\\\nngram 1=1\n\\1-grams:\nx a\n\\end\\\n', /t.arpa line 4: "x" is not a log10 probability/],
    ['a positive log probability', '\\data\\\nngram 1=1\n\\1-grams:\n0.5 a\n\\end\\\n', /t.arpa line 4: "0.5" is not a log10 probability/],
    ['a weight at the top order', '\\data\\\nngram 1=1\n\\1-grams:\n-1 a -0.2\n\\end\\\n', /t.arpa line 4: a back-off weight on a 1-gram, the highest order/],
    ['a count mismatch', '\\data\\\nngram 1=2\n\\1-grams:\n-1 a\n\\end\\\n', /t.arpa line 4: the header declares 2 1-grams but the section lists 1/],
    ['an unknown word', '\\data\\\nngram 1=1\nngram 2=1\n\\1-grams:\n-1 a -1\n\\2-grams:\n-1 a b\n\\end\\\n', /t.arpa line 7: the word "b" is not among the 1-grams/],
    ['a repeated n-gram', '\\data\\\nngram 1=2\n\\1-grams:\n-1 a\n-2 a\n\\end\\\n', /t.arpa line 5: the 1-gram "a" is listed twice/],
    ['no end marker', '\\data\\\nngram 1=1\n\\1-grams:\n-1 a\n', /t.arpa line 5: expected "\\end\\", got ""|t.arpa line 6: expected "\\end\\", got "end of file"/],
  ];
  it.each(bad)('reports %s with the line number', (_, text, message) => {
    expect(() => ArpaModel.parse(text, 't.arpa')).toThrow(message);
  });
  it('reports a file it cannot read', () => {
    expect(() => ArpaModel.read(join(dir, 'nope.arpa'))).toThrow(/ArpaModel.read: cannot read .*nope\.arpa/);
  });
  it('reads a file written elsewhere with a missing prefix', () => {
    writeFileSync(join(dir, 'gap.arpa'), '\\data\\\nngram 1=3\nngram 2=0\nngram 3=1\n\\1-grams:\n-1 a\n-1 b\n-1 </s>\n\\2-grams:\n\\3-grams:\n-0.1 a b </s>\n\\end\\\n');
    const m = ArpaModel.read(join(dir, 'gap.arpa'));
    expect(m.log10Prob('</s>', ['a', 'b'])).toBeCloseTo(-0.1, 14);
    expect(m.log10Prob('</s>', ['b'])).toBeCloseTo(-1, 14);
  });
});
