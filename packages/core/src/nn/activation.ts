// Activation modules wrapping the functional ops (Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU, Softmax, LogSoftmax).
import { logSoftmax, softmax } from '../ops/softmax.js';
import { elu, gelu, leakyRelu, relu, sigmoid, tanh } from '../ops/unary.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TensorModule } from './layers.js';
import { Module } from './module.js';

export class Sigmoid extends Module implements TensorModule {
  forward(x: Tensor): Tensor { return sigmoid(x); }
}
export class Tanh extends Module implements TensorModule {
  forward(x: Tensor): Tensor { return tanh(x); }
}
export class ReLU extends Module implements TensorModule {
  forward(x: Tensor): Tensor { return relu(x); }
}
export class GELU extends Module implements TensorModule {
  forward(x: Tensor): Tensor { return gelu(x); }
}
export class LeakyReLU extends Module implements TensorModule {
  constructor(readonly negativeSlope = 0.01) { super(); }
  forward(x: Tensor): Tensor { return leakyRelu(x, this.negativeSlope); }
  protected override extraRepr(): string { return `negativeSlope=${this.negativeSlope}`; }
}
export class ELU extends Module implements TensorModule {
  constructor(readonly alpha = 1) { super(); }
  forward(x: Tensor): Tensor { return elu(x, this.alpha); }
  protected override extraRepr(): string { return `alpha=${this.alpha}`; }
}
export class Softmax extends Module implements TensorModule {
  constructor(readonly dim: number) { super(); }
  forward(x: Tensor): Tensor { return softmax(x, this.dim); }
  protected override extraRepr(): string { return `dim=${this.dim}`; }
}
export class LogSoftmax extends Module implements TensorModule {
  constructor(readonly dim: number) { super(); }
  forward(x: Tensor): Tensor { return logSoftmax(x, this.dim); }
  protected override extraRepr(): string { return `dim=${this.dim}`; }
}
