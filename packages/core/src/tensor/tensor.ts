// The Tensor: a strided view of typed-array storage, with the autograd fields PyTorch users expect.
import type { GradNode } from '../autograd/node.js';
import { isFloating, type DType, type Storage } from './dtype.js';
import { contiguousStrides, formatShape, numel, type Shape } from './shape.js';
import { formatTensor } from './format.js';

/** Options shared by tensor constructors. */
export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * An n-dimensional array. Views (reshape, transpose, narrow, expand, ...) share `data` and differ in
 * shape, strides and offset. Element (i0, i1, ...) lives at data[offset + Σ ik * strides[k]].
 */
export class Tensor {
  /** The storage, shared by every view of it. */
  readonly data: Storage;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
  /** Accumulated gradient; set by backward on leaves that require grad (and on non-leaves after retainGrad). */
  grad: Tensor | null = null;
  /** The operation that produced this tensor, or null for leaves. */
  gradFn: GradNode | null = null;
  /**
   * @internal Positive when this tensor object allocated its storage (see {@link markFreshStorage}); 0 for views and
   * wrapped arrays. Backward uses it to adopt a freshly computed gradient as `.grad` instead of copying it.
   */
  storageSerial = 0;
  private requiresGradFlag = false;
  private retainGradFlag = false;

  /** Low-level constructor; prefer `tensor`, `zeros`, ... from @nn/core. */
  constructor(data: Storage, dtype: DType, shape: Shape, strides?: readonly number[], offset = 0) {
    this.data = data;
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return numel(this.shape);
  }

  /** The size of one dimension (negative dims count from the end), or the whole shape. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    if (dim === undefined) return [...this.shape];
    const d = dim < 0 ? dim + this.ndim : dim;
    if (!Number.isInteger(d) || d < 0 || d >= this.ndim) {
      throw new RangeError(`size: dim ${dim} is out of range for a tensor of shape ${formatShape(this.shape)}`);
    }
    return this.shape[d]!;
  }

  /** Whether the elements are laid out row-major without gaps (offset may be non-zero). */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.ndim - 1; i >= 0; i--) {
      const s = this.shape[i]!;
      if (s !== 1 && this.strides[i] !== expected) return false;
      expected *= s;
    }
    return true;
  }

  get requiresGrad(): boolean {
    return this.requiresGradFlag;
  }

  set requiresGrad(value: boolean) {
    if (value && !isFloating(this.dtype)) {
      throw new TypeError(`requiresGrad: only floating-point tensors can require gradients, got dtype ${this.dtype}`);
    }
    if (!value && this.gradFn !== null) {
      throw new Error('requiresGrad: cannot turn off gradients of a non-leaf tensor; use detach() instead');
    }
    this.requiresGradFlag = value;
  }

  /** Sets requiresGrad in place and returns this tensor (like `tensor.requires_grad_()`). */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  /** A tensor has no producing op: it was created by the user, or does not require grad. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Keep .grad on this non-leaf tensor during backward (leaves always keep it). */
  retainGrad(): void {
    if (!this.requiresGradFlag) throw new Error("retainGrad: can't retain the gradient of a tensor that does not require grad");
    this.retainGradFlag = true;
  }

  /** Whether backward stores this tensor's gradient in .grad. */
  get retainsGrad(): boolean {
    return this.gradFn === null ? this.requiresGradFlag : this.retainGradFlag;
  }

  /** Marks a freshly computed tensor as the output of `node` (used by the autograd engine). */
  attachGradFn(node: GradNode): void {
    this.gradFn = node;
    this.requiresGradFlag = true;
  }

  /** Element at a flat row-major index of this view. */
  private elementOffset(flat: number): number {
    let off = this.offset;
    for (let d = this.ndim - 1; d >= 0; d--) {
      const s = this.shape[d]!;
      off += (flat % s) * this.strides[d]!;
      flat = Math.floor(flat / s);
    }
    return off;
  }

  /** The value of a one-element tensor as a number (a boolean is 0 or 1). */
  item(): number {
    if (this.numel() !== 1) throw new RangeError(`item: tensor of shape ${formatShape(this.shape)} has ${this.numel()} elements, expected exactly 1`);
    return this.data[this.elementOffset(0)]!;
  }

  /** The elements as nested arrays (a number for a 0-d tensor). */
  toArray(): NestedArray {
    const build = (dim: number, off: number): NestedArray => {
      if (dim === this.ndim) return this.data[off]!;
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[dim]!; i++) out.push(build(dim + 1, off + i * this.strides[dim]!));
      return out;
    };
    return build(0, this.offset);
  }

  /** The elements in row-major order as a new flat array of the storage type. */
  toFlatArray(): Storage {
    const n = this.numel();
    const out = new (this.data.constructor as new (n: number) => Storage)(n);
    if (this.isContiguous()) {
      out.set(this.data.subarray(this.offset, this.offset + n));
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = this.data[this.elementOffset(i)]!;
    return out;
  }

  toString(): string {
    return formatTensor(this);
  }
}

/** Nested arrays of numbers, as toArray returns and `tensor` accepts. */
export type NestedArray = number | NestedArray[];

let storageSerials = 0;

/** @internal Records that `t` has just allocated its storage and nothing else refers to it yet; returns `t`. */
export function markFreshStorage(t: Tensor): Tensor {
  t.storageSerial = ++storageSerials;
  return t;
}

/** @internal The serial of the last fresh storage: tensors with a larger serial were allocated after this call. */
export function lastStorageSerial(): number {
  return storageSerials;
}
