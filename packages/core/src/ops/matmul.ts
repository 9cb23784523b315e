// Matrix products: bmm on 3-D views with its backward through transposed views, and matmul/linear built on it.
import { defineOp, type Op } from '../autograd/function.js';
import { isFloating, promoteTypes } from '../tensor/dtype.js';
import { broadcastShapes, formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { BinaryOp, UnaryOp } from '../backend/backend.js';
import { getBackend } from '../backend/select.js';
import { add, gt, mul, sub } from './binary.js';
import { to } from './cast.js';
import { copyAs, uninitialized } from './compute.js';
import { sum } from './reduce.js';
import { dispatch } from './dispatch.js';
import { relu, sigmoid, tanh } from './unary.js';
import { batchedGemm, gemm2d } from './gemm.js';
import { expand, reshape, squeeze, transpose, unsqueeze } from './view.js';

const bmmOp: Op<void> = defineOp<void>({
  name: 'bmm',
  // a: (B, m, k), b: (B, k, n) -> (B, m, n)
  forward: ([a, b]) => {
    // GEMM with beta = 0 writes every element (zeros when k = 0).
    const out = uninitialized([a!.shape[0]!, a!.shape[1]!, b!.shape[2]!], a!.dtype);
    batchedGemm(a!, b!, out.data);
    return out;
  },
  // dA = g @ Bᵀ, dB = Aᵀ @ g: the transposes are views, GEMM reads them with its transpose flags.
  backward: (g, { inputs: [a, b], needs }) => [
    needs[0] && bmmOp([g, transpose(b!, 1, 2)], undefined),
    needs[1] && bmmOp([transpose(a!, 1, 2), g], undefined),
  ],
});

const mmOp: Op<void> = defineOp<void>({
  name: 'mm',
  // a: (m, k), b: (k, n) -> (m, n); views of any strides, read by GEMM without copies where flags allow.
  forward: ([a, b]) => {
    const out = uninitialized([a!.shape[0]!, b!.shape[1]!], a!.dtype);
    gemm2d(a!, b!, out.data);
    return out;
  },
  backward: (g, { inputs: [a, b], needs }) => [
    needs[0] && mmOp([g, transpose(b!, 0, 1)], undefined),
    needs[1] && mmOp([transpose(a!, 0, 1), g], undefined),
  ],
});

function checkOperands(fn: string, a: unknown, b: unknown): asserts a is Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw new TypeError(`${fn}: expected two tensors`);
  if (!isFloating(a.dtype) || !isFloating(b.dtype)) throw new TypeError(`${fn}: expected floating-point tensors, got ${a.dtype} and ${b.dtype}`);
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, 2-D·2-D a matrix product, 1-D operands are
 * treated as a row/column and the added dim removed, and leading batch dims broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkOperands('matmul', a, b);
  if (a.ndim === 0 || b.ndim === 0) throw new RangeError(`matmul: both arguments need at least 1 dimension, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  const dtype = promoteTypes(a.dtype, b.dtype);
  const x = to(a, dtype), y = to(b, dtype);
  const a2 = x.ndim === 1 ? unsqueeze(x, 0) : x;
  const b2 = y.ndim === 1 ? unsqueeze(y, 1) : y;
  const [m, k] = a2.shape.slice(-2) as [number, number];
  const [k2, n] = b2.shape.slice(-2) as [number, number];
  if (k !== k2) {
    throw new RangeError(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  }
  // The common 2-D case skips the batch machinery (fewer views and graph nodes per call).
  if (a2.ndim === 2 && b2.ndim === 2) {
    let out = mmOp([a2, b2], undefined);
    if (x.ndim === 1) out = squeeze(out, -2);
    if (y.ndim === 1) out = squeeze(out, -1);
    return out;
  }
  const batch = broadcastShapes('matmul', a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const nb = batch.reduce((p, s) => p * s, 1);
  // Without batch dims a leading unit dim is a pure view; reshaping a transposed weight would copy it.
  const a3 = batch.length === 0 ? unsqueeze(a2, 0) : reshape(expand(a2, [...batch, m, k]), [nb, m, k]);
  const b3 = batch.length === 0 ? unsqueeze(b2, 0) : reshape(expand(b2, [...batch, k, n]), [nb, k, n]);
  let out = reshape(bmmOp([a3, b3], undefined), [...batch, m, n]);
  if (x.ndim === 1) out = squeeze(out, -2);
  if (y.ndim === 1) out = squeeze(out, -1);
  return out;
}

/** An activation {@link linear} can apply to its output in place. */
export type LinearActivation = 'relu' | 'tanh' | 'sigmoid';

/** Options of {@link linear}. */
export interface LinearOptions {
  /** Applied to x @ Wᵀ + b in place, without keeping the pre-activation; its gradient is taken from the output. */
  activation?: LinearActivation;
}

interface LinearParams { hasBias: boolean; activation: LinearActivation | undefined }

const SCALAR_ACTIVATION: Record<LinearActivation, (v: number) => number> = {
  relu: (v) => (v > 0 ? v : v === v ? 0 : v),
  tanh: Math.tanh,
  sigmoid: (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
};

const UNFUSED_ACTIVATION: Record<LinearActivation, (t: Tensor) => Tensor> = { relu, tanh, sigmoid };

// y = f(y) over contiguous storage: the native vector kernels for float32 tanh/sigmoid, a loop otherwise.
function activateInPlace(y: Tensor, activation: LinearActivation): void {
  const data = y.data, n = y.numel();
  if (data instanceof Float32Array && activation !== 'relu' && n >= dispatch.elementwiseMin) {
    getBackend().unaryF32(UnaryOp[activation], n, data, 0, data, 0);
    return;
  }
  const f = SCALAR_ACTIVATION[activation];
  for (let i = 0; i < n; i++) data[i] = f(data[i] as number);
}

const ONE = new Float32Array([1]);

// g * f'(z) with f'(z) written through f(z) = y, so the pre-activation z need not be kept. One pass over
// contiguous operands; the broadcasting ops otherwise.
function activationBackward(g: Tensor, y: Tensor, activation: LinearActivation): Tensor {
  if (g.dtype !== y.dtype || !g.isContiguous() || !y.isContiguous() || !shapesEqual(g.shape, y.shape)) {
    switch (activation) {
      case 'relu': return mul(g, to(gt(y, 0), y.dtype));
      case 'tanh': return mul(g, sub(1, mul(y, y)));
      case 'sigmoid': return mul(g, mul(y, sub(1, y)));
    }
  }
  const out = uninitialized(y.shape, y.dtype);
  const o = out.data, gd = g.data, yd = y.data, go = g.offset, yo = y.offset, n = o.length;
  if (o instanceof Float32Array && yd instanceof Float32Array && gd instanceof Float32Array && activation !== 'relu' &&
      n >= dispatch.elementwiseMin) {
    // Three native passes over float32, as PyTorch rounds them: a loop here ran at about 5 ns per element (35 us for
    // a (32, 200) hidden layer), the native passes about 10x faster.
    const be = getBackend();
    if (activation === 'tanh') {
      be.binaryF32(BinaryOp.mul, n, yd, yo, yd, yo, o, 0);
      be.binaryBroadcastF32(BinaryOp.sub, 1, n, ONE, 0, 0, 0, o, 0, n, 1, o, 0);
    } else {
      be.binaryBroadcastF32(BinaryOp.sub, 1, n, ONE, 0, 0, 0, yd, yo, n, 1, o, 0);
      be.binaryF32(BinaryOp.mul, n, o, 0, yd, yo, o, 0);
    }
    be.binaryF32(BinaryOp.mul, n, gd, go, o, 0, o, 0);
    return out;
  }
  switch (activation) {
    case 'relu': for (let i = 0; i < n; i++) o[i] = yd[yo + i]! > 0 ? gd[go + i]! : 0; break;
    case 'tanh': for (let i = 0; i < n; i++) { const v = yd[yo + i]!; o[i] = gd[go + i]! * (1 - v * v); } break;
    case 'sigmoid': for (let i = 0; i < n; i++) { const v = yd[yo + i]!; o[i] = gd[go + i]! * (v * (1 - v)); } break;
  }
  return out;
}

const linearOp: Op<LinearParams> = defineOp<LinearParams>({
  name: 'linear',
  // x: (N, in), w: (out, in), b: (out) -> (N, out). One GEMM reads Wᵀ through its transpose flag and
  // accumulates onto rows pre-filled with the bias (beta = 1).
  forward: ([x, w, b], { hasBias, activation }) => {
    const [n, out] = [x!.shape[0]!, w!.shape[0]!];
    // Every element: from the bias rows (accumulated onto), or from GEMM with beta = 0.
    const y = uninitialized([n, out], x!.dtype);
    if (hasBias) {
      const bias = copyAs(b!, x!.dtype).data;
      for (let i = 0; i < n; i++) y.data.set(bias as never, i * out);
    }
    gemm2d(x!, transpose(w!, 0, 1), y.data, 0, hasBias ? 1 : 0);
    if (activation !== undefined) activateInPlace(y, activation);
    return y;
  },
  backward: (grad, { inputs: [x, w], output, needs, params: { hasBias, activation } }) => {
    const g = activation === undefined ? grad : activationBackward(grad, output, activation);
    return [
      needs[0] && matmul(g, w!),
      needs[1] && matmul(transpose(g, 0, 1), x!),
      hasBias && needs[2] && sum(g, 0),
    ];
  },
});

/**
 * x @ Wᵀ + b, as torch.nn.functional.linear: x (..., in), weight (out, in), bias (out); one fused op (one GEMM onto
 * the bias rows). With `activation`, relu/tanh/sigmoid is applied in place in the same op.
 *
 * @example
 * const h = linear(x, w, b, { activation: 'tanh' }); // tanh(x @ wᵀ + b)
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null, options: LinearOptions = {}): Tensor {
  const activation = options.activation;
  if (activation !== undefined && !(activation in SCALAR_ACTIVATION)) {
    throw new RangeError(`linear: unknown activation '${String(activation)}' (expected relu, tanh or sigmoid)`);
  }
  checkOperands('linear', x, weight);
  if (weight.ndim !== 2) throw new RangeError(`linear: weight must be 2-D (out, in), got shape ${formatShape(weight.shape)}`);
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== weight.shape[1]) {
    throw new RangeError(`linear: input of shape ${formatShape(x.shape)} does not match weight of shape ${formatShape(weight.shape)} (in_features ${weight.shape[1]})`);
  }
  if (bias != null && (bias.ndim !== 1 || bias.shape[0] !== weight.shape[0])) {
    throw new RangeError(`linear: bias of shape ${formatShape(bias.shape)} does not match weight of shape ${formatShape(weight.shape)} (expected [${weight.shape[0]}])`);
  }
  if (x.dtype !== weight.dtype || (bias != null && bias.dtype !== weight.dtype)) {
    // Mixed dtypes promote through matmul and add, as in PyTorch.
    const z = matmul(x, transpose(weight, 0, 1));
    const y = bias == null ? z : add(z, bias);
    return activation === undefined ? y : UNFUSED_ACTIVATION[activation](y);
  }
  const x2 = x.ndim === 2 ? x : reshape(x, [-1, weight.shape[1]!]);
  const inputs = bias == null ? [x2, weight] : [x2, weight, bias];
  const y = linearOp(inputs, { hasBias: bias != null, activation });
  return x.ndim === 2 ? y : reshape(y, [...x.shape.slice(0, -1), weight.shape[0]!]);
}
