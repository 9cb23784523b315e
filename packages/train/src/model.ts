// The model as the training loop sees it: an nn.Module with forward, or a forward function with its parameters.
import { nn, Tensor } from '@nn/core';

/** A forward pass: the batch's inputs (one or several tensors) to the output the loss reads. */
export type ForwardFn = (...inputs: Tensor[]) => Tensor;

/** A module with a forward method (nn.Linear, nn.Sequential, your own Module subclass). */
export type ModuleModel = nn.Module & { forward: ForwardFn };

/** A model without a Module: a forward function and the parameters it reads (and an optional mode switch). */
export interface FunctionalModel {
  forward: ForwardFn;
  parameters: readonly Tensor[];
  /** Called with true before training batches and false before validation (dropout and friends). */
  train?: (mode: boolean) => void;
}

/** What fit trains. */
export type TrainModel = ModuleModel | FunctionalModel;

/** Uniform access to either kind of model. */
export class ModelAdapter {
  constructor(private readonly model: TrainModel) {
    const ok = model instanceof nn.Module ? typeof (model as { forward?: unknown }).forward === 'function'
      : typeof model === 'object' && model !== null && typeof model.forward === 'function' && Array.isArray(model.parameters);
    if (!ok) throw new TypeError('fit: model must be an nn.Module with a forward method, or { forward, parameters }');
    if (!(model instanceof nn.Module)) {
      model.parameters.forEach((p, i) => {
        if (!(p instanceof Tensor)) throw new TypeError(`fit: model.parameters[${i}] is not a Tensor`);
      });
    }
  }

  forward(inputs: Tensor[]): Tensor {
    return this.model.forward(...inputs);
  }

  get module(): nn.Module | undefined {
    return this.model instanceof nn.Module ? this.model : undefined;
  }

  parameters(): Tensor[] {
    return this.model instanceof nn.Module ? this.model.parameters() : [...this.model.parameters];
  }

  setTraining(mode: boolean): void {
    if (this.model instanceof nn.Module) this.model.train(mode);
    else this.model.train?.(mode);
  }

  /** Copies of the model's tensors by name (a module's state dict; `param.<i>` for functional models). */
  snapshot(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [k, t] of Object.entries(this.state())) out[k] = new Tensor(t.toFlatArray(), t.dtype, t.shape);
    return out;
  }

  /** Loads tensors from {@link snapshot} (or a checkpoint) into the model in place; `where` names the caller. */
  load(state: Record<string, Tensor>, where: string): void {
    if (this.model instanceof nn.Module) {
      this.model.loadStateDict(state);
      return;
    }
    const own = this.state();
    const problems = Object.keys(own).filter((k) => !(k in state) || state[k]!.numel() !== own[k]!.numel() || state[k]!.dtype !== own[k]!.dtype);
    if (problems.length > 0 || Object.keys(state).length !== Object.keys(own).length) {
      throw new Error(`${where}: the saved parameters do not match the model's (${problems.join(', ') || 'different counts'})`);
    }
    for (const [k, t] of Object.entries(own)) {
      if (!t.isContiguous()) throw new Error(`${where}: parameter ${k} is not contiguous and cannot be loaded in place`);
      (t.data as Float32Array | Float64Array).set(state[k]!.toFlatArray() as ArrayLike<number>, t.offset);
    }
  }

  private state(): Record<string, Tensor> {
    if (this.model instanceof nn.Module) return this.model.stateDict();
    return Object.fromEntries(this.model.parameters.map((p, i) => [`param.${i}`, p]));
  }
}
