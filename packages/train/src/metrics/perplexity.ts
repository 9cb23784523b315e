// Perplexity of a language model: exp of the mean cross-entropy in nats per target token, from the model's logits.
import type { Tensor } from '@nn/core';
import { SumMetric, values } from './metric.js';

/** Options of {@link Perplexity}. */
export interface PerplexityOptions {
  /** Target value whose positions (padding) are left out of the mean. */
  ignoreIndex?: number;
}

/**
 * exp(Σ -log softmax(logits)[target] / tokens) over every token of every batch: logits of shape [..., V] and integer
 * targets of shape [...]. Token-weighted, so it equals exp of the corpus-level mean cross-entropy.
 */
export class Perplexity extends SumMetric {
  readonly name: string = 'perplexity';
  readonly higherIsBetter = false;
  constructor(private readonly options: PerplexityOptions = {}) { super(2); }

  update(output: Tensor, target: Tensor): void {
    const vocab = output.shape[output.ndim - 1] ?? 0;
    if (output.ndim !== target.ndim + 1 || vocab === 0 || !target.shape.every((d, i) => d === output.shape[i])) {
      throw new RangeError(`perplexity: logits must be the target's shape plus a vocabulary dimension, got logits [${output.shape.join(', ')}] and target [${target.shape.join(', ')}]`);
    }
    const logits = values(output), ids = values(target);
    let nats = 0, tokens = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === this.options.ignoreIndex) continue;
      if (!Number.isInteger(id) || id < 0 || id >= vocab) throw new RangeError(`perplexity: target ${id} at index ${i} is not an integer in [0, ${vocab})`);
      const row = i * vocab;
      let max = -Infinity;
      for (let c = 0; c < vocab; c++) max = Math.max(max, logits[row + c]!);
      let sum = 0;
      for (let c = 0; c < vocab; c++) sum += Math.exp(logits[row + c]! - max);
      nats += max + Math.log(sum) - logits[row + id]!;
      tokens++;
    }
    this.sums[0]! += nats;
    this.sums[1]! += tokens;
  }

  compute(): number {
    return Math.exp(this.sums[0]! / this.sums[1]!);
  }
}
