// Public entry of @nn/data: datasets, data loaders, tokenizers, vocabularies, encoders and readers for real corpora.
export { createProgress, type ProgressOptions, type ProgressReporter, type ProgressSettings, type ProgressStream } from './progress.js';

// Datasets, loaders and splits; streaming datasets; file readers; corpora from the @stdlib dataset packages.
export { TensorDataset, ArrayDataset, Subset, type Dataset } from './dataset.js';
export { defaultCollate, type Collated, type CollateFn } from './collate.js';
export { DataLoader, randomPermutation, type DataLoaderOptions, type DataLoaderState } from './loader.js';
export { randomSplit, stratifiedSplit, type SplitOptions, type StratumLabel } from './split.js';
export { StreamingDataset, type StreamSource, type ShuffleOptions, type StreamBatchOptions } from './stream/streaming-dataset.js';
export { DataFileError, type DataFileLocation } from './readers/errors.js';
export type { ReaderOptions, StreamOptions } from './readers/common.js';
export { readText, streamText, readLines, streamLines, type LineOptions, type LineStreamOptions } from './readers/text.js';
export { readCsv, streamCsv, type CsvOptions, type CsvStreamOptions, type CsvRow, type LabeledCsvRow } from './readers/csv.js';
export { readJsonl, streamJsonl } from './readers/jsonl.js';
export { CorpusNotInstalledError, type CorpusOptions } from './corpora/resolve.js';
export { loadSpamAssassin, SPAM_ASSASSIN_GROUPS, type SpamAssassinMessage, type SpamAssassinGroup, type SpamAssassinOptions } from './corpora/spam-assassin.js';
export { loadMobyDick, type MobyDickChapter, type MobyDickOptions } from './corpora/moby-dick.js';
export { loadSotu, type SotuAddress, type SotuOptions } from './corpora/sotu.js';
export { loadBostonHousing, bostonHousingTensors, BOSTON_COLUMNS, type BostonColumn, type BostonHouse, type BostonTensorOptions } from './corpora/boston.js';
export { loadFirstNames, readNames, type FirstNameOptions, type ReadNamesOptions } from './corpora/names.js';

// Text: tokenizers, sentences, vocabularies, n-grams; encoders: bag-of-words, TF-IDF, one-hot, labels, padding.
export { wordTokenize, createWordTokenizer, whitespaceTokenize, type WordTokenizerOptions, type WhitespaceTokenizerOptions, type Tokenizer, type NormalizationForm } from './text/tokenize.js';
export { charTokenize, type CharTokenizerOptions } from './text/chars.js';
export { splitSentences, padSequence, SENTENCE_START, SENTENCE_END, ENGLISH_ABBREVIATIONS, type SentenceSplitOptions, type PadOptions } from './text/sentences.js';
export { Vocabulary, type VocabularyOptions } from './text/vocabulary.js';
export type { VocabularyJSON } from './text/vocabulary-json.js';
export { ngrams, everygrams, paddedEverygrams } from './text/ngrams.js';
export { contextTargetPairs, type ContextTargetPairs, type ContextTargetOptions } from './text/context-pairs.js';
export { CsrMatrix } from './encode/sparse.js';
export { bagOfWords, type BagOfWordsOptions } from './encode/bag-of-words.js';
export { TfidfEncoder, type TfidfOptions } from './encode/tfidf.js';
export { oneHot } from './encode/one-hot.js';
export { LabelEncoder, type Label } from './encode/label-encoder.js';
export { padSequences, type PadSequencesOptions, type PaddedBatch } from './encode/pad.js';
