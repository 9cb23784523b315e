// Text generation from any model that gives a next-token distribution: greedy or sampled, until </s> or a length limit.
import { pickToken, type SamplingOptions } from './sampling.js';
import { BOS, EOS, UNK } from './tokens.js';

/** What generation needs from a language model (n-gram or neural). */
export interface NextTokenModel {
  /** Length of the history the model looks at, plus one. */
  readonly order: number;
  /** The tokens `distribution` assigns probabilities to, in order. */
  readonly vocabulary: readonly string[];
  /** P(token | context) for every token of `vocabulary`. */
  distribution(context: readonly string[]): Float64Array;
}

/** Settings of `generate`: the sampling rule (greedy, temperature, top-k, top-p, generator) and where to stop. */
export interface GenerateOptions extends SamplingOptions {
  /** Words the text starts with (not repeated in the output). Default none. */
  prompt?: readonly string[];
  /** Most words to generate; generation also stops at `</s>`. Default 100. */
  maxLength?: number;
  /** Never emit `<unk>`. Default false. */
  excludeUnknown?: boolean;
}

/**
 * Generates the words of one sentence: starting from `order - 1` start markers and the prompt, it repeatedly
 * picks a next token from the model's distribution (the most probable with `greedy`, as in the textbook
 * procedure; otherwise a draw after temperature, top-k and top-p) and appends it, until `</s>` (not
 * returned) or `maxLength` words.
 */
export function generate(model: NextTokenModel, options: GenerateOptions = {}): string[] {
  const { prompt = [], maxLength = 100, excludeUnknown = false } = options;
  if (!Number.isInteger(maxLength) || maxLength < 0) throw new RangeError(`generate: maxLength must be an integer >= 0, got ${maxLength}`);
  if (prompt.includes(BOS) || prompt.includes(EOS)) throw new Error(`generate: the prompt must not contain the markers ${BOS} or ${EOS}`);
  const vocabulary = model.vocabulary;
  const unk = excludeUnknown ? vocabulary.indexOf(UNK) : -1;
  const history = [...new Array<string>(Math.max(0, model.order - 1)).fill(BOS), ...prompt];
  const words: string[] = [];
  while (words.length < maxLength) {
    const probs = model.distribution(history.slice(history.length - (model.order - 1)));
    if (probs.length !== vocabulary.length) {
      throw new Error(`generate: the model gave ${probs.length} probabilities for a vocabulary of ${vocabulary.length}`);
    }
    if (unk >= 0) probs[unk] = 0;
    const token = vocabulary[pickToken(probs, options)]!;
    if (token === EOS) break;
    words.push(token);
    history.push(token);
  }
  return words;
}
