// Public entry of @nn/lm: language models: count-based n-grams with smoothing, perplexity, ARPA files and generation.
export { BOS, EOS, UNK, padSentence } from './tokens.js';
export {
  crossEntropy, evaluate, fromNaturalLog, perplexity, scoreSentence,
  type CorpusScore, type LogBase, type ScoringModel, type SentenceScore,
} from './scoring.js';
export {
  applyTemperature, argmax, pickToken, pickTokenFromLogits, sampleIndex, softmax, topKFilter, topPFilter,
  type SamplingOptions,
} from './sampling.js';
export { generate, type GenerateOptions, type NextTokenModel } from './generation.js';
export { NgramModel, SMOOTHINGS, type NgramOptions, type Smoothing } from './ngram/model.js';
export type { NgramCounts, VocabularyOptions } from './ngram/counts.js';
export type { Estimator } from './ngram/estimator.js';
export { Vocabulary } from './ngram/vocabulary.js';
export { GramTable } from './ngram/gram-table.js';
export { toArpa, writeArpa } from './ngram/arpa-write.js';
export { ArpaModel } from './ngram/arpa-read.js';
