// The workloads in @nn, written as a user would with the public API; run by run.mjs in a child process of its own.
import * as core from '@nn/core';
import { binaryCrossEntropyWithLogits, crossEntropy } from '@nn/losses';
import { Adam, SGD } from '@nn/optim';
import { densify, emit, examplesBetween, readConfig, readSpamFeatures, syntheticIds, timeSteps } from './common.mjs';

const { nn, embedding, linear, randint, tensor } = core;
const config = readConfig();
core.setNumThreads(config.threads);
const generator = new core.Generator(config.seed);
const makeOptimizer = (params, spec) => (spec.optimizer === 'sgd' ? new SGD(params, { lr: spec.lr }) : new Adam(params, { lr: spec.lr }));

// Embedding -> flatten (batch, context * embed) -> linear + tanh -> linear to vocab logits -> cross-entropy.
function languageModel(spec) {
  const { vocab, context, embed, hidden, batch, rows } = spec;
  const xs = tensor(syntheticIds(config.seed, rows * context, vocab), { dtype: 'int32', shape: [rows, context] });
  const ys = tensor(syntheticIds(config.seed + 1, rows, vocab), { dtype: 'int32', shape: [rows] });
  const table = new nn.Embedding(vocab, embed, { generator });
  const hiddenLayer = new nn.Linear(context * embed, hidden, { generator });
  const output = new nn.Linear(hidden, vocab, { generator });
  const params = [...table.parameters(), ...hiddenLayer.parameters(), ...output.parameters()];
  const optimizer = makeOptimizer(params, spec);
  return () => {
    const ix = randint(0, rows, [batch], { generator });
    const x = xs.indexSelect(0, ix), y = ys.indexSelect(0, ix);
    const e = embedding(x, table.weight).reshape([batch, context * embed]);
    const h = linear(e, hiddenLayer.weight, hiddenLayer.bias, { activation: 'tanh' });
    const loss = crossEntropy(output.forward(h), y);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    return loss;
  };
}

// Bag-of-words rows (dense float32) -> [linear + relu] -> linear to one logit -> binary cross-entropy; one epoch per call.
function spamClassifier(spec) {
  const features = readSpamFeatures(config.features);
  const { rows, cols } = features;
  const x = tensor(densify(features), { shape: [rows, cols] });
  const y = tensor(features.labels, { shape: [rows, 1] });
  const layers = spec.hidden > 0 ? [new nn.Linear(cols, spec.hidden, { generator }), new nn.ReLU(), new nn.Linear(spec.hidden, 1, { generator })] : [new nn.Linear(cols, 1, { generator })];
  const model = new nn.Sequential(...layers);
  const optimizer = makeOptimizer(model.parameters(), spec);
  let order = new Int32Array(0), cursor = rows;
  const step = () => {
    if (cursor >= rows) { order = shuffled(rows); cursor = 0; }
    const ix = tensor(order.subarray(cursor, Math.min(cursor + spec.batch, rows)), { dtype: 'int32' });
    cursor += spec.batch;
    const loss = binaryCrossEntropyWithLogits(model.forward(x.indexSelect(0, ix)), y.indexSelect(0, ix));
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    return loss;
  };
  return Object.assign(step, { rows });
}

function shuffled(n) {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = generator.nextInt(0, i + 1); [p[i], p[j]] = [p[j], p[i]]; }
  return p;
}

const info = core.backendInfo();
const step = config.workload.startsWith('spam') ? spamClassifier(config.spec) : languageModel(config.spec);
const timed = timeSteps(step, config);
const examples = step.rows === undefined ? undefined : examplesBetween(config.warmup, config.warmup + timed.steps, step.rows, config.spec.batch);
emit({ steps: timed.steps, seconds: timed.seconds, examples, loss: timed.last.item(), threads: info.threads, detail: `${info.backend} ${info.isa}` });
