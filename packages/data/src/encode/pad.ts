// Padding and truncation of variable-length id sequences into one (N, T) int32 batch with a mask of real positions.
import { Tensor, zeros } from '@nn/core';
import { checkInteger } from '../text/checks.js';

/** Options of {@link padSequences}. */
export interface PadSequencesOptions {
  /** T, the batch length; longer sequences are truncated. Default: the longest sequence. */
  maxLength?: number;
  /** Where padding goes: `'post'` (default, after the ids) or `'pre'` (before them). */
  padding?: 'post' | 'pre';
  /** Which end a too-long sequence loses: `'post'` (default, its tail) or `'pre'` (its head). */
  truncating?: 'post' | 'pre';
  /** The id written at padded positions. Default 0 (a Vocabulary's pad id). */
  padId?: number;
  /** dtype of the mask: `'float32'` (default, 1 at real positions, 0 at padding) or `'bool'`. */
  maskDtype?: 'float32' | 'bool';
}

/** A padded batch. */
export interface PaddedBatch {
  /** (N, T) int32 ids. */
  ids: Tensor;
  /** (N, T) mask: 1 (true) where `ids` holds a real id, 0 (false) at padding. */
  mask: Tensor;
  /** Real length of each row after truncation. */
  lengths: Int32Array;
}

/**
 * Stacks id sequences into an (N, T) int32 tensor: shorter rows are padded with `padId`, longer ones truncated
 * to `maxLength`, and the mask marks the real positions (for masked losses and attention).
 */
export function padSequences(sequences: readonly ArrayLike<number>[], options: PadSequencesOptions = {}): PaddedBatch {
  const fn = 'padSequences';
  if (!Array.isArray(sequences)) throw new TypeError(`${fn}: sequences must be an array of id arrays, got ${sequences === null ? 'null' : typeof sequences}`);
  const padding = options.padding ?? 'post';
  const truncating = options.truncating ?? 'post';
  if (padding !== 'post' && padding !== 'pre') throw new RangeError(`${fn}: padding must be 'post' or 'pre', got ${String(padding)}`);
  if (truncating !== 'post' && truncating !== 'pre') throw new RangeError(`${fn}: truncating must be 'post' or 'pre', got ${String(truncating)}`);
  const maskDtype = options.maskDtype ?? 'float32';
  if (maskDtype !== 'float32' && maskDtype !== 'bool') throw new RangeError(`${fn}: maskDtype must be 'float32' or 'bool', got ${String(maskDtype)}`);
  const padId = options.padId ?? 0;
  checkInteger(fn, 'padId', padId, -0x80000000);
  sequences.forEach((seq, r) => {
    if (seq === null || typeof seq !== 'object' || typeof seq.length !== 'number') throw new TypeError(`${fn}: sequences[${r}] must be an array of ids, got ${seq === null ? 'null' : typeof seq}`);
    for (let i = 0; i < seq.length; i++) {
      if (!Number.isInteger(seq[i]) || Math.abs(seq[i]!) > 0x7fffffff) throw new RangeError(`${fn}: sequences[${r}][${i}] = ${seq[i]} is not an int32 id`);
    }
  });
  const longest = sequences.reduce((m, s) => Math.max(m, s.length), 0);
  const length = options.maxLength ?? longest;
  checkInteger(fn, 'maxLength', length, 0);
  const n = sequences.length;
  const ids = zeros([n, length], { dtype: 'int32' });
  const mask = zeros([n, length], { dtype: maskDtype });
  const idData = ids.data as Int32Array;
  const maskData = mask.data;
  const lengths = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const seq = sequences[r]!;
    const kept = Math.min(seq.length, length);
    const from = truncating === 'post' ? 0 : seq.length - kept;
    const at = r * length + (padding === 'post' ? 0 : length - kept);
    idData.fill(padId, r * length, (r + 1) * length);
    for (let i = 0; i < kept; i++) idData[at + i] = seq[from + i]!;
    maskData.fill(1, at, at + kept);
    lengths[r] = kept;
  }
  return { ids, mask, lengths };
}
