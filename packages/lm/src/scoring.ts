// Model-independent scoring: log-probability of a sentence and a corpus, cross-entropy and perplexity.
import { padSentence } from './tokens.js';

/** A base for logarithms: `'e'` (nats), `2` (bits) or `10` (ARPA files). */
export type LogBase = 'e' | 2 | 10;

/** What scoring needs from a language model (n-gram or neural). */
export interface ScoringModel {
  /** Length of the history the model looks at, plus one (a bigram model has order 2). */
  readonly order: number;
  /** False for scores that are not probabilities (stupid backoff): perplexity is then refused. */
  readonly normalized: boolean;
  /** ln P(word | context); only the last `order - 1` context tokens matter. */
  logProb(word: string, context?: readonly string[]): number;
}

/** Log-probability of a sentence and the number of tokens it predicted. */
export interface SentenceScore {
  /** Σ log P over the predicted tokens, in the requested base. */
  logProb: number;
  /** Predicted tokens: every word plus the end marker; the start markers are never predicted. */
  tokens: number;
}

/** Scores of a corpus. */
export interface CorpusScore {
  /** Σ ln P over every predicted token (nats). */
  logProb: number;
  /** N: predicted tokens, i.e. words plus one end marker per sentence. */
  tokens: number;
  sentences: number;
  /** Negative log-likelihood per token in nats: -(1/N) Σ ln P. */
  nll: number;
  /** Cross-entropy in bits per token: H = -(1/N) Σ log2 P. */
  crossEntropy: number;
  /** Perplexity 2^H, equal to exp(nll). */
  perplexity: number;
}

/** Converts a natural logarithm to `base`. */
export function fromNaturalLog(lnValue: number, base: LogBase): number {
  if (base === 'e') return lnValue;
  if (base === 2) return lnValue / Math.LN2;
  if (base === 10) return lnValue / Math.LN10;
  throw new RangeError(`fromNaturalLog: base must be 'e', 2 or 10, got ${String(base)}`);
}

/**
 * Log-probability of one tokenised sentence: it is padded with `order - 1` start markers and one end
 * marker, and every word plus the end marker is predicted from the `order - 1` tokens before it.
 */
export function scoreSentence(model: ScoringModel, sentence: readonly string[], base: LogBase = 'e'): SentenceScore {
  const padded = padSentence(sentence, model.order);
  const history = model.order - 1;
  let logProb = 0;
  for (let i = history; i < padded.length; i++) logProb += model.logProb(padded[i]!, padded.slice(i - history, i));
  return { logProb: fromNaturalLog(logProb, base), tokens: padded.length - history };
}

/**
 * Scores a corpus of tokenised sentences. With N the number of predicted tokens (words and end markers,
 * not start markers), cross-entropy is H = -(1/N) Σ log2 P(w_i | history) and perplexity is 2^H.
 */
export function evaluate(model: ScoringModel, sentences: Iterable<readonly string[]>): CorpusScore {
  if (!model.normalized) {
    throw new Error('evaluate: the model scores are not normalised probabilities (stupid backoff), so cross-entropy and perplexity are undefined');
  }
  let logProb = 0, tokens = 0, count = 0;
  for (const sentence of sentences) {
    const s = scoreSentence(model, sentence);
    logProb += s.logProb;
    tokens += s.tokens;
    count++;
  }
  if (count === 0) throw new Error('evaluate: the corpus has no sentences');
  const nll = -logProb / tokens;
  const crossEntropy = nll / Math.LN2;
  return { logProb, tokens, sentences: count, nll, crossEntropy, perplexity: 2 ** crossEntropy };
}

/** Perplexity 2^(-(1/N) Σ log2 P) of a corpus; N counts every word and end marker (see `evaluate`). */
export function perplexity(model: ScoringModel, sentences: Iterable<readonly string[]>): number {
  return evaluate(model, sentences).perplexity;
}

/** Cross-entropy of a corpus in bits per predicted token (see `evaluate`). */
export function crossEntropy(model: ScoringModel, sentences: Iterable<readonly string[]>): number {
  return evaluate(model, sentences).crossEntropy;
}
