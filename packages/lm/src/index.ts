// Public entry of @nn/lm: language models: n-grams with smoothing, the Bengio neural model, perplexity, ARPA and model files, generation.
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
export type { NgramCounts, NgramVocabularyOptions } from './ngram/counts.js';
export type { Estimator } from './ngram/estimator.js';
export { NgramVocabulary } from './ngram/vocabulary.js';
export { GramTable } from './ngram/gram-table.js';
export { toArpa, writeArpa } from './ngram/arpa-write.js';
export { ArpaModel } from './ngram/arpa-read.js';
export { MLPLanguageModel, type MLPLanguageModelConfig, type MLPInit } from './neural/mlp.js';
export { languageModelVocabulary, type LanguageModelVocabularyOptions } from './neural/vocabulary.js';
export { trainLanguageModel, evaluateLanguageModel, languageModelLoss, type TrainLanguageModelOptions } from './neural/train.js';
export {
  saveMLPLanguageModel, loadMLPLanguageModel, parseMLPModelConfig, MODEL_CONFIG_FILE, MODEL_WEIGHTS_FILE,
  type MLPModelFileConfig, type LoadedMLPLanguageModel,
} from './neural/model-file.js';
