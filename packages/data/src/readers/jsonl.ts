// JSON Lines readers: one JSON value per line, blank lines skipped; parse errors name the file and line.
import { readLineBatches } from '../stream/chunks.js';
import { readFileText, readerProgress, splitLines, type ReaderOptions, type StreamOptions } from './common.js';
import { DataFileError } from './errors.js';

function parseLine<T>(fn: string, file: string, text: string, line: number): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new DataFileError(`${fn}: ${file} line ${line}: invalid JSON (${(error as Error).message})`, { file, line }, { cause: error });
  }
}

/**
 * The values of a JSON Lines file, for files that fit in memory. `T` is what the caller expects each line to
 * hold; the values are not checked against it.
 */
export function readJsonl<T = unknown>(file: string, options: ReaderOptions = {}): T[] {
  const progress = readerProgress('readJsonl', file, 'records', options);
  const out: T[] = [];
  splitLines(readFileText('readJsonl', file)).forEach((text, i) => {
    if (text.trim().length > 0) out.push(parseLine<T>('readJsonl', file, text, i + 1));
  });
  progress.tick(out.length);
  progress.done();
  return out;
}

/** The values of a JSON Lines file of any size, read chunk by chunk. */
export async function* streamJsonl<T = unknown>(file: string, options: StreamOptions = {}): AsyncGenerator<T> {
  const progress = readerProgress('streamJsonl', file, 'records', options);
  try {
    for await (const { lines, first } of readLineBatches('streamJsonl', file, options.chunkSize)) {
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        if (text.trim().length === 0) continue;
        progress.tick();
        yield parseLine<T>('streamJsonl', file, text, first + i);
      }
    }
  } finally {
    progress.done();
  }
}
