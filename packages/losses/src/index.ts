// Public entry of @nn/losses: loss functions and regularizers built from @nn/core ops (mseLoss, crossEntropy, hinge, ranking losses, L1/L2 penalties).
export type { Reduction, ReductionOptions } from './reduction.js';
// Regression and probabilistic classification losses.
export { mseLoss, l1Loss, huberLoss, smoothL1Loss, MSELoss, L1Loss, HuberLoss, SmoothL1Loss, type HuberOptions, type SmoothL1Options } from './regression.js';
export { binaryCrossEntropy, binaryCrossEntropyWithLogits, BCELoss, BCEWithLogitsLoss, type BCEOptions, type BCEWithLogitsOptions } from './binary.js';
export { crossEntropy, nllLoss, CrossEntropyLoss, NLLLoss, type CrossEntropyLossOptions, type NLLOptions } from './cross-entropy.js';
export { klDivLoss, KLDivLoss, type KLDivOptions } from './kl-div.js';
// Margin, ranking, information measures and regularization terms.
export { hingeLoss, squaredHinge, hingeEmbeddingLoss, softMarginLoss, HingeLoss, SquaredHingeLoss, HingeEmbeddingLoss, SoftMarginLoss, type HingeEmbeddingOptions } from './hinge.js';
export { multiMarginLoss, multiClassHingeLoss, softHingeLoss, MultiMarginLoss, MultiClassHingeLoss, SoftHingeLoss, type MultiMarginOptions, type MultiClassHingeOptions } from './multi-margin.js';
export { marginRankingLoss, tripletMarginLoss, cosineEmbeddingLoss, MarginRankingLoss, TripletMarginLoss, CosineEmbeddingLoss, type MarginRankingOptions, type TripletMarginOptions, type CosineEmbeddingOptions } from './ranking.js';
export { entropy, crossEntropyOfDistributions, type InformationOptions } from './information.js';
export { l1Penalty, l2Penalty, elasticNetPenalty, type PenaltyParams, type ElasticNetOptions } from './penalties.js';
