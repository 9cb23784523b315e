// Writing a text file atomically: a sibling temporary file is written, synced and renamed over the target.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Writes the chunks to `path` so that readers see either the old file or the complete new one, never a partial file. */
export function writeTextAtomic(fn: string, path: string, chunks: Iterable<string>): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    for (const chunk of chunks) writeSync(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new Error(`${fn}: cannot write ${path}: ${(e as Error).message}`);
  }
}
