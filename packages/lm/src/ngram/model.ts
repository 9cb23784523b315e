// NgramModel: a count-based language model of any order with a choice of smoothing, trained from tokenised sentences.
import type { ScoringModel } from '../scoring.js';
import { BOS } from '../tokens.js';
import { countNgrams, type NgramCounts, type NgramVocabularyOptions } from './counts.js';
import { AdditiveEstimator, type Estimator, MleEstimator, StupidBackoffEstimator } from './estimator.js';
import { adjustedCounts, estimateDiscount, estimateModifiedDiscounts, kneserNey, wittenBell } from './interpolated.js';

/** The smoothing methods, by name. */
export const SMOOTHINGS = ['mle', 'laplace', 'lidstone', 'kneser-ney', 'modified-kneser-ney', 'witten-bell', 'stupid-backoff'] as const;
/** A smoothing method: see the package README for each formula. */
export type Smoothing = (typeof SMOOTHINGS)[number];

/** Settings of an n-gram model. */
export interface NgramOptions extends NgramVocabularyOptions {
  /** n: the model conditions on the n - 1 previous tokens. */
  order: number;
  /** Default `'modified-kneser-ney'`. */
  smoothing?: Smoothing;
  /** Lidstone's α in (0, 1] (required for `'lidstone'`; Laplace is α = 1). */
  alpha?: number;
  /** `'kneser-ney'`: one discount in (0, 1] for every order, instead of Ney's estimate n1 / (n1 + 2 n2) per order. */
  discount?: number;
  /** `'modified-kneser-ney'`: [D1, D2, D3+] for every order (Dr in [0, r]), instead of the estimates from count-of-counts. */
  discounts?: readonly [number, number, number];
  /** `'stupid-backoff'`: the factor applied per backoff step, in (0, 1]. Default 0.4. */
  backoff?: number;
}

const OPTION_OWNER = { alpha: 'lidstone', discount: 'kneser-ney', discounts: 'modified-kneser-ney', backoff: 'stupid-backoff' } as const;

function validate(options: NgramOptions): Required<Pick<NgramOptions, 'order' | 'smoothing'>> {
  const fn = 'NgramModel';
  const { order, smoothing = 'modified-kneser-ney' } = options;
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`${fn}: order must be an integer >= 1, got ${order}`);
  if (!(SMOOTHINGS as readonly string[]).includes(smoothing)) {
    throw new RangeError(`${fn}: unknown smoothing ${JSON.stringify(smoothing)}; expected one of ${SMOOTHINGS.join(', ')}`);
  }
  for (const [key, owner] of Object.entries(OPTION_OWNER)) {
    if (options[key as keyof typeof OPTION_OWNER] !== undefined && owner !== smoothing) {
      throw new Error(`${fn}: option ${key} applies to smoothing '${owner}', not '${smoothing}'`);
    }
  }
  const { alpha, discount, discounts, backoff } = options;
  if (smoothing === 'lidstone' && !(alpha !== undefined && alpha > 0 && alpha <= 1)) {
    throw new RangeError(`${fn}: lidstone needs alpha in (0, 1], got ${alpha}`);
  }
  if (discount !== undefined && !(discount > 0 && discount <= 1)) throw new RangeError(`${fn}: discount must be in (0, 1], got ${discount}`);
  if (discounts !== undefined && !(discounts.length === 3 && discounts.every((d, i) => d >= 0 && d <= i + 1))) {
    throw new RangeError(`${fn}: discounts must be [D1, D2, D3+] with Dr in [0, r], got [${discounts.join(', ')}]`);
  }
  if (backoff !== undefined && !(backoff > 0 && backoff <= 1)) throw new RangeError(`${fn}: backoff must be in (0, 1], got ${backoff}`);
  return { order, smoothing };
}

/**
 * A count-based n-gram language model. Sentences are padded with `order - 1` start markers `<s>` and one
 * end marker `</s>`; words outside the vocabulary become `<unk>`. Probabilities are over the vocabulary
 * without `<s>` (it includes `</s>` and `<unk>`).
 *
 * ```ts
 * const lm = new NgramModel({ order: 3, smoothing: 'kneser-ney' }).fit(sentences);
 * lm.logProb('sam', ['i', 'am']);
 * ```
 */
export class NgramModel implements ScoringModel {
  readonly order: number;
  readonly smoothing: Smoothing;
  private readonly options: NgramOptions;
  private state: { counts: NgramCounts; estimator: Estimator; discounts: number[][] } | undefined;

  constructor(options: NgramOptions) {
    const { order, smoothing } = validate(options);
    this.order = order;
    this.smoothing = smoothing;
    this.options = { ...options };
  }

  /** False only for stupid backoff, whose scores are not probabilities. */
  get normalized(): boolean {
    return this.smoothing !== 'stupid-backoff';
  }

  /** Counts the sentences (already tokenised; read once, so a generator works) and fixes the vocabulary. Replaces any earlier training. */
  fit(sentences: Iterable<readonly string[]>): this {
    const counts = countNgrams('NgramModel.fit', sentences, this.order, this.options);
    let discounts: number[][] = [];
    let estimator: Estimator;
    switch (this.smoothing) {
      case 'mle': estimator = new MleEstimator(counts); break;
      case 'laplace': estimator = new AdditiveEstimator(counts, 1); break;
      case 'lidstone': estimator = new AdditiveEstimator(counts, this.options.alpha!); break;
      case 'stupid-backoff': estimator = new StupidBackoffEstimator(counts, this.options.backoff ?? 0.4); break;
      case 'witten-bell': estimator = wittenBell(counts); break;
      case 'kneser-ney':
      case 'modified-kneser-ney': {
        const adjusted = adjustedCounts(counts);
        const perOrder = adjusted.slice(1).map((a) => this.kneserNeyDiscounts(a));
        estimator = kneserNey(counts, adjusted, perOrder);
        discounts = perOrder.map((d) => (this.smoothing === 'kneser-ney' ? [d[0]] : [...d]));
        break;
      }
    }
    this.state = { counts, estimator, discounts };
    return this;
  }

  /** [D1, D2, D3+] of one order: given, or estimated from that order's adjusted counts (all three equal for plain Kneser-Ney). */
  private kneserNeyDiscounts(adjusted: Float64Array): [number, number, number] {
    if (this.smoothing === 'modified-kneser-ney') return this.options.discounts ? [...this.options.discounts] : estimateModifiedDiscounts(adjusted);
    const d = this.options.discount ?? estimateDiscount(adjusted);
    return [d, d, d];
  }

  private trained(fn: string): { counts: NgramCounts; estimator: Estimator; discounts: number[][] } {
    if (this.state === undefined) throw new Error(`NgramModel.${fn}: the model is not trained; call fit(sentences) first`);
    return this.state;
  }

  /** The n-gram counts (for inspection and ARPA export). */
  get counts(): NgramCounts {
    return this.trained('counts').counts;
  }

  /** Kneser-Ney discounts used per order 1..n ([D] or [D1, D2, D3+]); empty for other smoothings. */
  get discounts(): readonly (readonly number[])[] {
    return this.trained('discounts').discounts;
  }

  /** The estimator behind the probabilities (for ARPA export). */
  get estimator(): Estimator {
    return this.trained('estimator').estimator;
  }

  /** Tokens the model can predict, in id order: `</s>`, `<unk>`, then the words (`<s>` is left out). */
  get vocabulary(): readonly string[] {
    return this.trained('vocabulary').counts.vocabulary.words.slice(1);
  }

  /** How often the n-gram (1 <= length <= order, e.g. `['<s>', 'i']`) was seen in training. */
  count(ngram: readonly string[]): number {
    const { counts } = this.trained('count');
    if (ngram.length < 1 || ngram.length > this.order) {
      throw new RangeError(`NgramModel.count: an n-gram of this model has 1 to ${this.order} tokens, got ${ngram.length}`);
    }
    let id = 0;
    for (let k = 1; k <= ngram.length && id >= 0; k++) id = counts.tables[k]!.find(id, counts.vocabulary.id(ngram[k - 1]!));
    return id < 0 ? 0 : counts.counts[ngram.length]![id]!;
  }

  /** The context chain of a history: ids of its last 0, 1, ..., order - 1 tokens (-1 where unseen), and the order to predict at. */
  private contextChain(fn: string, context: readonly string[]): { ctx: Int32Array; top: number } {
    const { counts } = this.trained(fn);
    if (!Array.isArray(context)) throw new TypeError(`NgramModel.${fn}: context must be an array of tokens`);
    const history = context.slice(Math.max(0, context.length - (this.order - 1))).map((t) => counts.vocabulary.id(t));
    const ctx = new Int32Array(history.length + 1).fill(-1);
    ctx[0] = 0;
    for (let k = 1; k <= history.length; k++) {
      let id = 0;
      for (let j = history.length - k; j < history.length && id >= 0; j++) id = counts.tables[j - (history.length - k) + 1]!.find(id, history[j]!);
      if (id < 0) break;
      ctx[k] = id;
    }
    return { ctx, top: history.length + 1 };
  }

  /** P(word | context); uses the last `order - 1` context tokens (fewer at the start of a sentence: pad with `<s>` for full ones). */
  prob(word: string, context: readonly string[] = []): number {
    const { ctx, top } = this.contextChain('prob', context);
    if (word === BOS) throw new Error(`NgramModel.prob: ${BOS} is never predicted; it only starts a context`);
    const { estimator, counts } = this.trained('prob');
    return estimator.prob(counts.vocabulary.id(word), ctx, top);
  }

  /** ln P(word | context) (-Infinity for a zero probability). */
  logProb(word: string, context: readonly string[] = []): number {
    return Math.log(this.prob(word, context));
  }

  /** log2 P(word | context). */
  log2Prob(word: string, context: readonly string[] = []): number {
    return Math.log2(this.prob(word, context));
  }

  /** P(w | context) for every w of `vocabulary`, in that order. */
  distribution(context: readonly string[] = []): Float64Array {
    const { ctx, top } = this.contextChain('distribution', context);
    const { estimator, counts } = this.trained('distribution');
    const out = new Float64Array(counts.vocabulary.size - 1);
    for (let w = 0; w < out.length; w++) out[w] = estimator.prob(w + 1, ctx, top);
    return out;
  }
}

