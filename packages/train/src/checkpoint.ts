// Checkpoints: one safetensors file holding the model's tensors, the optimizer's buffers and the best weights,
// with everything else (counters, history, scheduler, RNG states) as JSON in its metadata; written atomically.
import { existsSync } from 'node:fs';
import { Generator, loadSafetensors, saveSafetensors, Tensor } from '@nn/core';
import type { OptimizerStateDict, ParamState } from '@nn/optim';

/** Anything whose state a checkpoint saves and restores: a data loader's shuffling, a sampler, a custom RNG. */
export interface Stateful {
  /** A JSON-serialisable snapshot (non-finite numbers survive). */
  stateDict(): unknown;
  /** Restores a snapshot from stateDict. */
  loadStateDict(state: unknown): void;
}

/** A Generator as a {@link Stateful} (its getState/setState). */
export function generatorState(generator: Generator): Stateful {
  return {
    stateDict: () => generator.getState(),
    loadStateDict: (state) => {
      if (!Array.isArray(state)) throw new TypeError(`Generator state: expected an array of numbers, got ${typeof state}`);
      generator.setState(state as number[]);
    },
  };
}

/** Whether a value has stateDict and loadStateDict methods. */
export function isStateful(value: unknown): value is Stateful {
  const v = value as Partial<Stateful> | null;
  return typeof v === 'object' && v !== null && typeof v.stateDict === 'function' && typeof v.loadStateDict === 'function';
}

/** What a checkpoint holds. `trainer` is the loop's own JSON state (see Trainer). */
export interface CheckpointContent {
  /** The model's state dict (functional models: `param.<i>`). */
  model: Record<string, Tensor>;
  optimizer: OptimizerStateDict;
  /** The weights of the best epoch so far, when the run keeps them (restore-best). */
  best: Record<string, Tensor> | null;
  /** The training loop's counters, history, scheduler, early-stopping and RNG states. */
  trainer: Record<string, unknown>;
}

const FORMAT = 'nn-train-checkpoint';
const VERSION = '1';

/** JSON with NaN and ±Infinity kept (as {"$number": "NaN"}), which plain JSON turns into null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

/** Parses {@link toJson}'s output. */
export function fromJson(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$number') return Number((v as { $number: string }).$number);
    }
    return v;
  });
}

/** Writes a checkpoint atomically (a temporary file, fsync, rename over `path`): a crash leaves the old one or the new one. */
export function saveCheckpoint(path: string, content: CheckpointContent): void {
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(content.model)) tensors[`model.${k}`] = t;
  for (const [k, t] of Object.entries(content.best ?? {})) tensors[`best.${k}`] = t;
  const scalars: Record<string, Record<string, number>> = {};
  for (const [index, state] of Object.entries(content.optimizer.state)) {
    for (const [key, v] of Object.entries(state)) {
      if (typeof v === 'number') (scalars[index] ??= {})[key] = v;
      else tensors[`optimizer.${index}.${key}`] = new Tensor(v, v instanceof Float64Array ? 'float64' : 'float32', [v.length]);
    }
  }
  const optimizer = { optimizer: content.optimizer.optimizer, paramGroups: content.optimizer.paramGroups, scalars };
  saveSafetensors(path, tensors, {
    format: FORMAT, version: VERSION, hasBest: String(content.best !== null),
    optimizer: toJson(optimizer), trainer: toJson(content.trainer),
  });
}

/** Reads a checkpoint written by {@link saveCheckpoint}; errors name the file and what is wrong with it. */
export function loadCheckpoint(path: string): CheckpointContent {
  if (!existsSync(path)) throw new Error(`loadCheckpoint: no checkpoint at ${path}`);
  const { tensors, metadata } = loadSafetensors(path);
  if (metadata['format'] !== FORMAT || metadata['version'] !== VERSION) {
    throw new Error(`loadCheckpoint: ${path} is not a training checkpoint of format ${FORMAT} version ${VERSION} (metadata format '${metadata['format'] ?? ''}', version '${metadata['version'] ?? ''}')`);
  }
  let saved: { optimizer: string; paramGroups: OptimizerStateDict['paramGroups']; scalars: Record<string, Record<string, number>> };
  let trainer: Record<string, unknown>;
  try {
    saved = fromJson(metadata['optimizer'] ?? '') as typeof saved;
    trainer = fromJson(metadata['trainer'] ?? '') as Record<string, unknown>;
  } catch (e) {
    throw new Error(`loadCheckpoint: ${path} has malformed JSON metadata: ${(e as Error).message}`);
  }
  const model: Record<string, Tensor> = {};
  const best: Record<string, Tensor> = {};
  const state: Record<number, ParamState> = {};
  for (const [index, scalars] of Object.entries(saved.scalars)) state[Number(index)] = { ...scalars };
  for (const [name, t] of Object.entries(tensors)) {
    const dot = name.indexOf('.');
    const [kind, rest] = [name.slice(0, dot), name.slice(dot + 1)];
    if (kind === 'model') model[rest] = t;
    else if (kind === 'best') best[rest] = t;
    else if (kind === 'optimizer') {
      const [index, key] = [rest.slice(0, rest.indexOf('.')), rest.slice(rest.indexOf('.') + 1)];
      (state[Number(index)] ??= {})[key] = t.toFlatArray() as Float32Array | Float64Array;
    } else throw new Error(`loadCheckpoint: ${path} holds an unexpected tensor '${name}'`);
  }
  return {
    model,
    optimizer: { optimizer: saved.optimizer, state, paramGroups: saved.paramGroups },
    best: metadata['hasBest'] === 'true' ? best : null,
    trainer,
  };
}
