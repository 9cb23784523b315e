// defineOp: one definition per op holding its forward and its backward; also the public way to add a custom op.
import type { Tensor } from '../tensor/tensor.js';
import { isGradEnabled, noGrad } from './grad-mode.js';
import type { GradNode } from './node.js';

/** What backward receives besides the output gradient. */
export interface OpContext<P> {
  /** The op's tensor inputs, as given to forward. */
  readonly inputs: readonly Tensor[];
  /** The forward result. */
  readonly output: Tensor;
  /** The op's non-tensor arguments. */
  readonly params: P;
  /** needs[i]: whether input i requires a gradient (skip computing it otherwise). */
  readonly needs: readonly boolean[];
  /** Anything forward chose to save for backward (see OpDefinition.forward). */
  readonly saved: unknown;
}

/** The result of forward when it wants to save extra values for backward. */
export interface ForwardWithSaved {
  output: Tensor;
  saved: unknown;
}

/** A differentiable operation. */
export interface OpDefinition<P> {
  /** Shown in errors and as the gradFn name. */
  name: string;
  /** Computes the result; runs with grad recording off. May return { output, saved }. */
  forward(inputs: readonly Tensor[], params: P): Tensor | ForwardWithSaved;
  /**
   * Gradients of the inputs given the output's gradient, written with differentiable ops.
   * Return null/false/undefined for inputs that need no gradient.
   */
  backward(grad: Tensor, ctx: OpContext<P>): ReadonlyArray<Tensor | null | false | undefined>;
}

/** A callable op: `op(inputs, params)`. */
export type Op<P> = (inputs: readonly Tensor[], params: P) => Tensor;

class OpNode<P> implements GradNode {
  readonly name: string;
  inputs: readonly Tensor[] | null;
  private ctx: OpContext<P> | null;
  private readonly def: OpDefinition<P>;

  constructor(def: OpDefinition<P>, ctx: OpContext<P>) {
    this.def = def;
    this.name = def.name;
    this.inputs = ctx.inputs;
    this.ctx = ctx;
  }

  get released(): boolean {
    return this.ctx === null;
  }

  backward(grad: Tensor): ReadonlyArray<Tensor | null> {
    const ctx = this.ctx!;
    const grads = noGrad(() => this.def.backward(grad, ctx));
    return ctx.inputs.map((_, i) => grads[i] || null);
  }

  release(): void {
    // Inputs stay reachable for the graph walk; saved values and the output go.
    this.ctx = null;
  }
}

/**
 * Defines a differentiable op from its forward and backward. The returned function records the op in the
 * graph when grad mode is on and an input requires grad.
 *
 * @example
 * const square = defineOp<void>({
 *   name: 'square',
 *   forward: ([x]) => mul(x!, x!),
 *   backward: (g, { inputs: [x] }) => [mul(g, mul(x!, 2))],
 * });
 */
export function defineOp<P = undefined>(def: OpDefinition<P>): Op<P> {
  return (inputs, params) => {
    const result = noGrad(() => def.forward(inputs, params));
    const output = 'saved' in result ? result.output : result;
    if (!isGradEnabled()) return output;
    let any = false;
    const needs = inputs.map((t) => {
      any ||= t.requiresGrad;
      return t.requiresGrad;
    });
    if (!any) return output;
    const saved = 'saved' in result ? result.saved : undefined;
    output.attachGradFn(new OpNode(def, { inputs, output, params, needs, saved }));
    return output;
  };
}
