// The neural probabilistic language model of Bengio et al. (2003): embeddings of the k previous tokens, concatenated,
// a tanh hidden layer and a softmax over the vocabulary, with optional direct connections from the embeddings.
//
// Shapes: B = batch, k = contextSize, d = embeddingDim, H = hiddenSize, V = classes (vocabulary without <s>).
import { Generator, linear, nn, noGrad, tensor, type Tensor } from '@nn/core';
import { contextTargetPairs, type Vocabulary } from '@nn/data';
import type { NextTokenModel } from '../generation.js';
import type { ScoringModel } from '../scoring.js';
import { BOS, EOS } from '../tokens.js';
import { OutputClasses } from './vocabulary.js';

/** How the weights start. */
export type MLPInit = 'default' | 'scaled';

/** The shape and start of an {@link MLPLanguageModel}. */
export interface MLPLanguageModelConfig {
  /** Token <-> id mapping (from `languageModelVocabulary`); it must hold `<s>` and `</s>`. */
  vocabulary: Vocabulary;
  /** k: how many previous tokens the model sees (the order is k + 1). */
  contextSize: number;
  /** d: size of each token's embedding. */
  embeddingDim: number;
  /** H: tanh units of the hidden layer. */
  hiddenSize: number;
  /** Add the paper's direct connections W x from the concatenated embeddings to the output. Default false. */
  directConnections?: boolean;
  /**
   * `'default'` (default): @nn/core's layer defaults (embeddings N(0, 1), linear layers U(±1/sqrt(fan_in))).
   * `'scaled'`: the hidden weights N(0, (5/3)² / fan_in) (Kaiming for tanh, so units do not saturate), output and
   * direct weights N(0, 0.01²) and zero biases, so the first predictions are near uniform and the first loss near ln V.
   */
  init?: MLPInit;
  /** Seed of the initial weights. Default: drawn from @nn/core's global generator (`manualSeed`). */
  seed?: number;
}

const FN = 'MLPLanguageModel';

function checkSize(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`${FN}: ${name} must be a positive integer, got ${String(v)}`);
}

/**
 * y = b + W x + U tanh(d + H x), x the concatenated embeddings of the k previous tokens (W only with direct
 * connections), trained with softmax cross-entropy. `forward` maps (B, k) int32 context ids to (B, V) logits;
 * as a `ScoringModel` and `NextTokenModel` it scores and generates text like the n-gram models.
 */
export class MLPLanguageModel extends nn.Module implements ScoringModel, NextTokenModel {
  readonly embedding: nn.Embedding;
  readonly hidden: nn.Linear;
  readonly output: nn.Linear;
  readonly direct: nn.Linear | null;
  /** Token <-> id mapping of the inputs (every token, `<s>` included). */
  readonly tokenVocabulary: Vocabulary;
  readonly contextSize: number;
  readonly embeddingDim: number;
  readonly hiddenSize: number;
  readonly init: MLPInit;
  readonly normalized = true;
  private readonly classes: OutputClasses;

  constructor(config: MLPLanguageModelConfig) {
    super();
    if (typeof config !== 'object' || config === null) throw new TypeError(`${FN}: expected a config object`);
    const { vocabulary, contextSize, embeddingDim, hiddenSize } = config;
    checkSize('contextSize', contextSize);
    checkSize('embeddingDim', embeddingDim);
    checkSize('hiddenSize', hiddenSize);
    const init = config.init ?? 'default';
    if (init !== 'default' && init !== 'scaled') throw new RangeError(`${FN}: init must be 'default' or 'scaled', got ${JSON.stringify(init)}`);
    if (config.seed !== undefined && !(Number.isSafeInteger(config.seed) && config.seed >= 0)) {
      throw new RangeError(`${FN}: seed must be an integer >= 0, got ${config.seed}`);
    }
    this.classes = new OutputClasses(vocabulary, FN);
    if (this.classes.size < 2) throw new RangeError(`${FN}: the vocabulary predicts ${this.classes.size} token; a language model needs at least 2`);
    this.tokenVocabulary = vocabulary;
    this.contextSize = contextSize;
    this.embeddingDim = embeddingDim;
    this.hiddenSize = hiddenSize;
    this.init = init;
    const generator = config.seed === undefined ? undefined : new Generator(config.seed);
    const layer = generator === undefined ? {} : { generator };
    const inputs = contextSize * embeddingDim;
    this.embedding = new nn.Embedding(vocabulary.size, embeddingDim, layer);
    this.hidden = new nn.Linear(inputs, hiddenSize, layer);
    this.output = new nn.Linear(hiddenSize, this.classes.size, layer);
    this.direct = config.directConnections === true ? new nn.Linear(inputs, this.classes.size, { ...layer, bias: false }) : null;
    if (init === 'scaled') {
      nn.init.kaimingNormal_(this.hidden.weight, { nonlinearity: 'tanh', ...layer });
      nn.init.zeros_(this.hidden.bias!);
      nn.init.normal_(this.output.weight, 0, 0.01, generator);
      nn.init.zeros_(this.output.bias!);
      if (this.direct !== null) nn.init.normal_(this.direct.weight, 0, 0.01, generator);
    }
  }

  /** Whether the output has direct connections from the embeddings. */
  get directConnections(): boolean {
    return this.direct !== null;
  }

  /** k + 1: the history length plus the predicted token. */
  get order(): number {
    return this.contextSize + 1;
  }

  /** The tokens the model predicts, in class order: the vocabulary without `<s>`. */
  get vocabulary(): readonly string[] {
    return this.classes.tokens;
  }

  /** contexts (B, k) int32 vocabulary ids -> logits (B, V) over {@link vocabulary}. */
  forward(contexts: Tensor): Tensor {
    const k = this.contextSize;
    if (contexts.dtype !== 'int32' || contexts.ndim !== 2 || contexts.shape[1] !== k) {
      throw new RangeError(`${FN}.forward: expected int32 context ids of shape [B, ${k}], got ${contexts.dtype} [${contexts.shape.join(', ')}]`);
    }
    const x = this.embedding.forward(contexts).reshape([-1, k * this.embeddingDim]); // (B, k·d)
    const h = linear(x, this.hidden.weight, this.hidden.bias, { activation: 'tanh' }); // (B, H)
    const logits = linear(h, this.output.weight, this.output.bias); // (B, V)
    return this.direct === null ? logits : logits.add(linear(x, this.direct.weight));
  }

  /**
   * Training examples of tokenised sentences (without markers): every token and each sentence's `</s>` is a target,
   * its context the k ids before it (left-padded with `<s>`). Unknown tokens become `<unk>` (an error without one).
   */
  examples(sentences: Iterable<readonly string[]>): { contexts: Tensor; targets: Tensor } {
    const fn = `${FN}.examples`;
    const vocab = this.tokenVocabulary;
    const ids: Int32Array[] = [];
    let index = 0;
    for (const sentence of sentences) {
      if (!Array.isArray(sentence)) throw new TypeError(`${fn}: sentence ${index} is not an array of tokens`);
      const marker = sentence.findIndex((t) => t === BOS || t === EOS);
      if (marker >= 0) throw new Error(`${fn}: sentence ${index} holds the marker ${sentence[marker]} at position ${marker}; pass sentences without padding`);
      try {
        ids.push(vocab.encode(sentence));
      } catch (e) {
        throw new Error(`${fn}: sentence ${index}: ${(e as Error).message}`);
      }
      index++;
    }
    if (ids.length === 0) throw new Error(`${fn}: no sentences`);
    const pairs = contextTargetPairs(ids, this.contextSize, this.classes.bosId, { endId: vocab.id(EOS) });
    const targets = pairs.targets.map((id) => this.classes.classOf(id));
    return {
      contexts: tensor(pairs.contexts, { shape: [pairs.count, pairs.contextSize] }),
      targets: tensor(targets, { shape: [pairs.count] }),
    };
  }

  /** Vocabulary ids of the last k context tokens, left-padded with `<s>`. */
  private contextIds(fn: string, context: readonly string[]): Int32Array {
    const k = this.contextSize;
    const ids = new Int32Array(k).fill(this.classes.bosId);
    const tail = context.slice(Math.max(0, context.length - k));
    tail.forEach((token, i) => {
      if (token === EOS) throw new Error(`${fn}: the context holds ${EOS}, which ends a sentence`);
      const id = this.tokenVocabulary.lookup(token) ?? this.tokenVocabulary.unkId;
      if (id === null) throw new Error(`${fn}: the context token ${JSON.stringify(token)} is not in the vocabulary, which has no <unk>`);
      ids[k - tail.length + i] = id;
    });
    return ids;
  }

  /** ln P(token | context) for every token of {@link vocabulary}, in float64 (a stable log-softmax). */
  logDistribution(context: readonly string[] = []): Float64Array {
    const ids = this.contextIds(`${FN}.logDistribution`, context);
    const logits = noGrad(() => this.forward(tensor(ids, { shape: [1, this.contextSize] }))).toFlatArray();
    let max = -Infinity;
    for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
    let sum = 0;
    for (let i = 0; i < logits.length; i++) sum += Math.exp((logits[i] as number) - max);
    const lse = max + Math.log(sum);
    return Float64Array.from(logits as ArrayLike<number>, (v) => v - lse);
  }

  /** P(token | context) for every token of {@link vocabulary}; only the last k context tokens matter. */
  distribution(context: readonly string[] = []): Float64Array {
    return this.logDistribution(context).map(Math.exp);
  }

  /** ln P(word | context). An unknown word scores as `<unk>`, or -Infinity when the vocabulary has none. */
  logProb(word: string, context: readonly string[] = []): number {
    if (word === BOS) throw new Error(`${FN}.logProb: ${BOS} is only ever context and is never predicted`);
    const id = this.tokenVocabulary.lookup(word) ?? this.tokenVocabulary.unkId;
    const logProbs = this.logDistribution(context);
    return id === null ? -Infinity : logProbs[this.classes.classOf(id)]!;
  }

  /** P(word | context). */
  prob(word: string, context: readonly string[] = []): number {
    return Math.exp(this.logProb(word, context));
  }

  protected override extraRepr(): string {
    return `vocabulary=${this.tokenVocabulary.size}, contextSize=${this.contextSize}, embeddingDim=${this.embeddingDim}, hiddenSize=${this.hiddenSize}, directConnections=${this.directConnections}, init=${this.init}`;
  }
}
