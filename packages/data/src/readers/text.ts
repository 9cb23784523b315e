// Plain-text and one-example-per-line readers: whole-file sync variants and streaming async variants.
import { readLineBatches, readUtf8Chunks } from '../stream/chunks.js';
import { readFileText, readerProgress, splitLines, type ReaderOptions, type StreamOptions } from './common.js';

/** Options of the line readers. */
export interface LineOptions extends ReaderOptions {
  /** Drop lines that are empty or only whitespace (default true). */
  skipEmpty?: boolean;
  /** Trim whitespace at both ends of each line (default false). */
  trim?: boolean;
}

/** Options of the streaming line reader. */
export interface LineStreamOptions extends LineOptions, StreamOptions {}

const NOT_WHITESPACE = /\S/;
// Most lines start with a visible ASCII character; only the others need the regular expression.
function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  return !(first > 0x20 && first < 0x7f) && !NOT_WHITESPACE.test(line);
}

function keepLine(line: string, options: LineOptions): string | undefined {
  if ((options.skipEmpty ?? true) && isBlank(line)) return undefined;
  return options.trim === true ? line.trim() : line;
}

/** The text of a file (UTF-8, BOM dropped, "\r\n" turned into "\n"). For files that fit in memory. */
export function readText(file: string, options: ReaderOptions = {}): string {
  const progress = readerProgress('readText', file, 'chars', options);
  const text = readFileText('readText', file).replace(/\r\n/g, '\n');
  progress.tick(text.length);
  progress.done();
  return text;
}

/** The text of a file of any size as chunks of a few hundred KiB ("\r\n" turned into "\n", BOM dropped). */
export async function* streamText(file: string, options: StreamOptions = {}): AsyncGenerator<string> {
  const progress = readerProgress('streamText', file, 'chars', options);
  let pendingCarriageReturn = false;
  try {
    for await (let chunk of readUtf8Chunks('streamText', file, options.chunkSize)) {
      // A "\r\n" may straddle two chunks: hold a final "\r" back until the next chunk shows what follows it.
      if (pendingCarriageReturn) chunk = `\r${chunk}`;
      pendingCarriageReturn = chunk.endsWith('\r');
      const text = (pendingCarriageReturn ? chunk.slice(0, -1) : chunk).replace(/\r\n/g, '\n');
      progress.tick(text.length);
      if (text.length > 0) yield text;
    }
    if (pendingCarriageReturn) yield '\r';
  } finally {
    progress.done();
  }
}

/** The lines of a one-example-per-line file ("\r\n" or "\n"; blank lines dropped unless `skipEmpty: false`). */
export function readLines(file: string, options: LineOptions = {}): string[] {
  const progress = readerProgress('readLines', file, 'lines', options);
  const out: string[] = [];
  for (const line of splitLines(readFileText('readLines', file))) {
    const kept = keepLine(line, options);
    if (kept !== undefined) out.push(kept);
  }
  progress.tick(out.length);
  progress.done();
  return out;
}

/** The lines of a file of any size, read chunk by chunk (same rules as {@link readLines}). */
export async function* streamLines(file: string, options: LineStreamOptions = {}): AsyncGenerator<string> {
  const progress = readerProgress('streamLines', file, 'lines', options);
  try {
    for await (const { lines } of readLineBatches('streamLines', file, options.chunkSize)) {
      for (const line of lines) {
        const kept = keepLine(line, options);
        if (kept === undefined) continue;
        progress.tick();
        yield kept;
      }
    }
  } finally {
    progress.done();
  }
}
