// Element types, their storage arrays, and PyTorch's promotion rules between them.
import { Buffer } from 'node:buffer';

/** Element type of a tensor. float32 is the default; int32 holds indices and labels; bool holds masks. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array behind each dtype. */
export interface StorageOf {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** Any tensor storage. */
export type Storage = StorageOf[DType];

const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;

// V8 gives every typed array over 64 bytes its own off-heap backing store, which costs 0.7-4 us to create and to
// collect: more than the arithmetic of a small op. Storages up to SLAB_MAX_BYTES are therefore carved, 64-byte
// aligned, out of shared 256 KiB slabs that are never reused (so they are zero-filled), and a slab is freed once every
// tensor on it is gone. A long-lived small tensor thus keeps its slab alive: at most 256 KiB per retained tensor.
// Storages an op writes in full (allocateUninitialized) come from slabs of their own that skip the zero fill.
const ON_HEAP_MAX_BYTES = 64;
const SLAB_BYTES = 256 * 1024;
const SLAB_MAX_BYTES = 32 * 1024;
let slab = new ArrayBuffer(0);
let slabUsed = 0;
let rawSlab = new ArrayBuffer(0);
let rawSlabUsed = 0;

/** A zero-filled storage of n elements. */
export function allocate<D extends DType>(dtype: D, n: number): StorageOf[D] {
  const ctor = CTORS[dtype];
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  if (bytes <= ON_HEAP_MAX_BYTES || bytes > SLAB_MAX_BYTES) return new ctor(n) as StorageOf[D];
  const span = (bytes + 63) & ~63;
  if (slabUsed + span > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = new ctor(slab, slabUsed, n) as StorageOf[D];
  slabUsed += span;
  return out;
}

/**
 * A storage of n elements whose contents are unspecified, for an op that writes every element before anything reads
 * it. Large storages skip the zero fill: writing zeros over a (64, 20000) float32 batch took 17% of a logistic
 * regression step. Small ones come from the zero-filled slabs as in {@link allocate}.
 */
export function allocateUninitialized<D extends DType>(dtype: D, n: number): StorageOf[D] {
  const ctor = CTORS[dtype];
  const bytes = n * ctor.BYTES_PER_ELEMENT;
  if (bytes <= ON_HEAP_MAX_BYTES) return new ctor(n) as StorageOf[D];
  // Buffer.allocUnsafeSlow returns memory from malloc (not calloc) in an ArrayBuffer of its own at offset 0.
  if (bytes > SLAB_MAX_BYTES) return new ctor(Buffer.allocUnsafeSlow(bytes).buffer, 0, n) as StorageOf[D];
  // Small ones are carved from slabs of their own, which skip the zero fill as well.
  const span = (bytes + 63) & ~63;
  if (rawSlabUsed + span > rawSlab.byteLength) {
    rawSlab = Buffer.allocUnsafeSlow(SLAB_BYTES).buffer as ArrayBuffer;
    rawSlabUsed = 0;
  }
  const out = new ctor(rawSlab, rawSlabUsed, n) as StorageOf[D];
  rawSlabUsed += span;
  return out;
}

/** The dtype whose storage is this typed array, or undefined for other arrays. */
export function dtypeOfArray(a: unknown): DType | undefined {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  return undefined;
}

export const isFloating = (d: DType): boolean => d === 'float32' || d === 'float64';

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** The result type of a binary op between two tensors (PyTorch's promotion for these four types). */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The floating type an op that needs one (division, exp, mean) computes in: ints and bools go to float32. */
export function toFloating(d: DType): 'float32' | 'float64' {
  return d === 'float64' ? 'float64' : 'float32';
}

/** Every dtype name, for validation messages. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** Throws a clear error unless `d` names a dtype. */
export function checkDType(fn: string, d: unknown): asserts d is DType {
  if (!DTYPES.includes(d as DType)) throw new TypeError(`${fn}: unknown dtype ${JSON.stringify(d)} (expected ${DTYPES.join(', ')})`);
}
