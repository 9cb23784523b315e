// The workloads in TensorFlow.js 4.22 (tf.variable, tf.train optimizers, tf.losses) on its 'cpu' or 'wasm' backend;
// run by run.mjs in a child process of its own. A workload the backend cannot train is reported, not crashed on.
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { densify, emit, emitUnsupported, examplesBetween, readConfig, readSpamFeatures, syntheticIds, timeSteps } from './common.mjs';

const config = readConfig();
const { spec } = config;
if (config.backend === 'wasm') wasm.setThreadsCount(config.threads);
if (!(await tf.setBackend(config.backend))) throw new Error(`tfjs child: backend '${config.backend}' failed to initialise`);
await tf.ready();
const threads = config.backend === 'wasm' ? wasm.getThreadsCount() : 1;

const makeOptimizer = () => (spec.optimizer === 'sgd' ? tf.train.sgd(spec.lr) : tf.train.adam(spec.lr, 0.9, 0.999, 1e-8));
// torch.nn.Linear's initialisation: weight and bias uniform in ±1/sqrt(fanIn); the weight is stored (in, out) here.
const linearParams = (fanIn, fanOut) => {
  const bound = 1 / Math.sqrt(fanIn);
  return [tf.variable(tf.randomUniform([fanIn, fanOut], -bound, bound)), tf.variable(tf.randomUniform([fanOut], -bound, bound))];
};

// Embedding (gather) -> flatten -> matMul + tanh -> matMul to vocab logits -> softmax cross-entropy on one-hot labels.
function languageModel() {
  const { vocab, context, embed, hidden, batch, rows } = spec;
  const xs = tf.tensor2d(syntheticIds(config.seed, rows * context, vocab), [rows, context], 'int32');
  const ys = tf.tensor1d(syntheticIds(config.seed + 1, rows, vocab), 'int32');
  const table = tf.variable(tf.randomNormal([vocab, embed]));
  const [w1, b1] = linearParams(context * embed, hidden), [w2, b2] = linearParams(hidden, vocab);
  const optimizer = makeOptimizer();
  let cost;
  return () => {
    cost?.dispose();
    cost = tf.tidy(() => {
      const ix = tf.randomUniform([batch], 0, rows, 'int32');
      const x = tf.gather(xs, ix), y = tf.oneHot(tf.gather(ys, ix), vocab);
      return optimizer.minimize(() => {
        const h = tf.tanh(tf.gather(table, x).reshape([batch, context * embed]).matMul(w1).add(b1));
        return tf.losses.softmaxCrossEntropy(y, h.matMul(w2).add(b2));
      }, true);
    });
    return cost;
  };
}

// Bag-of-words rows (dense float32) -> [matMul + relu] -> matMul to one logit -> sigmoid cross-entropy; one batch a call.
function spamClassifier() {
  const features = readSpamFeatures(config.features);
  const { rows, cols } = features;
  const x = tf.tensor2d(densify(features), [rows, cols]);
  const y = tf.tensor2d(features.labels, [rows, 1]);
  const layers = spec.hidden > 0 ? [linearParams(cols, spec.hidden), linearParams(spec.hidden, 1)] : [linearParams(cols, 1)];
  const optimizer = makeOptimizer();
  let order = new Int32Array(0), cursor = rows, cost;
  const step = () => {
    if (cursor >= rows) { order = tf.util.createShuffledIndices(rows); cursor = 0; }
    const ix = Int32Array.from(order.subarray(cursor, Math.min(cursor + spec.batch, rows)));
    cursor += spec.batch;
    cost?.dispose();
    cost = tf.tidy(() => {
      const idx = tf.tensor1d(ix, 'int32');
      const xb = tf.gather(x, idx), yb = tf.gather(y, idx);
      return optimizer.minimize(() => {
        const logits = layers.reduce((h, [w, b], i) => { const z = h.matMul(w).add(b); return i < layers.length - 1 ? tf.relu(z) : z; }, xb);
        return tf.losses.sigmoidCrossEntropy(yb, logits);
      }, true);
    });
    return cost;
  };
  return Object.assign(step, { rows });
}

const step = config.workload.startsWith('spam') ? spamClassifier() : languageModel();
try {
  step();
} catch (error) {
  emitUnsupported(`tfjs ${config.backend} backend: ${error.message}`);
  process.exit(0);
}
const timed = timeSteps(step, { ...config, warmup: Math.max(0, config.warmup - 1) });
const examples = step.rows === undefined ? undefined : examplesBetween(config.warmup, config.warmup + timed.steps, step.rows, spec.batch);
emit({ steps: timed.steps, seconds: timed.seconds, examples, loss: timed.last.dataSync()[0], threads, detail: `tfjs ${tf.version.tfjs} ${config.backend}` });
