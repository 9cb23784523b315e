// Gradient clipping as torch.nn.utils.clip_grad_norm_ and clip_grad_value_, in place on the gradients' storage.
import { Tensor } from '@nn/core';

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite; default false (as PyTorch 1.13). */
  errorIfNonfinite?: boolean;
}

function gradsOf(fn: string, params: Tensor | Iterable<Tensor>): Tensor[] {
  const list = params instanceof Tensor ? [params] : [...params];
  const grads: Tensor[] = [];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${fn}: params[${i}] is not a Tensor`);
    if (p.grad !== null) grads.push(p.grad);
  });
  return grads;
}

/** Visits every element of a (possibly strided) tensor's storage: index into `data`. */
function forEachIndex(t: Tensor, f: (k: number) => void): void {
  const n = t.numel();
  if (t.isContiguous()) {
    for (let k = t.offset; k < t.offset + n; k++) f(k);
    return;
  }
  const idx = new Array<number>(t.ndim).fill(0);
  for (let c = 0; c < n; c++) {
    let k = t.offset;
    for (let d = 0; d < t.ndim; d++) k += idx[d]! * t.strides[d]!;
    f(k);
    for (let d = t.ndim - 1; d >= 0; d--) {
      if (++idx[d]! < t.shape[d]!) break;
      idx[d] = 0;
    }
  }
}

/**
 * Scales all gradients in place so their joint `normType`-norm is at most `maxNorm`, as
 * torch.nn.utils.clip_grad_norm_: total = norm of the per-tensor norms, coefficient maxNorm / (total + 1e-6) clamped to
 * 1. `normType` is any p > 0 or Infinity (max |g|). Returns the total norm before clipping; 0 when no gradients.
 */
export function clipGradNorm(params: Tensor | Iterable<Tensor>, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): number {
  const fn = 'clipGradNorm';
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) throw new RangeError(`${fn}: maxNorm must be a number, got ${String(maxNorm)}`);
  if (typeof normType !== 'number' || !(normType > 0)) throw new RangeError(`${fn}: normType must be > 0 or Infinity, got ${String(normType)}`);
  const grads = gradsOf(fn, params);
  if (grads.length === 0) return 0;
  const f32 = grads.every((g) => g.dtype === 'float32');
  const R = f32 ? Math.fround : (x: number): number => x;
  const norms = grads.map((g) => {
    const d = g.data as Float32Array | Float64Array;
    let acc = 0;
    if (normType === Infinity) forEachIndex(g, (k) => { const a = Math.abs(d[k]!); acc = a > acc || Number.isNaN(a) ? a : acc; });
    else if (normType === 2) forEachIndex(g, (k) => { acc += d[k]! * d[k]!; });
    else forEachIndex(g, (k) => { acc += Math.abs(d[k]!) ** normType; });
    return R(normType === Infinity ? acc : normType === 2 ? Math.sqrt(acc) : acc ** (1 / normType));
  });
  let total: number;
  if (normType === Infinity) total = norms.reduce((a, b) => (b > a || Number.isNaN(b) ? b : a), 0);
  else if (normType === 2) total = R(Math.sqrt(norms.reduce((a, b) => a + b * b, 0)));
  else total = R(norms.reduce((a, b) => a + b ** normType, 0) ** (1 / normType));
  if (options.errorIfNonfinite === true && !Number.isFinite(total)) {
    throw new RangeError(`${fn}: the total norm of order ${normType} of the gradients is ${total}, so they cannot be clipped; set errorIfNonfinite: false to clip anyway`);
  }
  const coef = Math.min(R(maxNorm / R(total + 1e-6)), 1);
  for (const g of grads) {
    const d = g.data as Float32Array | Float64Array;
    forEachIndex(g, (k) => { d[k] = d[k]! * coef; });
  }
  return total;
}

/** Clamps every gradient element to [-clipValue, clipValue] in place, as torch.nn.utils.clip_grad_value_. */
export function clipGradValue(params: Tensor | Iterable<Tensor>, clipValue: number): void {
  const fn = 'clipGradValue';
  if (typeof clipValue !== 'number' || !(clipValue >= 0)) throw new RangeError(`${fn}: clipValue must be a number >= 0, got ${String(clipValue)}`);
  for (const g of gradsOf(fn, params)) {
    const d = g.data as Float32Array | Float64Array;
    forEachIndex(g, (k) => { d[k] = Math.min(Math.max(d[k]!, -clipValue), clipValue); });
  }
}
