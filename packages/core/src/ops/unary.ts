// Elementwise unary ops and activations, each with its forward and backward together.
import { defineOp } from '../autograd/function.js';
import { toFloating } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { add, div, mul, sub, where, gt, ge, le } from './binary.js';
import { UnaryOp, type UnaryOpCode } from '../backend/backend.js';
import { mapUnary } from './compute.js';
import { erf } from './special.js';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

function checkTensor(fn: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new TypeError(`${fn}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
}

/**
 * A unary op whose output is floating (ints promote to float32, as exp/log/... do in PyTorch). Ops with a backend
 * kernel (`kernel`) use it for contiguous float32 inputs above the dispatch size.
 */
function floatingUnary(name: string, f: (v: number) => number, grad: (g: Tensor, x: Tensor, out: Tensor) => Tensor, kernel?: UnaryOpCode) {
  const op = defineOp<void>({
    name,
    forward: ([x]) => mapUnary(x!, toFloating(x!.dtype), f, kernel),
    backward: (g, { inputs: [x], output }) => [grad(g, x!, output)],
  });
  return (x: Tensor): Tensor => {
    checkTensor(name, x);
    return op([x], undefined);
  };
}

/** A unary op that keeps the dtype (neg, abs, relu, ...). */
function samedtypeUnary(name: string, f: (v: number) => number, grad: (g: Tensor, x: Tensor, out: Tensor) => Tensor) {
  const op = defineOp<void>({
    name,
    forward: ([x]) => mapUnary(x!, x!.dtype === 'bool' ? 'int32' : x!.dtype, f),
    backward: (g, { inputs: [x], output }) => [grad(g, x!, output)],
  });
  return (x: Tensor): Tensor => {
    checkTensor(name, x);
    return op([x], undefined);
  };
}

/** -x */
export const neg = samedtypeUnary('neg', (v) => -v, (g) => mul(g, -1));
/** |x|; the gradient at 0 is 0. */
export const abs = samedtypeUnary('abs', Math.abs, (g, x) => mul(g, sign(x)));
/** -1, 0 or 1; its gradient is 0 everywhere. */
export const sign = samedtypeUnary('sign', (v) => (v > 0 ? 1 : v < 0 ? -1 : v), (g) => mul(g, 0));
/** e^x */
export const exp = floatingUnary('exp', Math.exp, (g, _x, out) => mul(g, out), UnaryOp.exp);
/** Natural logarithm. */
export const log = floatingUnary('log', Math.log, (g, x) => div(g, x), UnaryOp.log);
/** log(1 + x), accurate for small x. */
export const log1p = floatingUnary('log1p', Math.log1p, (g, x) => div(g, add(x, 1)));
/** Square root. */
export const sqrt = floatingUnary('sqrt', Math.sqrt, (g, _x, out) => div(g, mul(out, 2)));
/** Logistic sigmoid 1 / (1 + e^-x), computed without overflow. */
export const sigmoid = floatingUnary('sigmoid', (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))), (g, _x, out) => mul(g, mul(out, sub(1, out))), UnaryOp.sigmoid);
/** Hyperbolic tangent. */
export const tanh = floatingUnary('tanh', Math.tanh, (g, _x, out) => mul(g, sub(1, mul(out, out))), UnaryOp.tanh);
/** max(0, x); the gradient at 0 is 0. */
export const relu = samedtypeUnary('relu', (v) => (v > 0 ? v : 0), (g, x) => where(gt(x, 0), g, 0));

const leakyReluOp = defineOp<number>({
  name: 'leakyRelu',
  forward: ([x], slope) => mapUnary(x!, x!.dtype, (v) => (v > 0 ? v : v * slope)),
  backward: (g, { inputs: [x], params: slope }) => [where(gt(x!, 0), g, mul(g, slope))],
});
/** x for x > 0, negativeSlope * x otherwise (default slope 0.01). */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  checkTensor('leakyRelu', x);
  return leakyReluOp([x], negativeSlope);
}

const eluOp = defineOp<number>({
  name: 'elu',
  forward: ([x], alpha) => mapUnary(x!, toFloating(x!.dtype), (v) => (v > 0 ? v : alpha * Math.expm1(v))),
  backward: (g, { inputs: [x], output, params: alpha }) => [where(gt(x!, 0), g, mul(g, add(output, alpha)))],
});
/** x for x > 0, alpha * (e^x - 1) otherwise (default alpha 1). */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkTensor('elu', x);
  return eluOp([x], alpha);
}

/** Exact GELU: x * Φ(x) with the normal CDF Φ (PyTorch's default, approximate='none'). */
export const gelu = floatingUnary(
  'gelu',
  (v) => 0.5 * v * (1 + erf(v * SQRT1_2)),
  // d/dx x Φ(x) = Φ(x) + x φ(x)
  (g, x) => mul(g, mapUnary(x, g.dtype, (v) => 0.5 * (1 + erf(v * SQRT1_2)) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v))),
);

interface SoftplusParams { beta: number; threshold: number }
const softplusOp = defineOp<SoftplusParams>({
  name: 'softplus',
  // Above the threshold softplus is x to float precision; PyTorch switches to the identity there.
  forward: ([x], { beta, threshold }) => mapUnary(x!, toFloating(x!.dtype), (v) => (v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta)),
  backward: (g, { inputs: [x], params: { beta, threshold } }) => [
    mul(g, mapUnary(x!, g.dtype, (v) => (v * beta > threshold ? 1 : 1 / (1 + Math.exp(-v * beta))))),
  ],
});
/** log(1 + e^(beta x)) / beta, linear above threshold (defaults beta 1, threshold 20). */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  checkTensor('softplus', x);
  return softplusOp([x], { beta, threshold });
}

interface ClampParams { min: number | undefined; max: number | undefined }
const clampOp = defineOp<ClampParams>({
  name: 'clamp',
  forward: ([x], { min, max }) => mapUnary(x!, x!.dtype, (v) => {
    let r = v;
    if (min !== undefined && r < min) r = min;
    if (max !== undefined && r > max) r = max;
    return r;
  }),
  // The gradient flows where min <= x <= max (PyTorch's convention at the bounds).
  backward: (g, { inputs: [x], params: { min, max } }) => {
    let mask: Tensor | undefined;
    if (min !== undefined) mask = ge(x!, min);
    if (max !== undefined) mask = mask === undefined ? le(x!, max) : mul(mask, le(x!, max)); // bool * bool is logical and
    return [mask === undefined ? g : where(mask, g, 0)];
  },
});
/** Limits x to [min, max]; either bound may be omitted. */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  checkTensor('clamp', x);
  if (min === undefined && max === undefined) throw new RangeError('clamp: at least one of min and max must be given');
  if (min !== undefined && max !== undefined && min > max) throw new RangeError(`clamp: min ${min} is greater than max ${max}`);
  return clampOp([x], { min, max });
}
