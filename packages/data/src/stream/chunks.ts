// Reads a file as strictly decoded UTF-8 text chunks, then as batches of lines, without ever holding the whole file.
import { open } from 'node:fs/promises';
import { fsError } from '../readers/errors.js';
import { decodeUtf8, hasUtf8Bom, incompleteTailLength, invalidUtf8Error } from './utf8.js';

/** Default bytes per read. */
export const DEFAULT_CHUNK_SIZE = 1 << 18;

/**
 * Decoded text of `file`, chunk by chunk (BOM dropped). A character split across two reads is carried to the
 * next one, so decoding is exact; invalid UTF-8 throws a DataFileError with the byte offset. `fn` names the
 * public function in errors.
 */
export async function* readUtf8Chunks(fn: string, file: string, chunkSize = DEFAULT_CHUNK_SIZE): AsyncGenerator<string> {
  if (!Number.isInteger(chunkSize) || chunkSize < 4) throw new RangeError(`${fn}: chunkSize must be an integer >= 4, got ${chunkSize}`);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fsError(fn, file, error);
  }
  try {
    // Room for up to 3 carried bytes in front of each read.
    const buffer = new Uint8Array(chunkSize + 3);
    let carried = 0;
    let fileOffset = 0;
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, carried, chunkSize, null));
      } catch (error) {
        throw fsError(fn, file, error);
      }
      const end = carried + bytesRead;
      if (bytesRead === 0) {
        if (carried > 0) throw invalidUtf8Error(fn, file, buffer.subarray(0, carried), 0, fileOffset);
        return;
      }
      const start = fileOffset === 0 && hasUtf8Bom(buffer, 0, end) ? 3 : 0;
      const tail = incompleteTailLength(buffer, start, end);
      const text = decodeUtf8(fn, file, buffer, start, end - tail, fileOffset);
      buffer.copyWithin(0, end - tail, end);
      fileOffset += end - tail;
      carried = tail;
      if (text.length > 0) yield text;
    }
  } finally {
    await handle.close();
  }
}

/** Consecutive lines of a file; `first` is the 1-based number of lines[0]. */
export interface LineBatch {
  lines: string[];
  first: number;
}

/**
 * The lines of `file` in batches (one per chunk read), with "\r\n" and "\n" both ending a line; a final line
 * without a newline is kept, a trailing newline adds no empty line.
 */
export async function* readLineBatches(fn: string, file: string, chunkSize = DEFAULT_CHUNK_SIZE): AsyncGenerator<LineBatch> {
  let partial = '';
  let next = 1;
  for await (const chunk of readUtf8Chunks(fn, file, chunkSize)) {
    // A line longer than a chunk grows as a rope until its newline arrives, instead of re-splitting it.
    if (!chunk.includes('\n')) {
      partial += chunk;
      continue;
    }
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    if (lines.length === 0) continue;
    for (let i = 0; i < lines.length; i++) lines[i] = stripCarriageReturn(lines[i]!);
    yield { lines, first: next };
    next += lines.length;
  }
  if (partial.length > 0) yield { lines: [stripCarriageReturn(partial)], first: next };
}

/** Drops the "\r" of a "\r\n" line ending. */
export function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
