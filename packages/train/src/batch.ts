// Batches as the training loop reads them: `{ x, y }` objects or `[x, y]` tuples, x one tensor or several.
import { Tensor } from '@nn/core';

/** A model's input: one tensor, or several passed to `forward` as separate arguments. */
export type BatchInput = Tensor | readonly Tensor[];

/** One batch: the model's input and the target the loss compares its output with. */
export interface Batch {
  x: BatchInput;
  y: Tensor;
}

/**
 * What a data iterable may yield: a {@link Batch}, the tuple `[x, y]`, or a flat list of tensors `[x1, ..., xn, y]`
 * (what a DataLoader over a TensorDataset yields): every tensor but the last is an input.
 */
export type BatchLike = Batch | readonly [BatchInput, Tensor] | readonly Tensor[];

/** A batch in one shape: the inputs as a list, the target, and the number of examples (the target's first dimension). */
export interface NormalizedBatch {
  inputs: Tensor[];
  target: Tensor;
  size: number;
}

function describe(value: unknown): string {
  if (value instanceof Tensor) return `Tensor of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return `array of length ${value.length}`;
  return value === null ? 'null' : typeof value;
}

/** Checks one batch and brings it into one shape; `where` names the caller and the batch in errors. */
export function normalizeBatch(batch: unknown, where: string): NormalizedBatch {
  let x: unknown, y: unknown;
  if (Array.isArray(batch)) {
    const flat = batch.length > 2 && batch.every((t) => t instanceof Tensor);
    if (batch.length < 2 || (batch.length > 2 && !flat)) {
      throw new TypeError(`${where}: a batch array must be [x, y] or tensors [x1, ..., xn, y], got an array of length ${batch.length}`);
    }
    [x, y] = flat ? [batch.slice(0, -1), batch[batch.length - 1]] : (batch as unknown[]);
  } else if (typeof batch === 'object' && batch !== null && 'x' in batch && 'y' in batch) {
    ({ x, y } = batch as { x: unknown; y: unknown });
  } else {
    throw new TypeError(`${where}: a batch must be { x, y } or [x, y], got ${describe(batch)}`);
  }
  if (!(y instanceof Tensor)) throw new TypeError(`${where}: the batch target y must be a Tensor, got ${describe(y)}`);
  const inputs = x instanceof Tensor ? [x] : Array.isArray(x) ? (x as unknown[]) : null;
  if (inputs === null || inputs.length === 0 || !inputs.every((t) => t instanceof Tensor)) {
    throw new TypeError(`${where}: the batch input x must be a Tensor or a non-empty array of Tensors, got ${describe(x)}`);
  }
  return { inputs: inputs as Tensor[], target: y, size: y.ndim === 0 ? 1 : y.shape[0]! };
}

/** The number of batches an iterable announces (`length` or `size` as a number), if any. */
export function announcedLength(data: Iterable<unknown>): number | undefined {
  const d = data as { length?: unknown; size?: unknown };
  if (typeof d.length === 'number' && Number.isInteger(d.length)) return d.length;
  if (typeof d.size === 'number' && Number.isInteger(d.size)) return d.size;
  return undefined;
}
