// Normalisation layers: BatchNorm1d (running statistics, train/eval) and LayerNorm, composed from differentiable ops.
import { noGrad } from '../autograd/grad-mode.js';
import { add, div, mul, sub } from '../ops/binary.js';
import { empty } from '../ops/compute.js';
import { mean, variance } from '../ops/reduce.js';
import { sqrt } from '../ops/unary.js';
import { reshape } from '../ops/view.js';
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { constant_, ones_ } from './init.js';
import type { LayerOptions, TensorModule } from './layers.js';
import { Module } from './module.js';
import { assignInPlace, Parameter } from './parameter.js';

/** Options of BatchNorm1d (PyTorch's defaults). */
export interface BatchNormOptions extends Pick<LayerOptions, 'dtype'> {
  eps?: number;
  /** Weight of the newest batch in the running averages (default 0.1). */
  momentum?: number;
  /** Learnable scale and shift (default true). */
  affine?: boolean;
  /** Keep running mean and variance for eval mode (default true). */
  trackRunningStats?: boolean;
}

/**
 * Batch normalisation over (N, C) or (N, C, L) inputs: normalises each channel with the batch mean and biased
 * variance in training (updating running mean and unbiased running variance), and with the running values in eval.
 */
export class BatchNorm1d extends Module implements TensorModule {
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  readonly eps: number;
  readonly momentum: number;

  constructor(readonly numFeatures: number, options: BatchNormOptions = {}) {
    super();
    if (!Number.isInteger(numFeatures) || numFeatures <= 0) throw new RangeError(`BatchNorm1d: numFeatures must be a positive integer, got ${numFeatures}`);
    const dtype = options.dtype ?? 'float32';
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    const affine = options.affine ?? true;
    this.weight = affine ? ones_(new Parameter(empty([numFeatures], dtype))) as Parameter : null;
    this.bias = affine ? new Parameter(empty([numFeatures], dtype)) : null;
    const track = options.trackRunningStats ?? true;
    this.runningMean = track ? this.registerBuffer('runningMean', empty([numFeatures], dtype)) : null;
    this.runningVar = track ? this.registerBuffer('runningVar', constant_(empty([numFeatures], dtype), 1)) : null;
  }

  forward(x: Tensor): Tensor {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== this.numFeatures) {
      throw new RangeError(`BatchNorm1d: expected input (N, ${this.numFeatures}) or (N, ${this.numFeatures}, L), got shape ${formatShape(x.shape)}`);
    }
    const dims = x.ndim === 2 ? [0] : [0, 2];
    const bshape = x.ndim === 2 ? [1, this.numFeatures] : [1, this.numFeatures, 1];
    const useBatch = this.training || this.runningMean === null;
    let m: Tensor, v: Tensor;
    if (useBatch) {
      const count = dims.reduce((c, d) => c * x.shape[d]!, 1);
      if (this.training && count <= 1) throw new RangeError(`BatchNorm1d: expected more than 1 value per channel when training, got input shape ${formatShape(x.shape)}`);
      m = mean(x, dims, true);
      v = variance(x, dims, { correction: 0, keepdim: true });
      if (this.training && this.runningMean !== null && this.runningVar !== null) {
        const rm = this.runningMean, rv = this.runningVar, mom = this.momentum;
        noGrad(() => {
          assignInPlace('BatchNorm1d', rm, add(mul(rm, 1 - mom), mul(reshape(m, [this.numFeatures]), mom)));
          // The running variance is the unbiased estimate, as in PyTorch.
          const unbiased = mul(reshape(v, [this.numFeatures]), count / (count - 1));
          assignInPlace('BatchNorm1d', rv, add(mul(rv, 1 - mom), mul(unbiased, mom)));
        });
      }
    } else {
      m = reshape(this.runningMean!, bshape);
      v = reshape(this.runningVar!, bshape);
    }
    let y = div(sub(x, m), sqrt(add(v, this.eps)));
    if (this.weight !== null && this.bias !== null) y = add(mul(y, reshape(this.weight, bshape)), reshape(this.bias, bshape));
    return y;
  }

  protected override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.weight !== null}, trackRunningStats=${this.runningMean !== null}`;
  }
}

/** Layer normalisation over the trailing `normalizedShape` dims, with learnable scale and shift by default. */
export class LayerNorm extends Module implements TensorModule {
  readonly normalizedShape: number[];
  readonly weight: Parameter | null;
  readonly bias: Parameter | null;
  constructor(normalizedShape: number | readonly number[], options: { eps?: number; elementwiseAffine?: boolean; dtype?: 'float32' | 'float64' } = {}) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = options.eps ?? 1e-5;
    const dtype = options.dtype ?? 'float32';
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? ones_(new Parameter(empty(this.normalizedShape, dtype))) as Parameter : null;
    this.bias = affine ? new Parameter(empty(this.normalizedShape, dtype)) : null;
  }
  readonly eps: number;

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    if (x.ndim < k || x.shape.slice(-k).some((s, i) => s !== this.normalizedShape[i])) {
      throw new RangeError(`LayerNorm: input shape ${formatShape(x.shape)} does not end with normalizedShape ${formatShape(this.normalizedShape)}`);
    }
    const dims = [...Array(k).keys()].map((i) => x.ndim - k + i);
    const m = mean(x, dims, true);
    const v = variance(x, dims, { correction: 0, keepdim: true });
    let y = div(sub(x, m), sqrt(add(v, this.eps)));
    if (this.weight !== null && this.bias !== null) y = add(mul(y, this.weight), this.bias);
    return y;
  }

  protected override extraRepr(): string {
    return `[${this.normalizedShape.join(', ')}], eps=${this.eps}, elementwiseAffine=${this.weight !== null}`;
  }
}
