// Conversion between dtypes; float-to-float casts keep the graph (the gradient is cast back).
import { defineOp } from '../autograd/function.js';
import { checkDType, isFloating, type DType } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import { copyAs } from './compute.js';

const castOp = defineOp<DType>({
  name: 'to',
  forward: ([x], dtype) => copyAs(x!, dtype),
  backward: (g, { inputs: [x] }) => [copyAs(g, x!.dtype)],
});

/** x converted to dtype (x itself when it already has it). Floats to ints truncate toward zero; non-zero is true. */
export function to(x: Tensor, dtype: DType): Tensor {
  checkDType('to', dtype);
  if (x.dtype === dtype) return x;
  // Only float -> float stays differentiable; PyTorch also cuts the graph at integer and bool results.
  return isFloating(dtype) && isFloating(x.dtype) ? castOp([x], dtype) : copyAs(x, dtype);
}
