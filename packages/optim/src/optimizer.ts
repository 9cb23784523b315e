// Base class of every optimizer: parameter groups with per-group options, per-parameter state, zeroGrad, state dicts.
import { contiguous, Tensor } from '@nn/core';

/** A float typed array: a parameter's storage view, a gradient view or a state buffer. */
export type OptimArray = Float32Array | Float64Array;

/** One entry of a parameter's state: a step count or scalar (number) or a buffer shaped like the parameter. */
export type StateValue = number | OptimArray;

/** The state of one parameter, keyed by PyTorch's state names in camelCase (`step`, `expAvg`, ...). */
export type ParamState = Record<string, StateValue>;

/** Options every optimizer has: the learning rate, which schedulers read and write. */
export interface BaseOptions {
  lr: number;
}

/** A parameter group: its parameters and the options that apply to them. */
export type ParamGroup<O extends BaseOptions> = O & { params: Tensor[] };

/** What a constructor or addParamGroup accepts for one group: parameters plus overrides of the defaults. */
export type ParamGroupInput<O extends BaseOptions> = Partial<O> & { params: Iterable<Tensor> };

/** Parameters to optimize: one list (one group) or several groups with their own options. */
export type ParamsInput<O extends BaseOptions> = Iterable<Tensor> | ReadonlyArray<ParamGroupInput<O>>;

/** A serialisable snapshot of an optimizer (see {@link Optimizer.stateDict}); parameters are referred to by index. */
export interface OptimizerStateDict {
  /** The optimizer class that wrote it, e.g. 'Adam'. */
  optimizer: string;
  /** State per parameter index (indices count through the groups in order); buffers are copies. */
  state: Record<number, ParamState>;
  /** Group options, with `params` the indices of the group's parameters. */
  paramGroups: Array<Record<string, unknown> & { params: number[] }>;
}

/** A parameter with a gradient, ready for an update: storage views and its state. */
export interface StepEntry {
  param: Tensor;
  /** The parameter's elements (a view of its storage, written in place). */
  value: OptimArray;
  /** The gradient's elements (a view, or a contiguous copy for strided gradients). */
  grad: OptimArray;
  /** The parameter's state; empty before its first update. */
  state: ParamState;
}

/** Options of {@link Optimizer.zeroGrad}. */
export interface ZeroGradOptions {
  /** Drop gradients (`grad = null`) instead of filling them with zeros; default true, as PyTorch 2. */
  setToNone?: boolean;
}

function isGroupList<O extends BaseOptions>(params: ParamsInput<O>): params is ReadonlyArray<ParamGroupInput<O>> {
  if (!Array.isArray(params) || params.length === 0) return false;
  const first: unknown = params[0];
  return typeof first === 'object' && first !== null && !(first instanceof Tensor) && 'params' in first;
}

/** The elements of a contiguous float tensor's storage as one typed array (addParamGroup rejects strided ones). */
function valueView(p: Tensor): OptimArray {
  return (p.data as OptimArray).subarray(p.offset, p.offset + p.numel());
}

/**
 * The base of all optimizers, as torch.optim.Optimizer: `paramGroups` (each with `lr` and the optimizer's other
 * options), per-parameter `state`, `zeroGrad`, `step`, `stateDict` / `loadStateDict` and `addParamGroup`.
 */
export abstract class Optimizer<O extends BaseOptions = BaseOptions> {
  /** The parameter groups; schedulers read and write `group.lr`. */
  readonly paramGroups: Array<ParamGroup<O>> = [];
  /** Per-parameter state (buffers and step counts), created on a parameter's first update. */
  readonly state = new Map<Tensor, ParamState>();
  /** The options used for groups that do not override them. */
  readonly defaults: O;

  /**
   * @param params parameters or groups; @param classDefaults every option at the class's default;
   * @param options the user's overrides (unknown keys throw).
   */
  protected constructor(params: ParamsInput<O>, classDefaults: O, options: Partial<O> = {}) {
    const name = this.constructor.name;
    if (typeof options !== 'object' || options === null) throw new TypeError(`${name}: options must be an object`);
    for (const key of Object.keys(options)) {
      if (!(key in classDefaults)) throw new RangeError(`${name}: unknown option '${key}' (expected ${Object.keys(classDefaults).join(', ')})`);
    }
    this.defaults = { ...classDefaults, ...options };
    if (params instanceof Tensor) throw new TypeError(`${name}: params must be a list of tensors or of groups, got a single Tensor`);
    const groups: Array<ParamGroupInput<O>> = isGroupList(params) ? [...params] : [{ params: params as Iterable<Tensor> } as ParamGroupInput<O>];
    if (groups.length === 0) throw new RangeError(`${name}: got an empty parameter list`);
    for (const g of groups) this.addParamGroup(g);
  }

  /** Checks a group's merged options; throws naming the class and the offending value. */
  protected abstract validate(options: O): void;

  /** Updates the parameters of one group that have gradients (never called with an empty list). */
  protected abstract stepGroup(group: ParamGroup<O>, entries: StepEntry[]): void;

  /** Adds a group (parameters plus option overrides), as torch's add_param_group. */
  addParamGroup(group: ParamGroupInput<O>): void {
    const name = this.constructor.name;
    if (typeof group !== 'object' || group === null || !('params' in group)) {
      throw new TypeError(`${name}.addParamGroup: a group must be an object with params`);
    }
    const params = group.params instanceof Tensor ? [group.params] : [...group.params];
    if (params.length === 0) throw new RangeError(`${name}: got an empty parameter list`);
    const seen = new Set<Tensor>();
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${name}: params[${i}] is not a Tensor`);
      if (p.dtype !== 'float32' && p.dtype !== 'float64') {
        throw new TypeError(`${name}: can only optimize float32 or float64 tensors, but params[${i}] has dtype ${p.dtype}`);
      }
      if (!p.isLeaf) throw new Error(`${name}: can't optimize a non-leaf tensor (params[${i}])`);
      // The updates run over the storage as one flat array; a strided view (e.g. a transpose) has no such layout.
      if (!p.isContiguous()) {
        throw new Error(`${name}: params[${i}] is not contiguous (shape [${p.shape.join(', ')}], strides [${p.strides.join(', ')}]); optimize contiguous(p) or the tensor it views`);
      }
      if (seen.has(p)) throw new Error(`${name}: params[${i}] appears twice in one parameter group`);
      seen.add(p);
    });
    this.paramGroups.forEach((g, gi) => {
      if (g.params.some((p) => seen.has(p))) throw new Error(`${name}: some parameters appear in more than one parameter group (groups ${gi} and ${this.paramGroups.length})`);
    });
    const merged = { ...this.defaults, ...group, params } as ParamGroup<O>;
    for (const key of Object.keys(group)) {
      if (key !== 'params' && !(key in this.defaults)) {
        throw new RangeError(`${name}: unknown option '${key}' (expected ${Object.keys(this.defaults).join(', ')})`);
      }
    }
    this.validate(merged);
    this.paramGroups.push(merged);
  }

  /** Resets the gradients of all parameters: to null (default) or, with `setToNone: false`, to zeros. */
  zeroGrad({ setToNone = true }: ZeroGradOptions = {}): void {
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        if (p.grad === null) continue;
        if (setToNone) p.grad = null;
        else if (p.grad.isContiguous()) (p.grad.data as OptimArray).fill(0, p.grad.offset, p.grad.offset + p.grad.numel());
        else p.grad = null;
      }
    }
  }

  /**
   * One update of every parameter that has a gradient. `closure`, when given, re-evaluates the model and returns
   * the loss, which step returns (as PyTorch).
   */
  step(closure?: () => number): number | undefined {
    const loss = closure?.();
    const name = this.constructor.name;
    for (const group of this.paramGroups) {
      const entries: StepEntry[] = [];
      for (const p of group.params) {
        const g = p.grad;
        if (g === null) continue;
        if (g.dtype !== p.dtype) throw new TypeError(`${name}.step: a ${p.dtype} parameter has a ${g.dtype} gradient`);
        if (g.numel() !== p.numel()) throw new RangeError(`${name}.step: a parameter of ${p.numel()} elements has a gradient of ${g.numel()}`);
        const gc = contiguous(g);
        let state = this.state.get(p);
        if (state === undefined) {
          state = {};
          this.state.set(p, state);
        }
        entries.push({ param: p, value: valueView(p), grad: (gc.data as OptimArray).subarray(gc.offset, gc.offset + gc.numel()), state });
      }
      if (entries.length > 0) this.stepGroup(group, entries);
    }
    return loss;
  }

  /** A snapshot of the state and group options (buffers copied), which {@link loadStateDict} restores exactly. */
  stateDict(): OptimizerStateDict {
    const state: Record<number, ParamState> = {};
    const paramGroups: OptimizerStateDict['paramGroups'] = [];
    let index = 0;
    for (const g of this.paramGroups) {
      const { params, ...options } = g;
      const ids: number[] = [];
      for (const p of params) {
        const s = this.state.get(p);
        if (s !== undefined) state[index] = copyState(s);
        ids.push(index++);
      }
      paramGroups.push({ ...copyOptions(options as Record<string, unknown>), params: ids });
    }
    return { optimizer: this.constructor.name, state, paramGroups };
  }

  /**
   * Restores a snapshot from {@link stateDict}: group options and per-parameter state. Throws when it comes from
   * another optimizer type or the groups hold different numbers or sizes of parameters.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const name = this.constructor.name;
    if (typeof dict !== 'object' || dict === null || !Array.isArray(dict.paramGroups)) {
      throw new TypeError(`${name}.loadStateDict: expected an object with optimizer, state and paramGroups`);
    }
    if (dict.optimizer !== name) throw new TypeError(`${name}.loadStateDict: the state dict is from ${String(dict.optimizer)}, not ${name}`);
    if (dict.paramGroups.length !== this.paramGroups.length) {
      throw new RangeError(`${name}.loadStateDict: the state dict has ${dict.paramGroups.length} parameter groups but the optimizer has ${this.paramGroups.length}`);
    }
    const byIndex = new Map<number, Tensor>();
    dict.paramGroups.forEach((saved, gi) => {
      const mine = this.paramGroups[gi]!;
      if (saved.params.length !== mine.params.length) {
        throw new RangeError(`${name}.loadStateDict: group ${gi} has ${saved.params.length} parameters in the state dict but ${mine.params.length} in the optimizer`);
      }
      saved.params.forEach((id, i) => byIndex.set(id, mine.params[i]!));
    });
    const newState = new Map<Tensor, ParamState>();
    for (const [key, s] of Object.entries(dict.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined) throw new RangeError(`${name}.loadStateDict: state for parameter ${key}, which no group holds`);
      const copy: ParamState = {};
      for (const [k, v] of Object.entries(s)) {
        if (typeof v === 'number') copy[k] = v;
        else {
          if (v.length !== p.numel()) {
            throw new RangeError(`${name}.loadStateDict: state '${k}' of parameter ${key} has ${v.length} elements but the parameter has ${p.numel()}`);
          }
          copy[k] = p.dtype === 'float64' ? Float64Array.from(v) : Float32Array.from(v);
        }
      }
      newState.set(p, copy);
    }
    const merged = dict.paramGroups.map((saved, gi) => {
      const { params: _ids, ...options } = saved;
      const group = { ...this.paramGroups[gi]!, ...copyOptions(options), params: this.paramGroups[gi]!.params } as ParamGroup<O>;
      this.validate(group);
      return group;
    });
    merged.forEach((g, gi) => { this.paramGroups[gi] = g; });
    this.state.clear();
    for (const [p, s] of newState) this.state.set(p, s);
  }
}

function copyState(s: ParamState): ParamState {
  const out: ParamState = {};
  for (const [k, v] of Object.entries(s)) out[k] = typeof v === 'number' ? v : v.slice();
  return out;
}

function copyOptions(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  return out;
}

/** The state buffer `key` of an entry, created (filled with `init`) when missing. */
export function buffer(e: StepEntry, key: string, init = 0): OptimArray {
  const v = e.state[key];
  if (v !== undefined && typeof v !== 'number') return v;
  const b = e.value instanceof Float64Array ? new Float64Array(e.value.length) : new Float32Array(e.value.length);
  if (init !== 0) b.fill(init);
  e.state[key] = b;
  return b;
}

/** Increments and returns an entry's step count. */
export function nextStep(e: StepEntry): number {
  const s = typeof e.state['step'] === 'number' ? e.state['step'] : 0;
  e.state['step'] = s + 1;
  return s + 1;
}

/** Splits entries by a key (e.g. their step count), in first-seen order, for one kernel call per distinct key. */
export function groupBy<K>(entries: StepEntry[], key: (e: StepEntry) => K): Array<[K, StepEntry[]]> {
  const m = new Map<K, StepEntry[]>();
  for (const e of entries) {
    const k = key(e);
    const list = m.get(k);
    if (list === undefined) m.set(k, [e]); else list.push(e);
  }
  return [...m.entries()];
}
