// gradcheck: compares backprop gradients with symmetric finite differences in float64.
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { noGrad } from './grad-mode.js';

/** Tolerances of gradcheck (PyTorch's defaults). */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
}

/**
 * Checks d fn(inputs) / d inputs by backprop against (f(x + eps) - f(x - eps)) / 2 eps for every element of every
 * input that requires grad. Inputs must be float64. Returns true, or throws naming the input, element and both values.
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): true {
  const eps = options.eps ?? 1e-6, atol = options.atol ?? 1e-5, rtol = options.rtol ?? 1e-3;
  inputs.forEach((t, i) => {
    if (t.requiresGrad && t.dtype !== 'float64') throw new TypeError(`gradcheck: input ${i} is ${t.dtype}; use float64 inputs for finite differences`);
  });
  const out = fn(...inputs);
  const outFlat = noGrad(() => out.toFlatArray());
  const n = outFlat.length;
  // Analytic Jacobian rows by one backward per output element.
  const analytic: Float64Array[][] = inputs.map(() => []);
  for (let o = 0; o < n; o++) {
    for (const t of inputs) t.grad = null;
    const seed = new Tensor(new Float64Array(n), 'float64', out.shape);
    seed.data[o] = 1;
    const g = out.dtype === 'float64' ? seed : seed.to(out.dtype);
    if (out.requiresGrad) out.backward(g, { retainGraph: true });
    inputs.forEach((t, i) => analytic[i]!.push(t.grad === null ? new Float64Array(t.numel()) : Float64Array.from(t.grad.toFlatArray())));
  }
  for (const t of inputs) t.grad = null;
  inputs.forEach((t, i) => {
    if (!t.requiresGrad) return;
    const m = t.numel();
    for (let e = 0; e < m; e++) {
      // Perturb the storage element behind flat index e of the view.
      let off = t.offset, rest = e;
      for (let d = t.ndim - 1; d >= 0; d--) { off += (rest % t.shape[d]!) * t.strides[d]!; rest = Math.floor(rest / t.shape[d]!); }
      const orig = t.data[off]!;
      t.data[off] = orig + eps;
      const plus = noGrad(() => fn(...inputs).toFlatArray());
      t.data[off] = orig - eps;
      const minus = noGrad(() => fn(...inputs).toFlatArray());
      t.data[off] = orig;
      for (let o = 0; o < n; o++) {
        const numeric = (plus[o]! - minus[o]!) / (2 * eps);
        const exact = analytic[i]![o]![e]!;
        if (!(Math.abs(exact - numeric) <= atol + rtol * Math.abs(numeric))) {
          throw new Error(`gradcheck: input ${i} (shape ${formatShape(t.shape)}), element ${e}, output ${o}: backprop gives ${exact}, finite differences give ${numeric}`);
        }
      }
    }
  });
  return true;
}
