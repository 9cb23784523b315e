// Choosing the next token from a probability or logit vector: greedy, temperature, top-k, top-p (nucleus).
import { defaultGenerator, type Generator } from '@nn/core';

/** How to pick the next token. */
export interface SamplingOptions {
  /** Take the most probable token (lowest index on ties) instead of sampling; the other options are then ignored. */
  greedy?: boolean;
  /** Sharpens (< 1) or flattens (> 1) the distribution: p_i^(1/T), renormalised. Default 1. */
  temperature?: number;
  /** Keep only the k most probable tokens. */
  topK?: number;
  /** Keep the smallest set of most probable tokens whose probability reaches p, p in (0, 1]. */
  topP?: number;
  /** Source of randomness; pass a seeded one for reproducible output. Default: @nn/core's default generator (`manualSeed`). */
  generator?: Generator;
}

function checkProbabilities(fn: string, probs: ArrayLike<number>): number {
  if (probs.length === 0) throw new RangeError(`${fn}: the probability vector is empty`);
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0) || p === Infinity) throw new RangeError(`${fn}: probability ${i} is ${p}; expected a finite number >= 0`);
    sum += p;
  }
  if (sum <= 0) throw new RangeError(`${fn}: the probabilities sum to 0`);
  return sum;
}

/** Index of the largest entry (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('argmax: the vector is empty');
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Probabilities softmax(logits / temperature), computed stably. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`softmax: temperature must be a finite number > 0, got ${temperature}`);
  if (logits.length === 0) throw new RangeError('softmax: the logit vector is empty');
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (Number.isNaN(v) || v === Infinity) throw new RangeError(`softmax: the logits contain ${v} (index ${i})`);
  }
  const max = logits[argmax(logits)]!;
  if (max === -Infinity) throw new RangeError('softmax: every logit is -Infinity');
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i] = Math.exp((logits[i]! - max) / temperature);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** p_i^(1/T) renormalised: the same as softmax(log p / T). Zero stays zero. */
export function applyTemperature(probs: ArrayLike<number>, temperature: number): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`applyTemperature: temperature must be a finite number > 0, got ${temperature}`);
  const sum = checkProbabilities('applyTemperature', probs);
  // Work on p / max so that small temperatures do not underflow every entry to zero.
  let max = 0;
  for (let i = 0; i < probs.length; i++) max = Math.max(max, probs[i]! / sum);
  const out = new Float64Array(probs.length);
  let total = 0;
  for (let i = 0; i < out.length; i++) total += out[i] = (probs[i]! / sum / max) ** (1 / temperature);
  for (let i = 0; i < out.length; i++) out[i]! /= total;
  return out;
}

/** Indices sorted by decreasing probability, ties by increasing index. */
function rankByProbability(probs: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: probs.length }, (_, i) => i);
  return order.sort((a, b) => probs[b]! - probs[a]! || a - b);
}

/** Keeps the k most probable entries (earlier indices win ties) and renormalises. */
export function topKFilter(probs: ArrayLike<number>, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`topKFilter: k must be an integer >= 1, got ${k}`);
  const sum = checkProbabilities('topKFilter', probs);
  const out = new Float64Array(probs.length);
  const ranked = rankByProbability(probs);
  let kept = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) kept += out[ranked[r]!] = probs[ranked[r]!]! / sum;
  for (let i = 0; i < out.length; i++) out[i]! /= kept;
  return out;
}

/** Keeps the smallest set of most probable entries whose total reaches p (nucleus sampling) and renormalises. */
export function topPFilter(probs: ArrayLike<number>, p: number): Float64Array {
  if (!(p > 0 && p <= 1)) throw new RangeError(`topPFilter: p must be in (0, 1], got ${p}`);
  const sum = checkProbabilities('topPFilter', probs);
  const out = new Float64Array(probs.length);
  let kept = 0;
  for (const i of rankByProbability(probs)) {
    kept += out[i] = probs[i]! / sum;
    // A small tolerance keeps p = 1 from dropping entries to rounding in the running sum.
    if (kept >= p - 1e-12) break;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= kept;
  return out;
}

/** Draws an index with probability proportional to its entry. */
export function sampleIndex(probs: ArrayLike<number>, generator: Generator): number {
  const sum = checkProbabilities('sampleIndex', probs);
  const u = generator.nextDouble() * sum;
  let acc = 0, last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i]! <= 0) continue;
    acc += probs[i]!;
    last = i;
    if (u < acc) return i;
  }
  return last; // u fell in the rounding gap at the top of the sum
}

/** Picks the next token index from a probability vector: greedy, or temperature, then top-k, then top-p, then a draw. */
export function pickToken(probs: ArrayLike<number>, options: SamplingOptions = {}): number {
  if (options.greedy === true) {
    checkProbabilities('pickToken', probs);
    return argmax(probs);
  }
  let p: ArrayLike<number> = probs;
  if (options.temperature !== undefined && options.temperature !== 1) p = applyTemperature(p, options.temperature);
  if (options.topK !== undefined) p = topKFilter(p, options.topK);
  if (options.topP !== undefined) p = topPFilter(p, options.topP);
  return sampleIndex(p, options.generator ?? defaultGenerator);
}

/** Like `pickToken` for a vector of logits (unnormalised log-probabilities), as neural models produce. */
export function pickTokenFromLogits(logits: ArrayLike<number>, options: SamplingOptions = {}): number {
  if (options.greedy === true) return argmax(logits);
  const { temperature, ...rest } = options;
  return pickToken(softmax(logits, temperature ?? 1), rest);
}
