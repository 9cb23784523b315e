// Parameter: a leaf tensor that a Module registers and optimizers update; also in-place writes used by init and loading.
import { copyAs } from '../ops/compute.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** A trainable tensor: a contiguous leaf that requires grad (unless created with requiresGrad false). */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    const own = data.isContiguous() && data.offset === 0 && data.data.length === data.numel() ? data : copyAs(data, data.dtype);
    super(own.data, own.dtype, own.shape, own.strides, 0);
    this.requiresGrad = requiresGrad;
  }
}

/** Overwrites dst's elements with src's (same shape; dtype converted), in place and outside autograd. */
export function assignInPlace(fn: string, dst: Tensor, src: Tensor): void {
  if (!shapesEqual(dst.shape, src.shape)) throw new RangeError(`${fn}: cannot copy a tensor of shape ${formatShape(src.shape)} into one of shape ${formatShape(dst.shape)}`);
  const values = copyAs(src, dst.dtype).data;
  if (dst.isContiguous()) {
    dst.data.set(values as never, dst.offset);
    return;
  }
  let i = 0;
  const walk = (d: number, off: number): void => {
    if (d === dst.ndim) { dst.data[off] = values[i++]!; return; }
    for (let k = 0; k < dst.shape[d]!; k++) walk(d + 1, off + k * dst.strides[d]!);
  };
  walk(0, dst.offset);
}
