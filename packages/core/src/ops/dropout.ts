// Dropout: zeroes elements with probability p during training and scales the rest by 1 / (1 - p).
import { defaultGenerator, type Generator } from '../random/generator.js';
import { isFloating } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { mul } from './binary.js';
import { empty } from './compute.js';

/** Options of dropout. */
export interface DropoutOptions {
  /** Probability of zeroing an element (default 0.5). */
  p?: number;
  /** Identity when false (evaluation). Default true. */
  training?: boolean;
  generator?: Generator;
}

/** Inverted dropout: the kept elements are scaled so the expected value is unchanged. */
export function dropout(x: Tensor, options: DropoutOptions = {}): Tensor {
  const p = options.p ?? 0.5;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout: probability p must be in [0, 1], got ${p}`);
  if (!isFloating(x.dtype)) throw new TypeError(`dropout: input dtype must be floating point, got ${x.dtype}`);
  if (options.training === false || p === 0) return x;
  const g = options.generator ?? defaultGenerator;
  // The mask is a constant for autograd: the gradient is masked and scaled the same way.
  const mask = empty(x.shape, x.dtype);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = g.nextDouble() >= p ? scale : 0;
  return mul(x, mask);
}
