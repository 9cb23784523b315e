// Broadcasting binary ops (arithmetic, comparisons, where), each with its forward and backward together.
import { defineOp } from '../autograd/function.js';
import { BinaryOp } from '../backend/backend.js';
import { isFloating, promoteTypes, toFloating, type DType } from '../tensor/dtype.js';
import { broadcastShapes } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { empty, mapBinary, mapTernary } from './compute.js';
import { sumTo } from './reduce.js';
import { log, neg } from './unary.js';

/** A tensor or a plain number (a number takes the tensor's dtype when it can, as in PyTorch). */
export type TensorLike = Tensor | number;

/** A 0-d tensor for a number operand, typed after the other operand. */
export function scalarFor(v: number, other: Tensor): Tensor {
  const dtype: DType = isFloating(other.dtype) ? other.dtype : Number.isInteger(v) ? (other.dtype === 'bool' ? 'int32' : other.dtype) : 'float32';
  const t = empty([], dtype);
  t.data[0] = v;
  return t;
}

function operands(fn: string, a: TensorLike, b: TensorLike): [Tensor, Tensor] {
  if (a instanceof Tensor && b instanceof Tensor) return [a, b];
  if (a instanceof Tensor && typeof b === 'number') return [a, scalarFor(b, a)];
  if (typeof a === 'number' && b instanceof Tensor) return [scalarFor(a, b), b];
  throw new TypeError(`${fn}: expected tensors or numbers, got ${typeof a} and ${typeof b}`);
}

type Arith = 'add' | 'sub' | 'mul' | 'div';

/** Forward of an arithmetic op: the strided loop, or the backend kernel for float32 (see mapBinary). */
function arith(name: Arith, f: (x: number, y: number) => number, [a, b]: readonly Tensor[], outDtype: DType): Tensor {
  return mapBinary(a!, b!, broadcastShapes(name, a!.shape, b!.shape), outDtype, f, BinaryOp[name]);
}

const addOp = defineOp<void>({
  name: 'add',
  forward: (xs) => arith('add', (x, y) => x + y, xs, promoteTypes(xs[0]!.dtype, xs[1]!.dtype)),
  backward: (g, { inputs: [a, b], needs }) => [needs[0] && sumTo(g, a!.shape), needs[1] && sumTo(g, b!.shape)],
});

const subOp = defineOp<void>({
  name: 'sub',
  forward: (xs) => arith('sub', (x, y) => x - y, xs, promoteTypes(xs[0]!.dtype, xs[1]!.dtype)),
  backward: (g, { inputs: [a, b], needs }) => [needs[0] && sumTo(g, a!.shape), needs[1] && sumTo(neg(g), b!.shape)],
});

const mulOp = defineOp<void>({
  name: 'mul',
  forward: (xs) => arith('mul', (x, y) => x * y, xs, promoteTypes(xs[0]!.dtype, xs[1]!.dtype)),
  backward: (g, { inputs: [a, b], needs }) => [needs[0] && sumTo(mul(g, b!), a!.shape), needs[1] && sumTo(mul(g, a!), b!.shape)],
});

const divOp = defineOp<void>({
  name: 'div',
  // True division: integer operands give float32, as in PyTorch.
  forward: (xs) => arith('div', (x, y) => x / y, xs, toFloating(promoteTypes(xs[0]!.dtype, xs[1]!.dtype))),
  backward: (g, { inputs: [a, b], output, needs }) => [
    needs[0] && sumTo(div(g, b!), a!.shape),
    needs[1] && sumTo(neg(div(mul(g, output), b!)), b!.shape),
  ],
});

const powOp = defineOp<void>({
  name: 'pow',
  forward: ([a, b]) => mapBinary(a!, b!, broadcastShapes('pow', a!.shape, b!.shape), promoteTypes(a!.dtype, b!.dtype), (x, y) => x ** y),
  backward: (g, { inputs: [a, b], output, needs }) => [
    // d(a^b)/da = b * a^(b-1); d(a^b)/db = a^b * ln a (PyTorch gives 0 where a == 0 and b >= 0: masked below).
    needs[0] && sumTo(mul(g, mul(b!, pow(a!, sub(b!, 1)))), a!.shape),
    needs[1] && sumTo(mul(g, where(eq(a!, 0), 0, mul(output, log(a!)))), b!.shape),
  ],
});

/** a + b with broadcasting (alpha scales b, as torch.add's alpha). */
export function add(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  const [x, y] = operands('add', a, b);
  return addOp([x, alpha === 1 ? y : mul(y, alpha)], undefined);
}
/** a - b with broadcasting. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => subOp(operands('sub', a, b), undefined);
/** a * b with broadcasting. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => mulOp(operands('mul', a, b), undefined);
/** a / b with broadcasting (true division). */
export const div = (a: TensorLike, b: TensorLike): Tensor => divOp(operands('div', a, b), undefined);
/** a ** b with broadcasting. */
export const pow = (a: TensorLike, b: TensorLike): Tensor => powOp(operands('pow', a, b), undefined);

function selectOp(name: 'maximum' | 'minimum', pick: (x: number, y: number) => number, takeA: (x: number, y: number) => number) {
  return defineOp<void>({
    name,
    forward: ([a, b]) => mapBinary(a!, b!, broadcastShapes(name, a!.shape, b!.shape), promoteTypes(a!.dtype, b!.dtype), pick),
    // Ties split the gradient evenly, as PyTorch does.
    backward: (g, { inputs: [a, b], needs }) => {
      const shape = broadcastShapes(name, a!.shape, b!.shape);
      const wa = mapBinary(a!, b!, shape, g.dtype, takeA);
      return [needs[0] && sumTo(mul(g, wa), a!.shape), needs[1] && sumTo(mul(g, sub(1, wa)), b!.shape)];
    },
  });
}
const maximumOp = selectOp('maximum', (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y)), (x, y) => (x > y ? 1 : x === y ? 0.5 : 0));
const minimumOp = selectOp('minimum', (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y)), (x, y) => (x < y ? 1 : x === y ? 0.5 : 0));
/** Elementwise maximum (NaN propagates). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => maximumOp(operands('maximum', a, b), undefined);
/** Elementwise minimum (NaN propagates). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => minimumOp(operands('minimum', a, b), undefined);

function compare(name: string, f: (x: number, y: number) => boolean) {
  return (a: TensorLike, b: TensorLike): Tensor => {
    const [x, y] = operands(name, a, b);
    return mapBinary(x, y, broadcastShapes(name, x.shape, y.shape), 'bool', (p, q) => (f(p, q) ? 1 : 0));
  };
}
/** Elementwise a == b as a bool tensor. */
export const eq = compare('eq', (x, y) => x === y);
/** Elementwise a != b. */
export const ne = compare('ne', (x, y) => x !== y);
/** Elementwise a < b. */
export const lt = compare('lt', (x, y) => x < y);
/** Elementwise a <= b. */
export const le = compare('le', (x, y) => x <= y);
/** Elementwise a > b. */
export const gt = compare('gt', (x, y) => x > y);
/** Elementwise a >= b. */
export const ge = compare('ge', (x, y) => x >= y);

const whereOp = defineOp<void>({
  name: 'where',
  forward: ([c, a, b]) => {
    const shape = broadcastShapes('where', broadcastShapes('where', c!.shape, a!.shape), b!.shape);
    return mapTernary(c!, a!, b!, shape, promoteTypes(a!.dtype, b!.dtype), (m, x, y) => (m ? x : y));
  },
  backward: (g, { inputs: [c, a, b], needs }) => [
    null,
    needs[1] && sumTo(where(c!, g, 0), a!.shape),
    needs[2] && sumTo(where(c!, 0, g), b!.shape),
  ],
});

/** Elementwise cond ? a : b with broadcasting; cond must be a bool tensor. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (!(cond instanceof Tensor) || cond.dtype !== 'bool') {
    throw new TypeError(`where: condition must be a bool tensor, got ${cond instanceof Tensor ? cond.dtype : typeof cond}`);
  }
  // Two numbers give float32, as torch.where with Python floats does.
  const ref = a instanceof Tensor ? a : b instanceof Tensor ? b : empty([], 'float32');
  const x = a instanceof Tensor ? a : scalarFor(a, ref), y = b instanceof Tensor ? b : scalarFor(b, ref);
  return whereOp([cond, x, y], undefined);
}
