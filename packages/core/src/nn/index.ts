// The nn namespace of @nn/core: modules, layers, activations, normalisation and init.
export { Module, type StateDict, type LoadStateDictOptions, type LoadStateDictResult } from './module.js';
export { Parameter } from './parameter.js';
export { Linear, Embedding, Dropout, Maxout, Sequential, ModuleList, type TensorModule, type LayerOptions } from './layers.js';
export { BatchNorm1d, LayerNorm, type BatchNormOptions } from './norm.js';
export { Sigmoid, Tanh, ReLU, GELU, LeakyReLU, ELU, Softmax, LogSoftmax } from './activation.js';
export * as init from './init.js';
