// Public entry of @nn/optim: optimizers (SGD, Adam, AdamW, ...), learning-rate schedulers, gradient clipping and early stopping.
export {
  Optimizer, type OptimArray, type StateValue, type ParamState, type BaseOptions, type ParamGroup, type ParamGroupInput,
  type ParamsInput, type OptimizerStateDict, type StepEntry, type ZeroGradOptions,
} from './optimizer.js';
export { SGD, type SGDOptions } from './sgd.js';
export { Adam, AdamW, type AdamOptions } from './adam.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { Adagrad, type AdagradOptions } from './adagrad.js';
export { Adadelta, type AdadeltaOptions } from './adadelta.js';
export { NAdam, type NAdamOptions } from './nadam.js';
export { Adamax, type AdamaxOptions } from './adamax.js';
export { clipGradNorm, clipGradValue, type ClipGradNormOptions } from './clip.js';
export type { SchedulableOptimizer, SchedulableGroup, SchedulerState } from './scheduler-types.js';
export { LRScheduler } from './lr-scheduler.js';
export {
  StepLR, MultiStepLR, ExponentialLR, LambdaLR,
  type StepLROptions, type MultiStepLROptions, type ExponentialLROptions, type LambdaLROptions, type LrLambda,
} from './step-schedulers.js';
export { LinearLR, PolynomialLR, SequentialLR, type LinearLROptions, type PolynomialLROptions, type SequentialLROptions } from './warmup-schedulers.js';
export { CosineAnnealingLR, CosineAnnealingWarmRestarts, type CosineAnnealingLROptions, type CosineAnnealingWarmRestartsOptions } from './cosine-schedulers.js';
export { OneCycleLR, type OneCycleLROptions } from './one-cycle.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-on-plateau.js';
export { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
