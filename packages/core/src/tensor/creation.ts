// Tensor creation: from nested arrays or typed arrays, constant fills, ranges, identity, and seeded random fills.
import { defaultGenerator, type Generator } from '../random/generator.js';
import { allocate, checkDType, dtypeOfArray, isFloating } from './dtype.js';
import { checkShape, formatShape, numel } from './shape.js';
import { Tensor, type NestedArray, type TensorOptions } from './tensor.js';

/** Options of the random constructors. */
export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

function make(shape: readonly number[], options: TensorOptions, fn: string, fill?: (data: Tensor['data']) => void): Tensor {
  checkShape(fn, shape);
  const dtype = options.dtype ?? 'float32';
  checkDType(fn, dtype);
  const t = new Tensor(allocate(dtype, numel(shape)), dtype, [...shape]);
  fill?.(t.data);
  if (options.requiresGrad) t.requiresGrad = true;
  return t;
}

/** Infers the shape of nested arrays, checking that they are rectangular and hold numbers or booleans. */
function nestedShape(data: unknown, path: string): number[] {
  if (typeof data === 'number' || typeof data === 'boolean') return [];
  if (!Array.isArray(data)) throw new TypeError(`tensor: expected numbers or nested arrays, got ${data === null ? 'null' : typeof data} at ${path || 'the top level'}`);
  if (data.length === 0) return [0];
  const inner = nestedShape(data[0], `${path}[0]`);
  for (let i = 1; i < data.length; i++) {
    const s = nestedShape(data[i], `${path}[${i}]`);
    if (s.length !== inner.length || s.some((v, k) => v !== inner[k])) {
      throw new RangeError(`tensor: ragged nested array: ${path}[0] has shape ${formatShape(inner)} but ${path}[${i}] has shape ${formatShape(s)}`);
    }
  }
  return [data.length, ...inner];
}

/**
 * A tensor from a number, nested arrays (dtype float32 unless given; booleans give bool) or a typed array
 * (its dtype, copied; pass `shape` to reshape it).
 */
export function tensor(data: NestedArray | boolean | boolean[] | Float32Array | Float64Array | Int32Array | Uint8Array, options: TensorOptions & { shape?: readonly number[] } = {}): Tensor {
  const arrayDtype = dtypeOfArray(data);
  if (arrayDtype !== undefined && ArrayBuffer.isView(data)) {
    const typed = data as Float32Array | Float64Array | Int32Array | Uint8Array;
    const shape = options.shape ?? [typed.length];
    if (numel(shape) !== typed.length) throw new RangeError(`tensor: shape ${formatShape(shape)} does not fit ${typed.length} elements`);
    const dtype = options.dtype ?? arrayDtype;
    return make(shape, { ...options, dtype }, 'tensor', (d) => d.set(typed as never));
  }
  const shape = nestedShape(data, '');
  const flat = (Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data]) as Array<number | boolean>;
  const dtype = options.dtype ?? (typeof flat[0] === 'boolean' ? 'bool' : 'float32');
  return make(options.shape ?? shape, { ...options, dtype }, 'tensor', (d) => {
    if (d.length !== flat.length) throw new RangeError(`tensor: shape ${formatShape(options.shape ?? shape)} does not fit ${flat.length} elements`);
    for (let i = 0; i < flat.length; i++) d[i] = Number(flat[i]);
  });
}

/** A tensor of zeros. */
export const zeros = (shape: readonly number[], options: TensorOptions = {}): Tensor => make(shape, options, 'zeros');
/** A tensor of ones. */
export const ones = (shape: readonly number[], options: TensorOptions = {}): Tensor => make(shape, options, 'ones', (d) => d.fill(1));
/** A tensor filled with `value`. */
export const full = (shape: readonly number[], value: number, options: TensorOptions = {}): Tensor => make(shape, options, 'full', (d) => d.fill(value));

const likeOptions = (t: Tensor, options: TensorOptions): TensorOptions => ({ dtype: t.dtype, ...options });
export const zerosLike = (t: Tensor, options: TensorOptions = {}): Tensor => zeros(t.shape, likeOptions(t, options));
export const onesLike = (t: Tensor, options: TensorOptions = {}): Tensor => ones(t.shape, likeOptions(t, options));
export const fullLike = (t: Tensor, value: number, options: TensorOptions = {}): Tensor => full(t.shape, value, likeOptions(t, options));

/** Values start, start + step, ... below end (int32 when all arguments are integers, else float32). */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step)) throw new RangeError(`arange: step must be a finite non-zero number, got ${step}`);
  if ((hi - lo) / step < 0) throw new RangeError(`arange: the range ${lo}..${hi} is empty for step ${step}`);
  const n = Math.ceil((hi - lo) / step);
  const dtype = options.dtype ?? ([lo, hi, step].every(Number.isInteger) ? 'int32' : 'float32');
  return make([n], { ...options, dtype }, 'arange', (d) => { for (let i = 0; i < n; i++) d[i] = lo + i * step; });
}

/** `steps` evenly spaced values from start to end inclusive. */
export function linspace(start: number, end: number, steps: number, options: TensorOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: steps must be a non-negative integer, got ${steps}`);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Like PyTorch, fill the second half from the end so the last value is exactly `end`.
  return make([steps], options, 'linspace', (d) => {
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) d[i] = i < half ? start + i * step : end - (steps - 1 - i) * step;
  });
}

/** An n x m identity matrix (m defaults to n). */
export function eye(n: number, m = n, options: TensorOptions = {}): Tensor {
  return make([n, m], options, 'eye', (d) => { for (let i = 0; i < Math.min(n, m); i++) d[i * m + i] = 1; });
}

function floatingOnly(fn: string, options: TensorOptions): void {
  if (options.dtype !== undefined && !isFloating(options.dtype)) throw new TypeError(`${fn}: dtype must be float32 or float64, got ${options.dtype}`);
}

/** Uniform samples in [0, 1). */
export function rand(shape: readonly number[], options: RandomOptions = {}): Tensor {
  floatingOnly('rand', options);
  const g = options.generator ?? defaultGenerator;
  return make(shape, options, 'rand', (d) => { for (let i = 0; i < d.length; i++) d[i] = g.nextDouble(); });
}

/** Standard normal samples. */
export function randn(shape: readonly number[], options: RandomOptions = {}): Tensor {
  floatingOnly('randn', options);
  const g = options.generator ?? defaultGenerator;
  return make(shape, options, 'randn', (d) => { for (let i = 0; i < d.length; i++) d[i] = g.nextNormal(); });
}

/** Uniform integers in [low, high) (int32 unless dtype is given). */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) throw new RangeError(`randint: need integers low < high, got ${low} and ${high}`);
  const g = options.generator ?? defaultGenerator;
  return make(shape, { dtype: 'int32', ...options }, 'randint', (d) => { for (let i = 0; i < d.length; i++) d[i] = g.nextInt(low, high); });
}

export const randLike = (t: Tensor, options: RandomOptions = {}): Tensor => rand(t.shape, { dtype: t.dtype, ...options });
export const randnLike = (t: Tensor, options: RandomOptions = {}): Tensor => randn(t.shape, { dtype: t.dtype, ...options });

/** Uniform integers in [low, high) shaped like t (int32 unless dtype is given). */
export const randintLike = (t: Tensor, low: number, high: number, options: RandomOptions = {}): Tensor => randint(low, high, t.shape, options);
