// Public entry of @nn/core.
import './tensor/methods.js';

export { backendInfo, setBackend, setNumThreads, NativeLoadError, type BackendInfo } from './backend/select.js';
export type { LoadAttempt, LoadSource } from './backend/native/loader.js';
export type { BinaryOpName } from './backend/backend.js';
export { sgemm, dgemm, binaryOp, type GemmArgs, type SgemmArgs, type DgemmArgs } from './kernels.js';
export {
  sgdStep, adamStep, adamwStep, rmspropStep, adagradStep,
  type OptimArray, type ParamGroup, type SgdGroup, type SgdHyper, type AdamGroup, type AdamHyper,
  type RmspropGroup, type RmspropHyper, type AdagradGroup, type AdagradHyper,
} from './optim-kernels.js';

export { Tensor, type TensorOptions, type NestedArray } from './tensor/tensor.js';
export type { DType } from './tensor/dtype.js';
export type { Shape } from './tensor/shape.js';
export {
  tensor, zeros, ones, full, zerosLike, onesLike, fullLike, arange, linspace, eye,
  rand, randn, randint, randLike, randnLike, randintLike, type RandomOptions,
} from './tensor/creation.js';
export { Generator, manualSeed, defaultGenerator } from './random/generator.js';

export { noGrad, enableGrad, isGradEnabled } from './autograd/grad-mode.js';
export { defineOp, type OpDefinition, type OpContext, type Op, type ForwardWithSaved } from './autograd/function.js';
export type { BackwardOptions } from './autograd/engine.js';
export { gradcheck, type GradcheckOptions } from './autograd/gradcheck.js';

export { add, sub, mul, div, pow, maximum, minimum, eq, ne, lt, le, gt, ge, where, type TensorLike } from './ops/binary.js';
export { neg, abs, sign, exp, log, log1p, sqrt, sigmoid, tanh, relu, leakyRelu, elu, gelu, softplus, clamp } from './ops/unary.js';
export { sum, mean, max, min, amax, amin, argmax, argmin, variance, std, logsumexp, norm, sumTo, type Dims, type VarOptions, type ValuesIndices } from './ops/reduce.js';
export { reshape, viewAs, permute, transpose, narrow, expand, squeeze, unsqueeze, flatten, contiguous } from './ops/view.js';
export { matmul, linear, type LinearActivation, type LinearOptions } from './ops/matmul.js';
export { to } from './ops/cast.js';
export { softmax, logSoftmax } from './ops/softmax.js';
export { crossEntropyFromLogits, type CrossEntropyOptions, type CrossEntropyReduction } from './ops/cross-entropy.js';
export { indexSelect, embedding, gather, scatterAdd, maskedFill } from './ops/index-ops.js';
export { cat, stack, split, chunk } from './ops/join.js';
export { dropout, type DropoutOptions } from './ops/dropout.js';
export * as nn from './nn/index.js';
export { writeFileAtomic } from './io/atomic-write.js';
export { saveSafetensors, loadSafetensors, serializeSafetensors, parseSafetensors, type SafetensorsContent } from './io/safetensors.js';
