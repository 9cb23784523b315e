// Layers with PyTorch's default initialisation: Linear, Embedding, Dropout, Maxout, and the containers.
import { dropout } from '../ops/dropout.js';
import { embedding } from '../ops/index-ops.js';
import { linear } from '../ops/matmul.js';
import { amax } from '../ops/reduce.js';
import { reshape } from '../ops/view.js';
import type { DType } from '../tensor/dtype.js';
import { empty } from '../ops/compute.js';
import type { Generator } from '../random/generator.js';
import type { Tensor } from '../tensor/tensor.js';
import { kaimingUniform_, normal_, uniform_ } from './init.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

/** A module that maps one tensor to one tensor, as Sequential chains them. */
export interface TensorModule extends Module {
  forward(x: Tensor): Tensor;
}

/** Options shared by layers that own parameters. */
export interface LayerOptions {
  dtype?: 'float32' | 'float64';
  /** Generator for the initial weights (default: the global one). */
  generator?: Generator;
}

function checkSize(layer: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${layer}: ${name} must be a positive integer, got ${v}`);
}

const param = (shape: number[], dtype: DType): Parameter => new Parameter(empty(shape, dtype));

/** y = x Wᵀ + b. Weight (out, in) and bias (out) start as U(-1/sqrt(in), 1/sqrt(in)), as in PyTorch. */
export class Linear extends Module implements TensorModule {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LayerOptions & { bias?: boolean } = {}) {
    super();
    checkSize('Linear', 'inFeatures', inFeatures);
    checkSize('Linear', 'outFeatures', outFeatures);
    const dtype = options.dtype ?? 'float32';
    this.weight = param([outFeatures, inFeatures], dtype);
    // kaiming_uniform(a = sqrt(5)) gives bound 1/sqrt(fanIn); the bias uses the same bound.
    kaimingUniform_(this.weight, { a: Math.sqrt(5), ...(options.generator ? { generator: options.generator } : {}) });
    const bound = 1 / Math.sqrt(inFeatures);
    this.bias = options.bias === false ? null : uniform_(param([outFeatures], dtype), -bound, bound, options.generator) as Parameter;
  }
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}

/** A lookup table of numEmbeddings vectors of size embeddingDim, initialised N(0, 1). */
export class Embedding extends Module {
  readonly weight: Parameter;
  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, options: LayerOptions = {}) {
    super();
    checkSize('Embedding', 'numEmbeddings', numEmbeddings);
    checkSize('Embedding', 'embeddingDim', embeddingDim);
    this.weight = normal_(param([numEmbeddings, embeddingDim], options.dtype ?? 'float32'), 0, 1, options.generator) as Parameter;
  }
  /** ids: int32 of any shape -> (...ids.shape, embeddingDim). */
  forward(ids: Tensor): Tensor {
    return embedding(ids, this.weight);
  }
  protected override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}`;
  }
}

/** Dropout with probability p in training mode; the identity in eval mode. */
export class Dropout extends Module implements TensorModule {
  constructor(readonly p = 0.5, private readonly generator?: Generator) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: probability p must be in [0, 1], got ${p}`);
  }
  forward(x: Tensor): Tensor {
    return dropout(x, { p: this.p, training: this.training, ...(this.generator ? { generator: this.generator } : {}) });
  }
  protected override extraRepr(): string {
    return `p=${this.p}`;
  }
}

/** Maxout (Goodfellow et al. 2013): the max over `pieces` linear maps; PyTorch has no built-in. */
export class Maxout extends Module implements TensorModule {
  readonly linear: Linear;
  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly pieces: number, options: LayerOptions = {}) {
    super();
    checkSize('Maxout', 'pieces', pieces);
    this.linear = new Linear(inFeatures, outFeatures * pieces, options);
  }
  forward(x: Tensor): Tensor {
    const z = this.linear.forward(x); // (..., out * pieces)
    return amax(reshape(z, [...x.shape.slice(0, -1), this.outFeatures, this.pieces]), -1);
  }
  protected override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, pieces=${this.pieces}`;
  }
}

/** Applies modules in order. */
export class Sequential extends Module implements TensorModule {
  readonly layers: TensorModule[];
  constructor(...layers: TensorModule[]) {
    super();
    this.layers = layers;
  }
  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, m) => m.forward(h), x);
  }
  protected override ownEntries(): Array<[string, Module]> {
    return this.layers.map((m, i) => [String(i), m]);
  }
}

/** A list of modules whose parameters are registered (index them yourself in forward). */
export class ModuleList<M extends Module = Module> extends Module {
  readonly items: M[];
  constructor(modules: readonly M[] = []) {
    super();
    this.items = [...modules];
  }
  get length(): number {
    return this.items.length;
  }
  at(i: number): M {
    const m = this.items.at(i);
    if (m === undefined) throw new RangeError(`ModuleList: index ${i} is out of range for ${this.items.length} modules`);
    return m;
  }
  push(m: M): this {
    this.items.push(m);
    return this;
  }
  [Symbol.iterator](): Iterator<M> {
    return this.items[Symbol.iterator]();
  }
  protected override ownEntries(): Array<[string, Module]> {
    return this.items.map((m, i) => [String(i), m]);
  }
}

