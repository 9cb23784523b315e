// Interpolated estimators: Kneser-Ney (one discount per order), modified Kneser-Ney (three per order) and Witten-Bell.
//
// Each order k mixes a discounted estimate with the order below:
//   P_k(w | h) = (a_k(h w) - D_k(a) + γ_k(h) · P_{k-1}(w | h')) / S_k(h),   P_0(w) = 1 / V,
// with a_k an (adjusted) count, S_k(h) = Σ_w a_k(h w) and γ_k(h) the discounted mass. An unseen history
// (S_k(h) = 0) passes P_{k-1} through unchanged. V counts the vocabulary without `<s>`.
import type { NgramCounts } from './counts.js';
import type { Estimator } from './estimator.js';
import { BOS_ID } from './vocabulary.js';

/** The count rules that tell the interpolated estimators apart. */
interface Interpolation {
  /** a_k per k-gram id. */
  adjusted: Float64Array[];
  /** Discount subtracted from an adjusted count a >= 1 at order k (0 for Witten-Bell). */
  discount: (k: number, a: number) => number;
  /** γ_k(h) (numerator of the lower-order weight) per context id at order k - 1. */
  gamma: Float64Array[];
  /** S_k(h) (shared denominator) per context id at order k - 1. */
  denominator: Float64Array[];
}

/** The interpolation recursion, shared by Kneser-Ney and Witten-Bell. */
export class InterpolatedEstimator implements Estimator {
  readonly normalized = true;
  private readonly uniform: number;

  constructor(private readonly counts: NgramCounts, private readonly rule: Interpolation) {
    this.uniform = 1 / (counts.vocabulary.size - 1);
  }

  prob(word: number, ctx: Int32Array, top: number): number {
    if (word === BOS_ID) return 0;
    let p = this.uniform;
    for (let k = 1; k <= top; k++) {
      const c = ctx[k - 1]!;
      if (c < 0) break; // longer histories are unseen too
      const s = this.rule.denominator[k]![c]!;
      if (s === 0) continue;
      const g = this.counts.tables[k]!.find(c, word);
      const a = g < 0 ? 0 : this.rule.adjusted[k]![g]!;
      const alpha = a > 0 ? Math.max(a - this.rule.discount(k, a), 0) : 0;
      p = (alpha + this.rule.gamma[k]![c]! * p) / s;
    }
    return p;
  }

  backoffWeight(k: number, c: number): number {
    const s = this.rule.denominator[k + 1]![c]!;
    return s === 0 ? 1 : this.rule.gamma[k + 1]![c]! / s;
  }
}

/** Σ over each context's grams of f(gram), per context id (the shape of `gamma` and `denominator`). */
function sumByContext(counts: NgramCounts, k: number, f: (g: number) => number): Float64Array {
  const out = new Float64Array(counts.tables[k - 1]!.size || 1);
  const prefix = counts.tables[k]!.prefix;
  for (let g = 0; g < counts.tables[k]!.size; g++) out[prefix[g]!]! += f(g);
  return out;
}

/** Witten-Bell: a = raw count, S(h) = count(h ·) + N1+(h ·), γ(h) = N1+(h ·), the number of distinct words seen after h. */
export function wittenBell(counts: NgramCounts): InterpolatedEstimator {
  const gamma: Float64Array[] = [new Float64Array(0)], denominator: Float64Array[] = [new Float64Array(0)];
  for (let k = 1; k <= counts.order; k++) {
    gamma.push(counts.contextTypes[k]!);
    denominator.push(counts.contextTotals[k]!.map((t, c) => t + counts.contextTypes[k]![c]!));
  }
  return new InterpolatedEstimator(counts, { adjusted: [...counts.counts], discount: () => 0, gamma, denominator });
}

/**
 * Kneser-Ney adjusted counts (Chen & Goodman; KenLM): raw counts at the highest order and for grams that
 * start with `<s>` (they cannot be extended to the left); elsewhere the continuation count N1+(· g), the
 * number of distinct words seen before g.
 */
export function adjustedCounts(counts: NgramCounts): Float64Array[] {
  const adjusted: Float64Array[] = [new Float64Array(0)];
  let startsWithBos = new Uint8Array(0);
  for (let k = 1; k <= counts.order; k++) {
    const table = counts.tables[k]!, raw = counts.counts[k]!;
    const starts = new Uint8Array(table.size);
    for (let g = 0; g < table.size; g++) starts[g] = k === 1 ? Number(table.word[g] === BOS_ID) : startsWithBos[table.prefix[g]!]!;
    startsWithBos = starts;
    if (k === counts.order) {
      adjusted.push(raw.slice(0, table.size));
      continue;
    }
    const a = new Float64Array(table.size);
    const above = counts.tables[k + 1]!, aboveRaw = counts.counts[k + 1]!, aboveSuffix = counts.suffix[k + 1]!;
    for (let g = 0; g < above.size; g++) if (aboveRaw[g]! > 0) a[aboveSuffix[g]!]!++;
    for (let g = 0; g < table.size; g++) if (starts[g] === 1) a[g] = raw[g]!;
    adjusted.push(a);
  }
  return adjusted;
}

/** n_r: how many grams have adjusted count r, for r = 1..4 (index r). */
function countOfCounts(a: Float64Array): number[] {
  const n = [0, 0, 0, 0, 0];
  for (const v of a) if (v >= 1 && v <= 4) n[v]!++;
  return n;
}

/** Discounts KenLM falls back to when the count-of-counts cannot give valid ones (tiny corpora). */
export const FALLBACK_DISCOUNTS: readonly [number, number, number] = [0.5, 1, 1.5];

/** Ney's estimate D = n1 / (n1 + 2 n2), or 0.5 when it leaves (0, 1]. */
export function estimateDiscount(a: Float64Array): number {
  const [, n1, n2] = countOfCounts(a) as [number, number, number];
  const d = n1 / (n1 + 2 * n2);
  return d > 0 && d <= 1 ? d : FALLBACK_DISCOUNTS[0];
}

/** Chen & Goodman's D1, D2, D3+ from n1..n4 (Y = n1 / (n1 + 2 n2), Dr = r - (r + 1) Y n_{r+1} / n_r), or KenLM's fallback 0.5, 1, 1.5 when any leaves [0, r] or is undefined. */
export function estimateModifiedDiscounts(a: Float64Array): [number, number, number] {
  const n = countOfCounts(a);
  const y = n[1]! / (n[1]! + 2 * n[2]!);
  const d = [1, 2, 3].map((r) => r - (r + 1) * y * n[r + 1]! / n[r]!) as [number, number, number];
  return d.every((v, i) => Number.isFinite(v) && v >= 0 && v <= i + 1) ? d : [...FALLBACK_DISCOUNTS];
}

/** Interpolated Kneser-Ney on `adjustedCounts(counts)` with `discounts[k - 1]` = [D1, D2, D3+] for order k (all equal for plain Kneser-Ney). */
export function kneserNey(counts: NgramCounts, adjusted: Float64Array[], discounts: readonly (readonly [number, number, number])[]): InterpolatedEstimator {
  const discount = (k: number, a: number): number => discounts[k - 1]![Math.min(a, 3) - 1]!;
  const gamma: Float64Array[] = [new Float64Array(0)], denominator: Float64Array[] = [new Float64Array(0)];
  for (let k = 1; k <= counts.order; k++) {
    const a = adjusted[k]!;
    denominator.push(sumByContext(counts, k, (g) => a[g]!));
    gamma.push(sumByContext(counts, k, (g) => (a[g]! > 0 ? Math.min(discount(k, a[g]!), a[g]!) : 0)));
  }
  return new InterpolatedEstimator(counts, { adjusted, discount, gamma, denominator });
}
