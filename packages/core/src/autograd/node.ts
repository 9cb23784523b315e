// A node of the autograd graph: the op that produced a tensor, its inputs, and how to map an output grad to input grads.
import type { Tensor } from '../tensor/tensor.js';

/** One recorded operation. Created by ops defined with defineOp; released after backward unless retainGraph. */
export interface GradNode {
  /** The op's name, shown as `<nameBackward>`. */
  readonly name: string;
  /** The op's tensor inputs (null once the graph is freed). */
  inputs: readonly Tensor[] | null;
  /** Gradients of the inputs given the gradient of the output; null where an input needs none. */
  backward(grad: Tensor): ReadonlyArray<Tensor | null>;
  /** Drops saved tensors; a later backward through this node then fails with a clear error. */
  release(): void;
  readonly released: boolean;
}
