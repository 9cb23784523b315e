// Module: the base of every layer. Parameters, buffers and submodules assigned to fields are found by walking
// the instance, so `this.fc = new Linear(2, 3)` registers as in PyTorch.
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { assignInPlace, Parameter } from './parameter.js';

/** A state dict: parameter and buffer tensors by dotted name, in registration order. */
export type StateDict = Record<string, Tensor>;

/** Options of loadStateDict. */
export interface LoadStateDictOptions {
  /** Require exactly the module's keys (default true). Shapes must always match. */
  strict?: boolean;
}

/** Keys that loadStateDict did not find or did not expect (strict false). */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

export abstract class Module {
  /** Training mode (dropout active, batch norm uses batch statistics). */
  training = true;
  private readonly bufferNames = new Set<string>();

  /** Registers a non-trainable tensor (running statistics) that stateDict saves. Returns it. */
  protected registerBuffer(name: string, value: Tensor): Tensor {
    this.bufferNames.add(name);
    (this as unknown as Record<string, unknown>)[name] = value;
    return value;
  }

  /**
   * Direct entries: [name, value] for own fields holding a Parameter, buffer or Module (arrays indexed by position).
   * Containers override this to name their children by position.
   */
  protected ownEntries(): Array<[string, Parameter | Module | Tensor]> {
    const out: Array<[string, Parameter | Module | Tensor]> = [];
    for (const [key, value] of Object.entries(this)) {
      if (key === 'training' || key === 'bufferNames') continue;
      if (value instanceof Parameter || value instanceof Module) out.push([key, value]);
      else if (value instanceof Tensor && this.bufferNames.has(key)) out.push([key, value]);
      else if (Array.isArray(value)) value.forEach((v, i) => { if (v instanceof Module || v instanceof Parameter) out.push([`${key}.${i}`, v]); });
    }
    return out;
  }

  /** Immediate submodules with their names. */
  namedChildren(): Array<[string, Module]> {
    return this.ownEntries().filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every submodule, depth first, with dotted names ('' for this one). */
  namedModules(prefix = ''): Array<[string, Module]> {
    const out: Array<[string, Module]> = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Parameters with dotted names, each once even when shared, in registration order. */
  namedParameters(prefix = '', recurse = true): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    const seen = new Set<Parameter>();
    const visit = (m: Module, p: string): void => {
      for (const [name, v] of m.ownEntries()) {
        const full = p ? `${p}.${name}` : name;
        if (v instanceof Parameter) {
          if (!seen.has(v)) { seen.add(v); out.push([full, v]); }
        } else if (v instanceof Module && recurse) visit(v, full);
      }
    };
    visit(this, prefix);
    return out;
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  /** Buffers (running statistics) with dotted names. */
  namedBuffers(prefix = ''): Array<[string, Tensor]> {
    const out: Array<[string, Tensor]> = [];
    for (const [name, v] of this.ownEntries()) {
      const full = prefix ? `${prefix}.${name}` : name;
      if (v instanceof Module) out.push(...v.namedBuffers(full));
      else if (!(v instanceof Parameter)) out.push([full, v]);
    }
    return out;
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, b]) => b);
  }

  /** Sets training mode here and in every submodule. Returns this. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode: train(false). */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradients of every parameter (to null, as PyTorch's default setToNone). */
  zeroGrad(setToNone = true): void {
    for (const p of this.parameters()) {
      if (setToNone || p.grad === null) p.grad = null;
      else p.grad.data.fill(0);
    }
  }

  /** Calls fn on every submodule and this one (children first), as Module.apply. Returns this. */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Parameters and buffers by dotted name (the tensors themselves, not copies). */
  stateDict(): StateDict {
    const out: StateDict = {};
    const visit = (m: Module, p: string): void => {
      for (const [name, v] of m.ownEntries()) {
        const full = p ? `${p}.${name}` : name;
        if (v instanceof Module) visit(v, full);
        else out[full] = v;
      }
    };
    visit(this, '');
    return out;
  }

  /**
   * Copies values from a state dict into this module's parameters and buffers, in place. Checks every shape
   * before writing anything, and with strict (default) requires exactly the same keys.
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
    const problems: string[] = [];
    if ((options.strict ?? true) && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      if (missingKeys.length > 0) problems.push(`missing keys: ${missingKeys.join(', ')}`);
      if (unexpectedKeys.length > 0) problems.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
    }
    for (const [key, target] of Object.entries(own)) {
      const src = state[key];
      if (src === undefined) continue;
      if (!(src instanceof Tensor)) problems.push(`${key}: expected a Tensor, got ${typeof src}`);
      else if (!shapesEqual(src.shape, target.shape)) problems.push(`${key}: shape ${formatShape(src.shape)} in the state dict, ${formatShape(target.shape)} in the module`);
    }
    if (problems.length > 0) throw new Error(`loadStateDict (${this.constructor.name}): ${problems.join('; ')}`);
    for (const [key, target] of Object.entries(own)) {
      const src = state[key];
      if (src !== undefined) assignInPlace('loadStateDict', target, src);
    }
    return { missingKeys, unexpectedKeys };
  }

  /** A line describing this module's own settings, shown by toString (override in layers). */
  protected extraRepr(): string {
    return '';
  }

  /** PyTorch-style tree: `Sequential(\n  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n ...)`. */
  toString(): string {
    const children = this.namedChildren();
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    if (children.length === 0) return `${head})`;
    const lines = children.map(([n, m]) => `  (${n}): ${m.toString().replace(/\n/g, '\n  ')}`);
    return `${head}\n${lines.join('\n')}\n)`;
  }
}
