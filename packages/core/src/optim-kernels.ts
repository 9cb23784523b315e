// Fused optimizer steps on typed arrays, equal to torch.optim 1.13 (foreach=False): native for float32, else TypeScript.
import { getBackend } from './backend/select.js';
import { adagradStepRef, adamStepRef, rmspropStepRef, sgdStepRef, type OptimArray } from './backend/reference-optim.js';

export type { OptimArray };

/**
 * The tensors of a parameter group: `params[i]` is updated in place from `grads[i]`, which must have the same type
 * (Float32Array or Float64Array) and length. A group may be one flat buffer (`params: [flat]`) or many tensors, and
 * may mix float32 and float64 tensors. Parameters and state buffers must not overlap one another or any gradient.
 */
export interface ParamGroup {
  params: readonly OptimArray[];
  grads: readonly OptimArray[];
}

/** SGD hyperparameters, as torch.optim.SGD (camelCase); `lr` is required. */
export interface SgdHyper {
  lr: number;
  /** Default 0 (plain SGD: no momentum buffers are needed). */
  momentum?: number;
  /** Default 0. */
  dampening?: number;
  /** L2 penalty added to the gradient; default 0. */
  weightDecay?: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0); default false. */
  nesterov?: boolean;
  /** Ascend instead of descend; default false. */
  maximize?: boolean;
}

/** An SGD group: `momentumBuffers[i]` (as params[i]) is required when momentum != 0 and overwritten on step 1. */
export interface SgdGroup extends ParamGroup {
  momentumBuffers?: readonly OptimArray[];
}

/** Adam / AdamW hyperparameters, as torch.optim.Adam and AdamW (camelCase). */
export interface AdamHyper {
  /** Default 1e-3. */
  lr?: number;
  /** Decay rates of the first and second moment averages, each in [0, 1); default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Default 1e-8. */
  eps?: number;
  /** Adam: L2 penalty added to the gradient, default 0. AdamW: decoupled decay rate, default 1e-2. */
  weightDecay?: number;
  /** Normalise by the running maximum of the second moment; default false. */
  amsgrad?: boolean;
  /** Default false. */
  maximize?: boolean;
}

/** An Adam / AdamW group: moment buffers start at zero; `maxExpAvgSqs` is required with amsgrad. */
export interface AdamGroup extends ParamGroup {
  expAvgs: readonly OptimArray[];
  expAvgSqs: readonly OptimArray[];
  maxExpAvgSqs?: readonly OptimArray[];
}

/** RMSProp hyperparameters, as torch.optim.RMSprop (camelCase). */
export interface RmspropHyper {
  /** Default 1e-2. */
  lr?: number;
  /** Smoothing constant; default 0.99. */
  alpha?: number;
  /** Default 1e-8. */
  eps?: number;
  /** Default 0. */
  weightDecay?: number;
  /** Default 0. */
  momentum?: number;
  /** Normalise by the estimated variance of the gradient; default false. */
  centered?: boolean;
  /** Default false. */
  maximize?: boolean;
}

/** An RMSProp group: buffers start at zero; `gradAvgs` is required when centered, `momentumBuffers` when momentum > 0. */
export interface RmspropGroup extends ParamGroup {
  squareAvgs: readonly OptimArray[];
  gradAvgs?: readonly OptimArray[];
  momentumBuffers?: readonly OptimArray[];
}

/** AdaGrad hyperparameters, as torch.optim.Adagrad (camelCase). */
export interface AdagradHyper {
  /** Default 1e-2. */
  lr?: number;
  /** Default 0. */
  lrDecay?: number;
  /** Default 0. */
  weightDecay?: number;
  /** Default 1e-10. */
  eps?: number;
  /** Default false. */
  maximize?: boolean;
}

/** An AdaGrad group: `stateSums` start at torch's initial_accumulator_value (0 by default). */
export interface AdagradGroup extends ParamGroup {
  stateSums: readonly OptimArray[];
}

const describe = (v: unknown): string =>
  v === null ? 'null' : typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : `${typeof v} ${String(v)}`;

function checkKeys(fn: string, hyper: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof hyper !== 'object' || hyper === null) throw new TypeError(`${fn}: hyperparameters must be an object, got ${describe(hyper)}`);
  for (const key of Object.keys(hyper)) {
    if (!allowed.includes(key)) throw new RangeError(`${fn}: unknown hyperparameter '${key}' (expected ${allowed.join(', ')})`);
  }
  return hyper as Record<string, unknown>;
}

function nonNegative(fn: string, name: string, v: unknown, fallback?: number): number {
  const x = v === undefined ? fallback : v;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${x === undefined ? 'undefined' : String(x)}`);
  }
  return x;
}

function finite(fn: string, name: string, v: unknown, fallback: number): number {
  const x = v === undefined ? fallback : v;
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(x)}`);
  return x;
}

function flag(fn: string, name: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${name} must be a boolean, got ${describe(v)}`);
  return v;
}

function checkStep(fn: string, step: unknown): number {
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 1) {
    throw new RangeError(`${fn}: step must be a positive integer (1 on the first step), got ${String(step)}`);
  }
  return step;
}

/** A state list of a group: its name, and whether the options read it. */
type StateSpec = readonly [name: string, used: boolean];

/** A validated group: params, grads, then one list per state spec ([] when the options do not use it). */
type Lists = OptimArray[][];

function checkList(fn: string, name: string, v: unknown, count: number, params?: readonly OptimArray[]): OptimArray[] {
  if (!Array.isArray(v)) throw new TypeError(`${fn}: ${name} must be an array of Float32Array or Float64Array, got ${describe(v)}`);
  if (params !== undefined && v.length !== count) {
    throw new RangeError(`${fn}: ${name} has ${v.length} arrays but params has ${count}`);
  }
  v.forEach((a: unknown, i) => {
    if (!(a instanceof Float32Array || a instanceof Float64Array)) {
      throw new TypeError(`${fn}: ${name}[${i}] must be a Float32Array or Float64Array, got ${describe(a)}`);
    }
    const p = params?.[i];
    if (p === undefined) return;
    if (a.constructor !== p.constructor) throw new TypeError(`${fn}: ${name}[${i}] is a ${describe(a)} but params[${i}] is a ${describe(p)}`);
    if (a.length !== p.length) throw new RangeError(`${fn}: ${name}[${i}] has length ${a.length} but params[${i}] has length ${p.length}`);
  });
  return v as OptimArray[];
}

/**
 * Throws unless no parameter or state buffer shares memory with any other buffer of the group (gradients, only read,
 * may share with one another). Buffers are grouped by ArrayBuffer; within one, sorted by start, a buffer overlaps an
 * earlier one exactly when it starts before the furthest end seen so far.
 */
function checkApart(fn: string, names: readonly string[], lists: Lists): void {
  // Per ArrayBuffer, its buffers as (start, end, list, index) quads; labels are built only for the error, since this
  // runs on every optimizer step.
  const byBuffer = new Map<ArrayBufferLike, number[]>();
  for (let k = 0; k < lists.length; k++) {
    const list = lists[k]!;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (a.length === 0) continue;
      const quads = byBuffer.get(a.buffer);
      if (quads === undefined) byBuffer.set(a.buffer, [a.byteOffset, a.byteOffset + a.byteLength, k, i]);
      else quads.push(a.byteOffset, a.byteOffset + a.byteLength, k, i);
    }
  }
  const label = (q: number[], j: number): string => `${names[q[4 * j + 2]!]}[${q[4 * j + 3]}]`;
  for (const q of byBuffer.values()) {
    if (q.length === 4) continue;
    const order = Array.from({ length: q.length / 4 }, (_, j) => j).sort((x, y) => q[4 * x]! - q[4 * y]!);
    let anyAt = -1, anyEnd = -1, writtenAt = -1, writtenEnd = -1;
    for (const j of order) {
      const start = q[4 * j]!, end = q[4 * j + 1]!, written = q[4 * j + 2] !== 1;
      const clashAt = written ? anyAt : writtenAt, clashEnd = written ? anyEnd : writtenEnd;
      if (clashAt >= 0 && start < clashEnd) {
        throw new RangeError(`${fn}: ${label(q, clashAt)} and ${label(q, j)} share memory; params and optimizer state must not overlap each other or the grads`);
      }
      if (anyAt < 0 || end > anyEnd) { anyAt = j; anyEnd = end; }
      if (written && (writtenAt < 0 || end > writtenEnd)) { writtenAt = j; writtenEnd = end; }
    }
  }
}

function checkGroup(fn: string, group: unknown, states: readonly StateSpec[]): Lists {
  if (typeof group !== 'object' || group === null) throw new TypeError(`${fn}: group must be an object, got ${describe(group)}`);
  const g = group as Record<string, unknown>;
  const params = checkList(fn, 'params', g['params'], 0);
  const count = params.length;
  const lists: Lists = [params, checkList(fn, 'grads', g['grads'], count, params)];
  for (const [name, used] of states) {
    if (!used) {
      lists.push([]);
      continue;
    }
    if (g[name] === undefined) throw new TypeError(`${fn}: group.${name} is required with these options`);
    lists.push(checkList(fn, name, g[name], count, params));
  }
  // The native kernels run the same check on an all-float32 group before writing anything (see nativeStep), and the
  // check here cost about 7 us of a 170 us names-MLP training step.
  const nativeChecks = getBackend().name === 'native' && params.every((p) => p instanceof Float32Array);
  if (!nativeChecks) checkApart(fn, ['params', 'grads', ...states.map(([name]) => name)], lists);
  return lists;
}

/** Runs a native group step, naming `fn` (the public function) instead of the binding in its errors. */
function nativeStep(fn: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof RangeError && /^\w+F32: /.test(e.message)) throw new RangeError(e.message.replace(/^\w+F32: /, `${fn}: `));
    throw e;
  }
}

/**
 * Splits a group by precision: float32 tensors (run by the active backend) and float64 tensors (run in
 * TypeScript). Unused state lists stay empty.
 */
function byPrecision(lists: Lists): { f32: Float32Array[][]; f64: Float64Array[][] } {
  const params = lists[0]!;
  if (params.every((p) => p instanceof Float32Array)) return { f32: lists as Float32Array[][], f64: lists.map(() => []) };
  if (params.every((p) => p instanceof Float64Array)) return { f32: lists.map(() => []), f64: lists as Float64Array[][] };
  const f32: Float32Array[][] = lists.map(() => []), f64: Float64Array[][] = lists.map(() => []);
  params.forEach((p, i) => lists.forEach((list, k) => {
    if (list.length === 0) return;
    if (p instanceof Float32Array) f32[k]!.push(list[i] as Float32Array); else f64[k]!.push(list[i] as Float64Array);
  }));
  return { f32, f64 };
}

/**
 * One step of torch.optim.SGD (foreach=False) on a parameter group, in place. `step` counts from 1; on step 1 the
 * momentum buffers are set to the update direction (PyTorch creates them then), so their contents are ignored.
 * Float32 tensors run on the native kernel when the native backend is active.
 */
export function sgdStep(group: SgdGroup, hyper: SgdHyper, step: number): void {
  const fn = 'sgdStep';
  const h = checkKeys(fn, hyper, ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov', 'maximize']);
  const lr = nonNegative(fn, 'lr', h['lr']);
  const momentum = nonNegative(fn, 'momentum', h['momentum'], 0);
  const dampening = finite(fn, 'dampening', h['dampening'], 0);
  const weightDecay = nonNegative(fn, 'weightDecay', h['weightDecay'], 0);
  const nesterov = flag(fn, 'nesterov', h['nesterov']), maximize = flag(fn, 'maximize', h['maximize']);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new RangeError(`${fn}: nesterov requires momentum > 0 and dampening 0, got momentum ${momentum} and dampening ${dampening}`);
  }
  checkStep(fn, step);
  const { f32, f64 } = byPrecision(checkGroup(fn, group, [['momentumBuffers', momentum !== 0]]));
  const [p32, g32, b32] = f32, [p64, g64, b64] = f64;
  if (p32!.length > 0) nativeStep(fn, () => getBackend().sgdStepF32(p32!, g32!, b32!, lr, momentum, dampening, weightDecay, nesterov, maximize, step));
  if (p64!.length > 0) sgdStepRef(p64!, g64!, b64!, lr, momentum, dampening, weightDecay, nesterov, maximize, step);
}

function adamLike(fn: string, decoupled: boolean, group: AdamGroup, hyper: AdamHyper, step: number): void {
  const h = checkKeys(fn, hyper, ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize']);
  const lr = nonNegative(fn, 'lr', h['lr'], 1e-3);
  const betas = h['betas'] ?? [0.9, 0.999];
  if (!Array.isArray(betas) || betas.length !== 2) throw new TypeError(`${fn}: betas must be a pair [beta1, beta2], got ${describe(betas)}`);
  betas.forEach((b: unknown, i) => {
    if (typeof b !== 'number' || !(b >= 0 && b < 1)) throw new RangeError(`${fn}: betas[${i}] must be in [0, 1), got ${String(b)}`);
  });
  const [beta1, beta2] = betas as [number, number];
  const eps = nonNegative(fn, 'eps', h['eps'], 1e-8);
  const weightDecay = nonNegative(fn, 'weightDecay', h['weightDecay'], decoupled ? 1e-2 : 0);
  const amsgrad = flag(fn, 'amsgrad', h['amsgrad']), maximize = flag(fn, 'maximize', h['maximize']);
  checkStep(fn, step);
  const lists = checkGroup(fn, group, [['expAvgs', true], ['expAvgSqs', true], ['maxExpAvgSqs', amsgrad]]);
  const { f32, f64 } = byPrecision(lists);
  const [p32, g32, m32, v32, x32] = f32, [p64, g64, m64, v64, x64] = f64;
  if (p32!.length > 0) nativeStep(fn, () => getBackend().adamStepF32(p32!, g32!, m32!, v32!, x32!, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled, step));
  if (p64!.length > 0) adamStepRef(p64!, g64!, m64!, v64!, x64!, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled, step);
}

/**
 * One step of torch.optim.Adam (foreach=False) on a parameter group, in place: moment averages with bias
 * correction (computed in double, as PyTorch does), optional L2 weight decay and AMSGrad. `step` counts from 1.
 */
export function adamStep(group: AdamGroup, hyper: AdamHyper, step: number): void {
  adamLike('adamStep', false, group, hyper, step);
}

/**
 * One step of torch.optim.AdamW (foreach=False): Adam with decoupled weight decay, each parameter first scaled by
 * 1 - lr * weightDecay (weightDecay defaults to 1e-2). `step` counts from 1.
 */
export function adamwStep(group: AdamGroup, hyper: AdamHyper, step: number): void {
  adamLike('adamwStep', true, group, hyper, step);
}

/** One step of torch.optim.RMSprop (foreach=False) on a parameter group, in place. */
export function rmspropStep(group: RmspropGroup, hyper: RmspropHyper): void {
  const fn = 'rmspropStep';
  const h = checkKeys(fn, hyper, ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered', 'maximize']);
  const lr = nonNegative(fn, 'lr', h['lr'], 1e-2);
  const alpha = nonNegative(fn, 'alpha', h['alpha'], 0.99);
  const eps = nonNegative(fn, 'eps', h['eps'], 1e-8);
  const weightDecay = nonNegative(fn, 'weightDecay', h['weightDecay'], 0);
  const momentum = nonNegative(fn, 'momentum', h['momentum'], 0);
  const centered = flag(fn, 'centered', h['centered']), maximize = flag(fn, 'maximize', h['maximize']);
  const lists = checkGroup(fn, group, [['squareAvgs', true], ['gradAvgs', centered], ['momentumBuffers', momentum > 0]]);
  const { f32, f64 } = byPrecision(lists);
  const [p32, g32, s32, a32, b32] = f32, [p64, g64, s64, a64, b64] = f64;
  if (p32!.length > 0) nativeStep(fn, () => getBackend().rmspropStepF32(p32!, g32!, s32!, a32!, b32!, lr, alpha, eps, weightDecay, momentum, centered, maximize));
  if (p64!.length > 0) rmspropStepRef(p64!, g64!, s64!, a64!, b64!, lr, alpha, eps, weightDecay, momentum, centered, maximize);
}

/**
 * One step of torch.optim.Adagrad (dense gradients, foreach=False) on a parameter group, in place; the learning
 * rate at `step` (counting from 1) is lr / (1 + (step - 1) * lrDecay).
 */
export function adagradStep(group: AdagradGroup, hyper: AdagradHyper, step: number): void {
  const fn = 'adagradStep';
  const h = checkKeys(fn, hyper, ['lr', 'lrDecay', 'weightDecay', 'eps', 'maximize']);
  const lr = nonNegative(fn, 'lr', h['lr'], 1e-2);
  const lrDecay = nonNegative(fn, 'lrDecay', h['lrDecay'], 0);
  const weightDecay = nonNegative(fn, 'weightDecay', h['weightDecay'], 0);
  const eps = nonNegative(fn, 'eps', h['eps'], 1e-10);
  const maximize = flag(fn, 'maximize', h['maximize']);
  checkStep(fn, step);
  const { f32, f64 } = byPrecision(checkGroup(fn, group, [['stateSums', true]]));
  const [p32, g32, s32] = f32, [p64, g64, s64] = f64;
  if (p32!.length > 0) nativeStep(fn, () => getBackend().adagradStepF32(p32!, g32!, s32!, lr, lrDecay, weightDecay, eps, maximize, step));
  if (p64!.length > 0) adagradStepRef(p64!, g64!, s64!, lr, lrDecay, weightDecay, eps, maximize, step);
}
