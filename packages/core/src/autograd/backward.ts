// Tensor.backward: validates the root and its gradient, then runs the engine with in-place gradient accumulation.
import { add } from '../ops/binary.js';
import { copyAs, empty } from '../ops/compute.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { runBackward, type BackwardOptions } from './engine.js';
import { noGrad } from './grad-mode.js';

/**
 * Adds g into t.grad in place. The first gradient becomes t.grad itself when the engine says no one else sees it
 * (`adopt`), and a private contiguous copy otherwise, so later adds may write it.
 */
function accumulate(t: Tensor, g: Tensor, adopt: boolean): void {
  const current = t.grad;
  if (current === null && adopt && g.dtype === t.dtype && g.offset === 0 && g.isContiguous() && g.data.length === g.numel()) {
    t.grad = g;
    return;
  }
  if (current === null || !current.isContiguous() || current.offset !== 0 || current.dtype !== t.dtype || !shapesEqual(current.shape, t.shape)) {
    t.grad = current === null ? copyAs(g, t.dtype) : noGrad(() => copyAs(add(current, g), t.dtype));
    return;
  }
  const src = g.isContiguous() && g.dtype === t.dtype ? g : copyAs(g, t.dtype);
  const dst = current.data, s = src.data, o = src.offset;
  for (let i = 0; i < dst.length; i++) dst[i] = dst[i]! + s[o + i]!;
}

/** Computes gradients of `root` with respect to every leaf that requires grad. */
export function backward(root: Tensor, grad?: Tensor, options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new Error('backward: this tensor does not require grad and has no gradFn; set requiresGrad on a leaf it depends on');
  }
  let g = grad;
  if (g === undefined) {
    if (root.numel() !== 1) {
      throw new Error(`backward: a gradient can be created implicitly only for scalar outputs, but the output has shape ${formatShape(root.shape)}; pass a gradient of that shape`);
    }
    g = empty(root.shape, root.dtype);
    g.data[0] = 1;
  } else if (!(g instanceof Tensor) || !shapesEqual(g.shape, root.shape)) {
    throw new RangeError(`backward: gradient of shape ${g instanceof Tensor ? formatShape(g.shape) : typeof g} does not match the output shape ${formatShape(root.shape)}`);
  }
  const seed = g;
  noGrad(() => runBackward(root, seed, options, { add: (a, b) => add(a, b), accumulate }));
}
