// LabelEncoder: maps labels to ids 0..C-1 with classes sorted as scikit-learn's LabelEncoder (numpy's unique) sorts them.
import { describeValue } from '../text/checks.js';

/** A class label: all strings or all finite numbers within one encoder. */
export type Label = string | number;

/** Orders strings by Unicode code point (numpy's order), not by UTF-16 unit as `<` does. */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next(), cb = ib.next();
    if (ca.done === true || cb.done === true) return (ca.done === true ? 0 : 1) - (cb.done === true ? 0 : 1);
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function checkLabels(fn: string, labels: unknown): asserts labels is readonly Label[] {
  if (!Array.isArray(labels)) throw new TypeError(`${fn}: labels must be an array, got ${labels === null ? 'null' : typeof labels}`);
  let kind: string | undefined;
  labels.forEach((label, i) => {
    if (typeof label === 'number' && !Number.isFinite(label)) throw new RangeError(`${fn}: labels[${i}] is ${label}; labels must be finite`);
    if (typeof label !== 'string' && typeof label !== 'number') throw new TypeError(`${fn}: labels[${i}] must be a string or a number, got ${describeValue(label)}`);
    kind ??= typeof label;
    if (typeof label !== kind) throw new TypeError(`${fn}: labels mix strings and numbers (labels[${i}] = ${describeValue(label)} after ${kind}s)`);
  });
}

/**
 * Encodes labels as ids. `fit` sorts the distinct labels (numbers numerically, strings by code point) into
 * `classes`, and a label's id is its index there, as in scikit-learn.
 */
export class LabelEncoder<T extends Label = Label> {
  private sorted: T[] | null = null;
  private index = new Map<T, number>();

  /** The sorted distinct labels seen by fit. */
  get classes(): readonly T[] {
    if (this.sorted === null) throw new Error('LabelEncoder.classes: call fit(labels) first');
    return this.sorted;
  }

  /** Learns the classes of `labels` (which must not be empty). */
  fit(labels: readonly T[]): this {
    checkLabels('LabelEncoder.fit', labels);
    if (labels.length === 0) throw new RangeError('LabelEncoder.fit: labels is empty');
    const distinct = [...new Set(labels)];
    distinct.sort((a, b) => (typeof a === 'number' ? a - (b as number) : compareCodePoints(a, b as string)));
    this.sorted = distinct;
    this.index = new Map(distinct.map((c, i) => [c, i]));
    return this;
  }

  /** The id of each label; an unseen label throws, naming it and its position. */
  transform(labels: readonly T[]): Int32Array {
    checkLabels('LabelEncoder.transform', labels);
    const classes = this.sorted;
    if (classes === null) throw new Error('LabelEncoder.transform: call fit(labels) first');
    const out = new Int32Array(labels.length);
    for (let i = 0; i < labels.length; i++) {
      const id = this.index.get(labels[i]!);
      if (id === undefined) {
        const known = classes.slice(0, 10).map(describeValue).join(', ') + (classes.length > 10 ? ', ...' : '');
        throw new RangeError(`LabelEncoder.transform: unknown label ${describeValue(labels[i])} at index ${i}; known classes: ${known}`);
      }
      out[i] = id;
    }
    return out;
  }

  /** `fit(labels)` then `transform(labels)`. */
  fitTransform(labels: readonly T[]): Int32Array {
    return this.fit(labels).transform(labels);
  }

  /** The label of each id, which must be an integer in [0, classes.length). */
  inverseTransform(ids: ArrayLike<number>): T[] {
    const classes = this.sorted;
    if (classes === null) throw new Error('LabelEncoder.inverseTransform: call fit(labels) first');
    const out = new Array<T>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= classes.length) {
        throw new RangeError(`LabelEncoder.inverseTransform: ids[${i}] = ${id} is not a class id in [0, ${classes.length})`);
      }
      out[i] = classes[id]!;
    }
    return out;
  }
}
