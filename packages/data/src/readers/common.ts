// What every reader shares: options, progress reporting, whole-file decoding and line splitting for the sync variants.
import { readFileSync } from 'node:fs';
import { createProgress, type ProgressOptions, type ProgressReporter, type ProgressStream } from '../progress.js';
import { decodeUtf8, hasUtf8Bom } from '../stream/utf8.js';
import { fsError } from './errors.js';

/** Options of every reader. */
export interface ReaderOptions extends ProgressOptions {
  /** Where progress goes (default `process.stderr`). */
  progressStream?: ProgressStream;
}

/** Options of the streaming readers. */
export interface StreamOptions extends ReaderOptions {
  /** Bytes per read (default 256 KiB). */
  chunkSize?: number;
}

/** A progress line for `fn` reading `file`, counting `unit`, honouring `progress` and `progressStream`. */
export function readerProgress(fn: string, file: string, unit: string, options: ReaderOptions): ProgressReporter {
  return createProgress(`${fn} ${file}`, {
    unit,
    ...(options.progress !== undefined && { enabled: options.progress }),
    ...(options.progressStream !== undefined && { stream: options.progressStream }),
  });
}

/** The whole text of a (small) file, strictly decoded, BOM dropped; errors name `fn` and the file. */
export function readFileText(fn: string, file: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw fsError(fn, file, error);
  }
  return decodeUtf8(fn, file, bytes, hasUtf8Bom(bytes, 0, bytes.length) ? 3 : 0, bytes.length, 0);
}

/** Lines of a text, as the streaming readers split them ("\r\n" or "\n"; no empty line after a final newline). */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 0x0d) lines[i] = line.slice(0, -1);
  }
  return lines;
}
