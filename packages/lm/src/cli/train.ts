// nn-lm train: fits an n-gram or a neural (Bengio MLP) language model on a one-sentence-per-line corpus and saves it.
import { ArrayDataset, randomSplit } from '@nn/data';
import { manualSeed } from '@nn/core';
import { Adam, AdamW, SGD, type Optimizer } from '@nn/optim';
import { NgramModel, SMOOTHINGS, type Smoothing } from '../ngram/model.js';
import { MLPLanguageModel } from '../neural/mlp.js';
import { trainLanguageModel } from '../neural/train.js';
import { languageModelVocabulary } from '../neural/vocabulary.js';
import { Flags, parseCommand, UsageError, type FlagSpec } from './args.js';
import { saveMlpDirectory, saveNgramDirectory } from './model-dir.js';
import { readCorpus, TEXT_LEVELS, type TextLevel } from './text.js';

export const TRAIN_USAGE = `usage: nn-lm train [options] CORPUS --out DIR

Trains a language model on CORPUS (one sentence, or one name, per line) and saves it in DIR.

  --model ngram|mlp        n-gram counts or the Bengio et al. (2003) neural model (default ngram)
  --level char|word        tokens are characters or words (default word)
  --out DIR                the model directory to write (required)
  --min-freq N             tokens seen fewer times become <unk> (default 1)

n-gram models:
  --order N                n-gram order (default 3)
  --smoothing NAME         ${SMOOTHINGS.join(', ')} (default modified-kneser-ney)
  --alpha A                Lidstone's alpha in (0, 1]

neural models (progress and the train/valid loss per epoch go to stderr):
  --context K              previous tokens seen (default 3)
  --embedding D            embedding size (default 10)
  --hidden H               tanh units (default 200)
  --direct                 direct connections from the embeddings to the output
  --init default|scaled    weight initialisation (default scaled)
  --steps N                minibatch steps (default 10000)
  --batch-size B           examples per step (default 32)
  --optimizer sgd|adam|adamw  (default sgd)
  --lr LR                  learning rate (default 0.1 for sgd, 0.001 otherwise), decayed tenfold half-way
  --valid FILE             held-out sentences for the validation loss (default: --valid-fraction of CORPUS)
  --valid-fraction F       fraction of CORPUS held out when --valid is not given (default 0.1; 0 for none)
  --seed N                 seed of the weights, the split and the minibatch order (default 0)
  --curves DIR             write learning curves (loss.svg, report.html, history.json) to DIR
`;

const FLAGS: FlagSpec = {
  model: { type: 'string' }, level: { type: 'string' }, out: { type: 'string', short: 'o' }, 'min-freq': { type: 'string' },
  order: { type: 'string' }, smoothing: { type: 'string' }, alpha: { type: 'string' },
  context: { type: 'string' }, embedding: { type: 'string' }, hidden: { type: 'string' }, direct: { type: 'boolean' },
  init: { type: 'string' }, steps: { type: 'string' }, 'batch-size': { type: 'string' }, optimizer: { type: 'string' },
  lr: { type: 'string' }, valid: { type: 'string' }, 'valid-fraction': { type: 'string' }, seed: { type: 'string' }, curves: { type: 'string' },
};

const NGRAM_ONLY = ['order', 'smoothing', 'alpha'];
const MLP_ONLY = ['context', 'embedding', 'hidden', 'direct', 'init', 'steps', 'batch-size', 'optimizer', 'lr', 'valid', 'valid-fraction', 'seed', 'curves'];

/** Runs `nn-lm train`; returns the exit status. */
export function trainCommand(args: readonly string[]): number {
  const cmd = parseCommand('train', args, FLAGS, { min: 1, max: 1, names: 'one CORPUS file' });
  if (cmd.help) {
    process.stdout.write(TRAIN_USAGE);
    return 0;
  }
  const flags = new Flags('train', cmd.values);
  const kind = flags.choice('model', ['ngram', 'mlp'] as const, 'ngram');
  const misplaced = (kind === 'ngram' ? MLP_ONLY : NGRAM_ONLY).filter((f) => flags.has(f));
  if (misplaced.length > 0) throw new UsageError(`nn-lm train: --${misplaced[0]} does not apply to --model ${kind}`);
  const out = flags.optionalString('out');
  if (out === undefined) throw new UsageError('nn-lm train: --out DIR is required (the model directory to write)');
  const level = flags.choice('level', TEXT_LEVELS, 'word');
  const minFreq = flags.int('min-freq', 1);
  const corpusPath = cmd.positionals[0]!;
  const metadata = { level, corpus: corpusPath };
  const started = Date.now();
  if (kind === 'ngram') {
    const smoothing = flags.choice('smoothing', SMOOTHINGS, 'modified-kneser-ney' as Smoothing);
    const alpha = flags.optionalNumber('alpha', 0, 1);
    const order = flags.int('order', 3);
    const corpus = readCorpus('train', corpusPath, level);
    const model = new NgramModel({ order, smoothing, minFreq, ...(alpha === undefined ? {} : { alpha }) }).fit(corpus);
    saveNgramDirectory(model, out, metadata);
    const counts = model.counts;
    process.stdout.write(`trained a ${model.order}-gram model (${smoothing}) on ${counts.sentences} sentences, ${counts.tokens} tokens, ` +
      `vocabulary ${model.vocabulary.length}, in ${((Date.now() - started) / 1000).toFixed(1)} s; saved to ${out}\n`);
    return 0;
  }
  trainMlp(flags, out, minFreq, metadata, started);
  return 0;
}

function trainMlp(flags: Flags, out: string, minFreq: number, metadata: { level: TextLevel; corpus: string }, started: number): void {
  const seed = flags.int('seed', 0, 0);
  const steps = flags.int('steps', 10000);
  const batchSize = flags.int('batch-size', 32);
  const optimizerName = flags.choice('optimizer', ['sgd', 'adam', 'adamw'] as const, 'sgd');
  const lr = flags.number('lr', optimizerName === 'sgd' ? 0.1 : 1e-3, 0);
  const shape = {
    contextSize: flags.int('context', 3), embeddingDim: flags.int('embedding', 10), hiddenSize: flags.int('hidden', 200),
    directConnections: flags.bool('direct'), init: flags.choice('init', ['default', 'scaled'] as const, 'scaled'),
  };
  const validPath = flags.optionalString('valid');
  if (validPath !== undefined && flags.has('valid-fraction')) throw new UsageError('nn-lm train: give --valid or --valid-fraction, not both');
  const fraction = flags.number('valid-fraction', 0.1, 0, 0.5, true);
  const corpus = readCorpus('train', metadata.corpus, metadata.level);
  let train = corpus, valid: string[][] | undefined;
  if (validPath !== undefined) {
    valid = readCorpus('train', validPath, metadata.level);
  } else {
    if (fraction > 0) {
      if (corpus.length < 2) throw new Error(`nn-lm train: ${metadata.corpus} has 1 sentence; a validation split needs at least 2 (or pass --valid-fraction 0)`);
      const [t, v] = randomSplit(new ArrayDataset(corpus), [1 - fraction, fraction], { seed });
      train = t!.indices.map((i) => corpus[i]!);
      valid = v!.indices.map((i) => corpus[i]!);
      if (valid.length === 0) valid = undefined;
    }
  }
  manualSeed(seed);
  const model = new MLPLanguageModel({ vocabulary: languageModelVocabulary(train, { minFreq }), ...shape, seed });
  const optimizer: Optimizer = optimizerName === 'sgd' ? new SGD(model.parameters(), { lr })
    : optimizerName === 'adam' ? new Adam(model.parameters(), { lr }) : new AdamW(model.parameters(), { lr });
  const curves = flags.optionalString('curves');
  process.stderr.write(`training a neural model (vocabulary ${model.tokenVocabulary.size}, context ${shape.contextSize}, embedding ` +
    `${shape.embeddingDim}, hidden ${shape.hiddenSize}${shape.directConnections ? ', direct connections' : ''}, init ${shape.init}, ` +
    `${optimizerName} lr ${lr}) on ${train.length} sentences${valid === undefined ? '' : `, validating on ${valid.length}`}\n`);
  const history = trainLanguageModel(model, {
    train, ...(valid === undefined ? {} : { valid }), steps, batchSize, optimizer, seed,
    fit: { name: `nn-lm ${metadata.corpus}`, ...(curves === undefined ? {} : { outDir: curves }) },
  });
  saveMlpDirectory(model, out, metadata);
  const last = (xs: number[] | undefined): string => (xs === undefined || xs.length === 0 ? 'n/a' : xs.at(-1)!.toFixed(4));
  process.stdout.write(`trained a neural model (context ${model.contextSize}, ${model.vocabulary.length} classes) for ${steps} steps in ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s: train loss ${last(history.train['loss'])}, valid loss ${last(history.valid['loss'])} ` +
    `(nats/token); saved to ${out}\n`);
}
