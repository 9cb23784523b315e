// Argument checks of the margin, ranking and information losses: ±1 labels, class indices, shapes (on input-checks.ts).
import { Tensor, maximum, log1p, exp, neg, abs, add } from '@nn/core';
import { checkFloatTensor, checkNoNaN, fmtShape as fmt, positionOf as position, sameShape } from './input-checks.js';

export { checkNoNaN };

/** Throws unless `x` is a float32 or float64 tensor. */
export function checkFloat(fn: string, name: string, x: Tensor): void {
  checkFloatTensor(fn, name, x);
}

/** Throws unless `t` is a Tensor (for callers from plain JavaScript). */
export function checkTensor(fn: string, name: string, t: unknown): asserts t is Tensor {
  if (!(t instanceof Tensor)) throw new TypeError(`${fn}: ${name} must be a Tensor, got ${Array.isArray(t) ? 'an array' : typeof t}`);
}

/** Throws naming both shapes unless `a` and `b` have the same shape. */
export function checkSameShape(fn: string, aName: string, a: Tensor, bName: string, b: Tensor): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${fn}: ${bName} shape ${fmt(b.shape)} does not match ${aName} shape ${fmt(a.shape)}`);
  }
}

/** Throws unless every label is -1 or +1 (NaN included), naming the first bad value and its position. */
export function checkPlusMinusOne(fn: string, name: string, t: Tensor): void {
  checkTensor(fn, name, t);
  checkNoNaN(fn, name, t);
  const v = t.toFlatArray();
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== 1 && v[i] !== -1) {
      throw new RangeError(`${fn}: ${name} must hold -1 or +1, got ${v[i]} at position ${position(i, t.shape)}`);
    }
  }
}

/**
 * Checks class-index targets against scores of shape (N, C) or (C): target int32 of shape (N) or (), every index
 * in [0, C). Returns C.
 */
export function checkClassTargets(fn: string, input: Tensor, target: Tensor, minClasses = 1): number {
  checkFloat(fn, 'input', input);
  if (input.ndim !== 1 && input.ndim !== 2) {
    throw new RangeError(`${fn}: input must be (N, C) or (C), got shape ${fmt(input.shape)}`);
  }
  checkTensor(fn, 'target', target);
  if (target.dtype !== 'int32') {
    throw new TypeError(`${fn}: target must hold int32 class indices, got ${target.dtype} (shape ${fmt(target.shape)})`);
  }
  const want = input.ndim === 2 ? [input.shape[0]!] : [];
  if (target.ndim !== want.length || (want.length === 1 && target.shape[0] !== want[0])) {
    throw new RangeError(`${fn}: target shape ${fmt(target.shape)} does not fit input shape ${fmt(input.shape)} (expected ${fmt(want)})`);
  }
  const c = input.shape[input.ndim - 1]!;
  if (c < minClasses) throw new RangeError(`${fn}: needs at least ${minClasses} classes, input shape ${fmt(input.shape)} has ${c}`);
  const v = target.toFlatArray();
  for (let i = 0; i < v.length; i++) {
    const k = v[i]!;
    if (k < 0 || k >= c) throw new RangeError(`${fn}: target ${k} at position ${i} is out of range for ${c} classes`);
  }
  return c;
}

/**
 * log(1 + e^z) for any z without overflow: max(z, 0) + log1p(e^-|z|). Exact in float64 for large z (unlike a
 * softplus threshold); its gradient is sigmoid(z), 0.5 at z = 0.
 */
export function stableSoftplus(z: Tensor): Tensor {
  return add(maximum(z, 0), log1p(exp(neg(abs(z)))));
}
