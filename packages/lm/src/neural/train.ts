// Training a neural language model on tokenised sentences with @nn/train's fit: shuffled minibatches of (context,
// target) examples, softmax cross-entropy, SGD with a step-decayed learning rate unless another optimizer is given.
import { crossEntropyFromLogits, noGrad, type Tensor } from '@nn/core';
import { DataLoader, TensorDataset } from '@nn/data';
import { MultiStepLR, SGD, type Optimizer } from '@nn/optim';
import { fit, type FitOptions, type History } from '@nn/train';
import type { CorpusScore } from '../scoring.js';
import type { MLPLanguageModel } from './mlp.js';

/** Settings of {@link trainLanguageModel}. */
export interface TrainLanguageModelOptions {
  /** Training sentences, tokenised, without markers. */
  train: Iterable<readonly string[]>;
  /** Held-out sentences scored after every epoch (the `valid loss` of the history). */
  valid?: Iterable<readonly string[]>;
  /** Optimizer steps (minibatches) to train. */
  steps: number;
  /** Examples per minibatch. Default 32. */
  batchSize?: number;
  /** Learning rate of the default SGD optimizer. Default 0.1. */
  lr?: number;
  /** Steps at which the learning rate is multiplied by `lrGamma`. Default: once, half-way. */
  lrMilestones?: readonly number[];
  /** Factor of each learning-rate decay. Default 0.1 (0.1 then 0.01 with the defaults). */
  lrGamma?: number;
  /** Use this optimizer (any @nn/optim one over `model.parameters()`) instead of SGD; the milestones still apply. */
  optimizer?: Optimizer;
  /** Seed of the minibatch order. Default 0. */
  seed?: number;
  /** Further options of `fit`: progress, stream, outDir, name, callbacks, metrics, checkpoint... */
  fit?: Partial<Omit<FitOptions, 'model' | 'loss' | 'optimizer' | 'trainData' | 'validData' | 'maxSteps' | 'epochs'>>;
}

const FN = 'trainLanguageModel';

/** Softmax cross-entropy of (B, V) logits against (B) int32 classes, in nats per token. */
export const languageModelLoss = (logits: Tensor, targets: Tensor): Tensor => crossEntropyFromLogits(logits, targets);

/** Validation batches of at most `rows` examples: views of the example tensors, no copies. */
function chunks(contexts: Tensor, targets: Tensor, rows: number): Array<[Tensor, Tensor]> {
  const out: Array<[Tensor, Tensor]> = [];
  const n = targets.shape[0]!;
  for (let start = 0; start < n; start += rows) {
    const len = Math.min(rows, n - start);
    out.push([contexts.narrow(0, start, len), targets.narrow(0, start, len)]);
  }
  return out;
}

/**
 * Trains `model` for `steps` minibatches drawn in a new random order every epoch, validating after each epoch (and
 * after the last step), and returns fit's History: `history.valid.loss` is the held-out cross-entropy in nats per
 * token. The recipe of Bengio et al. as commonly reproduced: SGD, lr 0.1, decayed tenfold half-way.
 */
export function trainLanguageModel(model: MLPLanguageModel, options: TrainLanguageModelOptions): History {
  const { steps } = options;
  if (!Number.isSafeInteger(steps) || steps < 1) throw new RangeError(`${FN}: steps must be a positive integer, got ${steps}`);
  const batchSize = options.batchSize ?? 32;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`${FN}: batchSize must be a positive integer, got ${batchSize}`);
  const lr = options.lr ?? 0.1;
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`${FN}: lr must be a finite number > 0, got ${lr}`);
  const milestones = options.lrMilestones ?? [Math.floor(steps / 2)];
  const train = model.examples(options.train);
  // TensorDataset.getBatch gathers each minibatch's rows in one copy per tensor: [contexts (B, k), targets (B)].
  const trainData = new DataLoader<Tensor[], [Tensor, Tensor]>(new TensorDataset(train.contexts, train.targets), { batchSize, shuffle: true, seed: options.seed ?? 0 });
  const valid = options.valid === undefined ? undefined : model.examples(options.valid);
  const optimizer = options.optimizer ?? new SGD(model.parameters(), { lr });
  const scheduler = new MultiStepLR(optimizer, { milestones, gamma: options.lrGamma ?? 0.1 });
  return fit({
    ...options.fit,
    model, loss: languageModelLoss, optimizer, scheduler, schedulerInterval: 'step',
    trainData, maxSteps: steps, epochs: Math.ceil(steps / trainData.length),
    ...(valid === undefined ? {} : { validData: chunks(valid.contexts, valid.targets, 4096) }),
  });
}

/**
 * The scores of `evaluate` (nats, bits, perplexity over every token and end marker) computed in batches of
 * `batchSize` contexts instead of one forward pass per token: the same numbers to float32 rounding, much faster.
 */
export function evaluateLanguageModel(model: MLPLanguageModel, sentences: Iterable<readonly string[]>, batchSize = 4096): CorpusScore {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`evaluateLanguageModel: batchSize must be a positive integer, got ${batchSize}`);
  const list = [...sentences];
  const { contexts, targets } = model.examples(list);
  let logProb = 0;
  noGrad(() => {
    for (const [x, y] of chunks(contexts, targets, batchSize)) logProb -= crossEntropyFromLogits(model.forward(x), y, { reduction: 'sum' }).item();
  });
  const tokens = targets.shape[0]!;
  const nll = -logProb / tokens;
  const crossEntropy = nll / Math.LN2;
  return { logProb, tokens, sentences: list.length, nll, crossEntropy, perplexity: 2 ** crossEntropy };
}
