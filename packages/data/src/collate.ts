// Default collate: turns a list of examples into one batch (tensors stacked, numbers into tensors, structure kept).
import { Tensor, stack, tensor } from '@nn/core';

/**
 * The batch type {@link defaultCollate} makes from examples of type T: tensors and numbers/booleans become one
 * tensor with a leading batch dimension, strings a string array, tuples/arrays and objects are collated per
 * position/key.
 */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { -readonly [K in keyof T]: Collated<T[K]> }
          : never;

/** Any function from a list of examples to a batch. */
export type CollateFn<T, B> = (examples: T[]) => B;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Tensor) return `Tensor of shape [${value.shape.join(', ')}]`;
  return Array.isArray(value) ? `array of length ${value.length}` : typeof value;
}

function collateAt(examples: readonly unknown[], path: string): unknown {
  const first = examples[0];
  const mismatch = examples.findIndex((e) => typeof e !== typeof first || (e instanceof Tensor) !== (first instanceof Tensor) || Array.isArray(e) !== Array.isArray(first));
  if (mismatch >= 0) {
    throw new TypeError(`defaultCollate: example 0 has ${describe(first)} at ${path} but example ${mismatch} has ${describe(examples[mismatch])}`);
  }
  if (first instanceof Tensor) return stack(examples as Tensor[], 0);
  // float32 always (not int32 for integral batches), so one field keeps one dtype across batches.
  if (typeof first === 'number') return tensor(Float32Array.from(examples as number[]));
  if (typeof first === 'boolean') return tensor(examples as boolean[]);
  if (typeof first === 'string') return [...(examples as string[])];
  if (Array.isArray(first)) {
    const bad = examples.findIndex((e) => (e as unknown[]).length !== first.length);
    if (bad >= 0) throw new RangeError(`defaultCollate: example 0 has ${first.length} elements at ${path} but example ${bad} has ${(examples[bad] as unknown[]).length}`);
    return first.map((_, k) => collateAt(examples.map((e) => (e as unknown[])[k]), `${path}[${k}]`));
  }
  if (typeof first === 'object' && first !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(first)) {
      const missing = examples.findIndex((e) => !Object.hasOwn(e as object, key));
      if (missing >= 0) throw new TypeError(`defaultCollate: example ${missing} lacks the key "${key}" that example 0 has at ${path}`);
      out[key] = collateAt(examples.map((e) => (e as Record<string, unknown>)[key]), `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`defaultCollate: cannot batch ${describe(first)} at ${path}; pass a collate function`);
}

/**
 * Collates examples into a batch: tensors are stacked along a new dim 0; numbers become a float32 tensor
 * (build int32 class indices into a tensor in the dataset, or pass a collate); booleans a bool tensor;
 * strings stay a string array; arrays and objects are collated element-wise / key-wise.
 */
export function defaultCollate<T>(examples: readonly T[]): Collated<T> {
  if (examples.length === 0) throw new RangeError('defaultCollate: cannot collate an empty list of examples');
  return collateAt(examples, 'the example') as Collated<T>;
}
