// Reserved tokens of every @nn/lm model (the sentence markers are @nn/data's) and the padding of a sentence around them.
import { SENTENCE_END, SENTENCE_START } from '@nn/data';

/** Sentence start marker, `<s>` (@nn/data's `SENTENCE_START`); only ever context, never predicted. */
export const BOS: typeof SENTENCE_START = SENTENCE_START;
/** Sentence end marker, `</s>` (@nn/data's `SENTENCE_END`); predicted once after the last word of every sentence. */
export const EOS: typeof SENTENCE_END = SENTENCE_END;
/** Stands for every word outside the vocabulary (the default unk symbol of @nn/data's `Vocabulary`). */
export const UNK = '<unk>';

/**
 * The sentence as a model sees it: `order - 1` start markers, the words, one end marker.
 * `padSentence(['a', 'b'], 3)` is `['<s>', '<s>', 'a', 'b', '</s>']`.
 */
export function padSentence(sentence: readonly string[], order: number): string[] {
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`padSentence: order must be an integer >= 1, got ${order}`);
  return [...new Array<string>(order - 1).fill(BOS), ...sentence, EOS];
}
