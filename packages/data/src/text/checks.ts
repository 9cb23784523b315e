// Argument checks shared by the text and encode modules (integer sizes, ids, token arrays; messages name the caller), and the progress option.
import type { ProgressOptions } from '../progress.js';

/** Throws unless `value` is an integer of at least `min` (a size, an order, a count). */
export function checkInteger(fn: string, name: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${fn}: ${name} must be an integer, got ${describeValue(value)}`);
  }
  if (value < min) throw new RangeError(`${fn}: ${name} must be >= ${min}, got ${value}`);
}

/** Throws unless `value` is an array of strings (a token sequence); `where` names it, e.g. `docs[3]`. */
export function checkTokens(fn: string, where: string, value: unknown): asserts value is readonly string[] {
  if (!Array.isArray(value)) throw new TypeError(`${fn}: ${where} must be an array of tokens, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') {
      throw new TypeError(`${fn}: ${where}[${i}] must be a string token, got ${describeValue(value[i])}`);
    }
  }
}

/** Throws unless every element of `ids` is an integer in [0, size); `where` names the array in the message. */
export function checkIds(fn: string, where: string, ids: ArrayLike<number>, size: number): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= size) {
      throw new RangeError(`${fn}: ${where}[${i}] = ${id} is not an id in [0, ${size})`);
    }
  }
}

/** A short description of a value for error messages: numbers and strings as written, other things by type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/** The `enabled` setting of createProgress for a `progress` option (absent when the option is, so the TTY decides). */
export function progressEnabled(options: ProgressOptions): { enabled?: boolean } {
  return options.progress === undefined ? {} : { enabled: options.progress };
}
