// Strict UTF-8 decoding of byte ranges, with the byte offset of the first invalid sequence when decoding fails.
import { Buffer, isUtf8 } from 'node:buffer';
import { DataFileError } from '../readers/errors.js';

/** Length of the UTF-8 sequence a lead byte starts, or 0 when the byte cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Allowed range of the second byte after `lead` (excludes overlongs, surrogates and code points above U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * Index of the first byte of the first invalid or truncated UTF-8 sequence in bytes[start, end), or -1
 * when the range is valid.
 */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const lead = bytes[i]!;
    if (lead < 0x80) { i++; continue; }
    const len = sequenceLength(lead);
    if (len === 0 || i + len > end) return i;
    const [lo, hi] = secondByteRange(lead);
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < len; k++) {
      const b = bytes[i + k]!;
      if (b < 0x80 || b > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

/**
 * Number of bytes at the end of bytes[start, end) that begin a multi-byte sequence still missing its last
 * bytes (0 to 3): a chunk boundary fell inside a character, and those bytes wait for the next chunk.
 */
export function incompleteTailLength(bytes: Uint8Array, start: number, end: number): number {
  for (let back = 1; back <= 3 && end - back >= start; back++) {
    const b = bytes[end - back]!;
    if (b >= 0x80 && b <= 0xbf) continue;
    const len = sequenceLength(b);
    return len > back ? back : 0;
  }
  return 0;
}

/** True when the bytes at `start` are the UTF-8 byte order mark EF BB BF. */
export function hasUtf8Bom(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf;
}

/**
 * Decodes bytes[start, end) strictly. `fileOffset` is the offset of bytes[0] in `file`, so an error names the
 * absolute byte offset of the bad sequence.
 */
export function decodeUtf8(fn: string, file: string, bytes: Uint8Array, start: number, end: number, fileOffset: number): string {
  const range = bytes.subarray(start, end);
  // Node's validator and decoder run at several GB/s, well ahead of a fatal TextDecoder; both are strict UTF-8.
  if (!isUtf8(range)) {
    const at = invalidUtf8Offset(bytes, start, end);
    throw invalidUtf8Error(fn, file, bytes, at < 0 ? start : at, fileOffset);
  }
  return Buffer.from(range.buffer, range.byteOffset, range.byteLength).toString('utf8');
}

/** The error for an invalid sequence at bytes[at] (file offset `fileOffset + at`). */
export function invalidUtf8Error(fn: string, file: string, bytes: Uint8Array, at: number, fileOffset: number): DataFileError {
  const shown = Array.from(bytes.subarray(at, Math.min(at + 4, bytes.length)), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const byteOffset = fileOffset + at;
  return new DataFileError(`${fn}: invalid UTF-8 in ${file} at byte offset ${byteOffset} (bytes ${shown})`, { file, byteOffset });
}
