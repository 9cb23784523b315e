// Reserved tokens of every @nn/lm model and the padding of a sentence around them.

/** Sentence start marker; only ever context, never predicted. */
export const BOS = '<s>';
/** Sentence end marker; predicted once after the last word of every sentence. */
export const EOS = '</s>';
/** Stands for every word outside the vocabulary. */
export const UNK = '<unk>';

/**
 * The sentence as a model sees it: `order - 1` start markers, the words, one end marker.
 * `padSentence(['a', 'b'], 3)` is `['<s>', '<s>', 'a', 'b', '</s>']`.
 */
export function padSentence(sentence: readonly string[], order: number): string[] {
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`padSentence: order must be an integer >= 1, got ${order}`);
  return [...new Array<string>(order - 1).fill(BOS), ...sentence, EOS];
}
