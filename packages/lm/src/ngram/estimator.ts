// The probability rules of n-gram models that need no interpolation: maximum likelihood, additive (Laplace, Lidstone) and stupid backoff.
import type { NgramCounts } from './counts.js';

/**
 * P(word | history) from a chain of context ids: `ctx[k]` is the id in `tables[k]` of the last k history
 * words (ctx[0] = 0, the empty context), or -1 where that suffix was never seen; `top` is the order used.
 */
export interface Estimator {
  readonly normalized: boolean;
  prob(word: number, ctx: Int32Array, top: number): number;
  /**
   * The factor b(c) with P(w | c) = b(c) · P(w | c without its first word) for every word w the ARPA file
   * does not list after context c (k-gram id c, predicting order k + 1).
   */
  backoffWeight(k: number, c: number): number;
  /** Words to list after context c (order k + 1) beyond the stored grams, so that `backoffWeight` holds for the rest. */
  extraWords?(k: number, c: number): Iterable<number>;
}

/** Relative frequency count(h w) / count(h ·); 0 for unseen words and unseen histories. */
export class MleEstimator implements Estimator {
  readonly normalized = true;
  constructor(private readonly counts: NgramCounts) {}

  prob(word: number, ctx: Int32Array, top: number): number {
    const c = ctx[top - 1]!;
    if (c < 0) return 0;
    const total = this.counts.contextTotals[top]![c]!;
    if (total === 0) return 0;
    const g = this.counts.tables[top]!.find(c, word);
    return g < 0 ? 0 : this.counts.counts[top]![g]! / total;
  }

  backoffWeight(): number {
    return 0;
  }
}

/** Additive smoothing (count(h w) + α) / (count(h ·) + α V): Laplace for α = 1, Lidstone otherwise; V excludes `<s>`. */
export class AdditiveEstimator implements Estimator {
  readonly normalized = true;
  private readonly size: number;
  private children: { start: Int32Array; ids: Int32Array }[] = [];

  constructor(private readonly counts: NgramCounts, private readonly alpha: number) {
    this.size = counts.vocabulary.size - 1;
  }

  private total(k: number, c: number): number {
    return c < 0 ? 0 : this.counts.contextTotals[k]![c]!;
  }

  prob(word: number, ctx: Int32Array, top: number): number {
    const c = ctx[top - 1]!;
    const g = c < 0 ? -1 : this.counts.tables[top]!.find(c, word);
    const count = g < 0 ? 0 : this.counts.counts[top]![g]!;
    return (count + this.alpha) / (this.total(top, c) + this.alpha * this.size);
  }

  backoffWeight(k: number, c: number): number {
    // Words unseen after the shorter context are unseen after c too, and get α / (total + αV) at both.
    const shorter = this.counts.suffix[k]![c]!;
    return (this.total(k, shorter) + this.alpha * this.size) / (this.total(k + 1, c) + this.alpha * this.size);
  }

  /** The words seen after the shorter context: their probability after c does not follow the backoff rule. */
  *extraWords(k: number, c: number): Iterable<number> {
    const shorter = this.counts.suffix[k]![c]!;
    const index = (this.children[k] ??= childrenByPrefix(this.counts, k));
    for (let i = index.start[shorter]!; i < index.start[shorter + 1]!; i++) {
      const g = index.ids[i]!;
      if (this.counts.counts[k]![g]! > 0) yield this.counts.tables[k]!.word[g]!;
    }
  }
}

/** Stupid backoff (Brants et al. 2007): count(h w) / count(h ·) if seen, else `backoff` times the score for the shorter history. Not normalised. */
export class StupidBackoffEstimator implements Estimator {
  readonly normalized = false;
  constructor(private readonly counts: NgramCounts, private readonly backoff: number) {}

  prob(word: number, ctx: Int32Array, top: number): number {
    let factor = 1;
    for (let k = top; k >= 1; k--, factor *= this.backoff) {
      const c = ctx[k - 1]!;
      if (c < 0) continue;
      const g = this.counts.tables[k]!.find(c, word);
      if (g >= 0 && this.counts.counts[k]![g]! > 0) return (factor * this.counts.counts[k]![g]!) / this.counts.contextTotals[k]![c]!;
    }
    return 0;
  }

  backoffWeight(): number {
    return this.backoff;
  }
}

/** The k-grams grouped by prefix (a counting sort): those with prefix p are ids[start[p] .. start[p + 1]). */
export function childrenByPrefix(counts: NgramCounts, k: number): { start: Int32Array; ids: Int32Array } {
  const table = counts.tables[k]!;
  const start = new Int32Array((counts.tables[k - 1]!.size || 1) + 1);
  for (let g = 0; g < table.size; g++) start[table.prefix[g]! + 1]!++;
  for (let p = 1; p < start.length; p++) start[p]! += start[p - 1]!;
  const fill = start.slice(0, -1), ids = new Int32Array(table.size);
  for (let g = 0; g < table.size; g++) ids[fill[table.prefix[g]!]!++] = g;
  return { start, ids };
}
