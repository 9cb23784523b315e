// Reverse-mode differentiation over the recorded graph: topological order, gradient accumulation, graph release.
import { lastStorageSerial, type Tensor } from '../tensor/tensor.js';
import type { Storage } from '../tensor/dtype.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import type { GradNode } from './node.js';

/** Options of backward. */
export interface BackwardOptions {
  /** Keep saved tensors so backward can run through the graph again (default false). */
  retainGraph?: boolean;
}

/** Nodes reachable from root, ordered so each node comes before the nodes of its inputs. */
function topologicalOrder(root: GradNode): GradNode[] {
  const order: GradNode[] = [];
  const seen = new Set<GradNode>();
  // Iterative DFS: deep graphs (long RNN-style chains) must not overflow the JS stack.
  const stack: Array<[GradNode, number]> = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [node, i] = top;
    const inputs = node.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const child = inputs[i]!.gradFn;
      if (child !== null && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order.reverse();
}

/** The arithmetic backward needs, supplied by the ops layer (the engine knows no kernels). */
export interface GradArithmetic {
  /** a + b as a new tensor. */
  add(a: Tensor, b: Tensor): Tensor;
  /**
   * Adds g into t.grad, creating it as a private contiguous copy the first time, or as g itself when `adopt` says
   * that nothing else can see g's storage.
   */
  accumulate(t: Tensor, g: Tensor, adopt: boolean): void;
}

/** Accumulates d(root)/d(leaf) into .grad of every leaf that requires grad (and of retained non-leaves). */
export function runBackward(root: Tensor, grad: Tensor, options: BackwardOptions, math: GradArithmetic): void {
  const { add, accumulate } = math;
  if (root.gradFn === null) {
    accumulate(root, grad, false);
    return;
  }
  // A leaf may keep a gradient as its .grad only if it was allocated during this pass and handed out once: storages
  // that one backward returned for two inputs are shared, and a later in-place accumulation would corrupt the other.
  const firstSerial = lastStorageSerial();
  const shared = new Set<Storage>();
  const pending = new Map<GradNode, Tensor>([[root.gradFn, grad]]);
  if (root.retainsGrad) accumulate(root, grad, false);
  for (const node of topologicalOrder(root.gradFn)) {
    const g = pending.get(node);
    if (g === undefined) continue;
    pending.delete(node);
    if (node.released) {
      throw new Error(
        `backward: trying to backward through the graph a second time (through ${node.name}); its saved tensors were ` +
        'freed by the first backward. Pass { retainGraph: true } to the first backward if you need to run it twice.',
      );
    }
    const inputs = node.inputs!;
    const grads = node.backward(g);
    for (let i = 1; i < grads.length; i++) {
      const di = grads[i]?.data;
      if (di === undefined) continue;
      for (let j = 0; j < i; j++) if (grads[j]?.data === di) shared.add(di);
    }
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!, gi = grads[i];
      if (gi === null || gi === undefined || !input.requiresGrad) continue;
      if (!shapesEqual(gi.shape, input.shape)) {
        throw new Error(`backward: ${node.name} returned a gradient of shape ${formatShape(gi.shape)} for input ${i} of shape ${formatShape(input.shape)}`);
      }
      if (input.retainsGrad) {
        accumulate(input, gi, input.gradFn === null && gi.storageSerial > firstSerial && !shared.has(gi.data));
      }
      if (input.gradFn !== null) {
        const prev = pending.get(input.gradFn);
        pending.set(input.gradFn, prev === undefined ? gi : add(prev, gi));
      }
    }
    if (!options.retainGraph) node.release();
  }
}
