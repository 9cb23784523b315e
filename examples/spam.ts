// Spam filtering on the SpamAssassin corpus: bag-of-words features, logistic regression and an MLP trained with fit.
import { join } from 'node:path';
import { backendInfo, manualSeed, nn, noGrad, type Tensor } from '@nn/core';
import { TfidfEncoder, Vocabulary, bagOfWords, createWordTokenizer, loadSpamAssassin, stratifiedSplit, type CsrMatrix } from '@nn/data';
import { binaryCrossEntropyWithLogits } from '@nn/losses';
import { Adam } from '@nn/optim';
import { accuracy, f1, fit, precision, recall, type Metric } from '@nn/train';
import { FlagError, choiceFlag, nonNegativeInt, numberFlag, parseFlags, positiveInt, runMain } from './lib/cli.js';
import { sparseRowLoader, type DenseBatch } from './lib/sparse-batches.js';

const SCRIPT = 'spam';
const MODELS = ['lr', 'mlp', 'both'] as const;
const FEATURES = ['binary', 'tfidf'] as const;
const TEXTS = ['body', 'full'] as const;
const USAGE = `usage: spam [--model lr|mlp|both] [--epochs 5] [--vocab-size 20000] [--min-freq 2] [--features binary|tfidf]
            [--text body|full] [--hidden 64] [--batch-size 64] [--lr auto (lr 0.005, mlp 0.001)] [--seed 0] [--out runs/spam]`;

type ModelName = 'lr' | 'mlp';
const DEFAULT_LR: Record<ModelName, number> = { lr: 0.005, mlp: 0.001 };
const TITLE: Record<ModelName, string> = { lr: 'logistic regression', mlp: 'one-hidden-layer MLP' };

/** Binary classification metrics on logits: spam (1) is the positive class. */
const spamMetrics = (): Metric[] => [accuracy({ fromLogits: true }), precision({ fromLogits: true }), recall({ fromLogits: true }), f1({ fromLogits: true })];

/** A mail without its header block (everything up to the first blank line). */
function bodyOf(mail: string): string {
  const end = /\r?\n\r?\n/.exec(mail);
  return end === null ? '' : mail.slice(end.index + end[0].length);
}

/** Features of every mail (rows in corpus order) and the split, built from the training mails alone. */
interface Corpus { features: CsrMatrix; labels: Float32Array; train: number[]; valid: number[]; test: number[]; vocab: Vocabulary }

function prepare(vocabSize: number, minFreq: number, kind: 'binary' | 'tfidf', text: 'full' | 'body', seed: number): Corpus {
  const mails = loadSpamAssassin({ progress: false });
  const labels = Float32Array.from(mails, (m) => (m.label === 'spam' ? 1 : 0));
  const [train, valid, test] = stratifiedSplit(mails.map((m) => m.label), [0.8, 0.1, 0.1], { seed }) as [number[], number[], number[]];
  const tokenize = createWordTokenizer({ lowercase: true, punctuation: 'drop' });
  const tokens = mails.map((m) => tokenize(text === 'body' ? bodyOf(m.text) : m.text));
  const trainTokens = train.map((i) => tokens[i]!);
  // The vocabulary and the idf weights see the training mails only, so validation and test stay unseen.
  const vocab = Vocabulary.build(trainTokens, { maxSize: vocabSize, minFreq, progress: false });
  const features = kind === 'binary'
    ? bagOfWords(tokens, vocab, { binary: true, progress: false })
    : new TfidfEncoder(vocab, { sublinearTf: true, progress: false }).fit(trainTokens).transform(tokens);
  return { features, labels, train, valid, test, vocab };
}

/** One logit per mail, shape (B): the body's (B, 1) output flattened to match the (B) targets. */
class SpamClassifier extends nn.Module {
  constructor(readonly body: nn.Linear | nn.Sequential) {
    super();
  }

  forward(x: Tensor): Tensor {
    return this.body.forward(x).reshape([-1]);
  }
}

/** Logistic regression (one linear layer) or an MLP with one hidden ReLU layer and dropout. */
function buildModel(name: ModelName, inputs: number, hidden: number): SpamClassifier {
  return new SpamClassifier(name === 'lr'
    ? new nn.Linear(inputs, 1)
    : new nn.Sequential(new nn.Linear(inputs, hidden), new nn.ReLU(), new nn.Dropout(0.2), new nn.Linear(hidden, 1)));
}

/** The metrics of a trained model on a loader's batches, under noGrad in eval mode. */
function evaluate(model: SpamClassifier, batches: Iterable<DenseBatch>): Record<string, number> {
  const metrics = spamMetrics();
  model.eval();
  noGrad(() => {
    for (const { x, y } of batches) {
      const logits = model.forward(x);
      for (const m of metrics) m.update(logits, y);
    }
  });
  model.train();
  return Object.fromEntries(metrics.map((m) => [m.name, m.compute()]));
}

function main(): void {
  const flags = parseFlags(SCRIPT, USAGE, {
    model: { type: 'string', default: 'both' }, epochs: { type: 'string', default: '5' },
    'vocab-size': { type: 'string', default: '20000' }, 'min-freq': { type: 'string', default: '2' },
    features: { type: 'string', default: 'binary' }, text: { type: 'string', default: 'body' }, hidden: { type: 'string', default: '64' },
    'batch-size': { type: 'string', default: '64' }, lr: { type: 'string', default: 'auto' },
    seed: { type: 'string', default: '0' }, out: { type: 'string', default: 'runs/spam' },
  });
  const which = choiceFlag(SCRIPT, 'model', flags.model, MODELS);
  const epochs = positiveInt(SCRIPT, 'epochs', flags.epochs);
  const vocabSize = positiveInt(SCRIPT, 'vocab-size', flags['vocab-size']);
  if (vocabSize < 3) throw new FlagError(`${SCRIPT}: --vocab-size must be at least 3 (<pad>, <unk> and one word), got ${vocabSize}`);
  const minFreq = positiveInt(SCRIPT, 'min-freq', flags['min-freq']);
  const kind = choiceFlag(SCRIPT, 'features', flags.features, FEATURES);
  const text = choiceFlag(SCRIPT, 'text', flags.text, TEXTS);
  const hidden = positiveInt(SCRIPT, 'hidden', flags.hidden);
  const batchSize = positiveInt(SCRIPT, 'batch-size', flags['batch-size']);
  const lrFlag = flags.lr === 'auto' ? undefined : numberFlag(SCRIPT, 'lr', flags.lr, (v) => v > 0, "'auto' or a positive number");
  const seed = nonNegativeInt(SCRIPT, 'seed', flags.seed);

  const started = Date.now();
  const corpus = prepare(vocabSize, minFreq, kind, text, seed);
  const { features, labels, train, valid, test, vocab } = corpus;
  const spamIn = (rows: number[]): number => rows.reduce((s, r) => s + labels[r]!, 0);
  const info = backendInfo();
  console.log(`@nn spam: SpamAssassin, ${labels.length} mails (${spamIn([...train, ...valid, ...test])} spam); stratified split ${train.length} train / ${valid.length} valid / ${test.length} test (seed ${seed})`);
  console.log(`features: ${kind} bag of words of the ${text === 'body' ? 'mail bodies' : 'whole mails (headers included)'} over ${vocab.size} tokens (min count ${minFreq}, from the training mails), ${(features.nnz / labels.length).toFixed(0)} non-zeros per mail; prepared in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`backend: ${info.backend} (${info.isa}, ${info.threads} thread${info.threads === 1 ? '' : 's'}); loss: BCE with logits; optimizer: Adam; batches of ${batchSize}`);

  const trainData = sparseRowLoader(features, labels, train, { batchSize, shuffle: true, seed });
  const validData = sparseRowLoader(features, labels, valid, { batchSize: 256 });
  const testData = sparseRowLoader(features, labels, test, { batchSize: 256 });
  const results: string[] = [];
  for (const name of which === 'both' ? (['lr', 'mlp'] as const) : [which]) {
    manualSeed(seed);
    const lr = lrFlag ?? DEFAULT_LR[name];
    const model = buildModel(name, vocab.size, hidden);
    console.log(`\n${TITLE[name]}${name === 'mlp' ? ` (${vocab.size} -> ${hidden} ReLU, dropout 0.2 -> 1)` : ` (${vocab.size} -> 1)`}, lr ${lr}, ${epochs} epoch${epochs === 1 ? '' : 's'}`);
    const history = fit({
      model, loss: binaryCrossEntropyWithLogits, optimizer: new Adam(model.parameters(), { lr }), trainData, validData, epochs,
      metrics: spamMetrics(), stream: process.stdout, outDir: join(flags.out, name), name: `spam: ${TITLE[name]}, ${kind} features`,
    });
    const v = Object.fromEntries(Object.entries(history.valid).map(([k, s]) => [k, s.at(-1)!]));
    const t = evaluate(model, testData);
    const line = `${name.padEnd(3)}  valid accuracy ${v['accuracy']!.toFixed(4)}  valid f1 ${v['f1']!.toFixed(4)}  test accuracy ${t['accuracy']!.toFixed(4)}  test precision ${t['precision']!.toFixed(4)}  test recall ${t['recall']!.toFixed(4)}  test f1 ${t['f1']!.toFixed(4)}`;
    console.log(`test: accuracy ${t['accuracy']!.toFixed(4)}  precision ${t['precision']!.toFixed(4)}  recall ${t['recall']!.toFixed(4)}  f1 ${t['f1']!.toFixed(4)} (${test.length} mails, ${spamIn(test)} spam)`);
    results.push(line);
  }
  console.log('\nresults');
  for (const line of results) console.log(line);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

runMain(main);
