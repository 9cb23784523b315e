// Weight initialisation in place, with PyTorch's fan computation, gains and defaults (torch.nn.init).
import { defaultGenerator, type Generator } from '../random/generator.js';
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/** Nonlinearities calculateGain knows. */
export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

/** The recommended gain for a nonlinearity (param: leaky_relu's negative slope, default 0.01). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'sigmoid': return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': { const s = param ?? 0.01; return Math.sqrt(2 / (1 + s * s)); }
    case 'selu': return 3 / 4;
    default: throw new RangeError(`calculateGain: unsupported nonlinearity ${JSON.stringify(nonlinearity)}`);
  }
}

/** (fanIn, fanOut) as PyTorch computes them: dims 1 and 0 times the receptive field (dims 2+). */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  if (t.ndim < 2) throw new RangeError(`init: fan in and fan out need a tensor with at least 2 dimensions, got shape ${formatShape(t.shape)}`);
  const receptive = t.shape.slice(2).reduce((p, s) => p * s, 1);
  return [t.shape[1]! * receptive, t.shape[0]! * receptive];
}

function fill(t: Tensor, sample: () => number): Tensor {
  if (!t.isContiguous()) throw new RangeError(`init: expected a contiguous tensor, got strides ${formatShape(t.strides)}`);
  const end = t.offset + t.numel();
  for (let i = t.offset; i < end; i++) t.data[i] = sample();
  return t;
}

/** Fills with U(a, b). */
export const uniform_ = (t: Tensor, a = 0, b = 1, generator: Generator = defaultGenerator): Tensor => fill(t, () => a + (b - a) * generator.nextDouble());
/** Fills with N(mean, std²). */
export const normal_ = (t: Tensor, mean = 0, std = 1, generator: Generator = defaultGenerator): Tensor => fill(t, () => mean + std * generator.nextNormal());
/** Fills with a constant. */
export const constant_ = (t: Tensor, value: number): Tensor => fill(t, () => value);
export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut)). */
export function xavierUniform_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fi + fo));
  return uniform_(t, -a, a, generator);
}

/** Glorot normal: N(0, std²) with std = gain * sqrt(2 / (fanIn + fanOut)). */
export function xavierNormal_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const [fi, fo] = calculateFanInAndFanOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fi + fo)), generator);
}

/** Options of the Kaiming (He) initialisers; defaults as PyTorch: a = 0, mode fanIn, leaky_relu. */
export interface KaimingOptions {
  /** Negative slope of the rectifier after this layer (leaky_relu only). */
  a?: number;
  mode?: 'fanIn' | 'fanOut';
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}

function kaimingStd(t: Tensor, o: KaimingOptions): number {
  const [fi, fo] = calculateFanInAndFanOut(t);
  const fan = (o.mode ?? 'fanIn') === 'fanIn' ? fi : fo;
  return calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0) / Math.sqrt(fan);
}

/** He uniform: U(-b, b) with b = gain * sqrt(3 / fan). */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, options);
  return uniform_(t, -bound, bound, options.generator);
}

/** He normal: N(0, (gain / sqrt(fan))²). */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd(t, options), options.generator);
}
