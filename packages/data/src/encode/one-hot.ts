// One-hot encoding of class ids into a float32 tensor with one more dimension of numClasses.
import { Tensor, zeros } from '@nn/core';
import { checkInteger } from '../text/checks.js';

/**
 * Rows of zeros with a 1 at each id: an array of N ids gives (N, numClasses); an int32 tensor of shape S gives
 * shape [...S, numClasses]. Every id must be an integer in [0, numClasses).
 */
export function oneHot(ids: ArrayLike<number> | Tensor, numClasses: number): Tensor {
  checkInteger('oneHot', 'numClasses', numClasses, 1);
  let flat: ArrayLike<number>;
  let shape: number[];
  if (ids instanceof Tensor) {
    if (ids.dtype !== 'int32') throw new TypeError(`oneHot: ids must be an int32 tensor, got ${ids.dtype}`);
    flat = ids.toFlatArray();
    shape = [...ids.shape];
  } else {
    if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') throw new TypeError(`oneHot: ids must be an array of integers or an int32 tensor, got ${ids === null ? 'null' : typeof ids}`);
    flat = ids;
    shape = [ids.length];
  }
  const out = zeros([...shape, numClasses]);
  const data = out.data as Float32Array;
  for (let i = 0; i < flat.length; i++) {
    const id = flat[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= numClasses) throw new RangeError(`oneHot: ids[${i}] = ${id} is not a class in [0, ${numClasses})`);
    data[i * numClasses + id] = 1;
  }
  return out;
}
