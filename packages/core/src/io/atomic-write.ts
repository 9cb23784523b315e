// Atomic file writes: a synced temporary sibling renamed over the target, so readers see the old file or the whole new one.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// write(2) may take less than it was given; loop until every byte is out.
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * Writes `content` (text, bytes, or a sequence of either written in order) to `path` atomically. On failure the
 * temporary file is removed, `path` is left as it was, and the error names `fn` and the path.
 *
 * @example
 * writeFileAtomic('saveConfig', 'model/config.json', JSON.stringify(config));
 */
export function writeFileAtomic(fn: string, path: string, content: string | Uint8Array | Iterable<string | Uint8Array>): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const chunks = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
  try {
    const fd = openSync(tmp, 'w');
    try {
      for (const chunk of chunks) writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(`${fn}: cannot write ${path}: ${(e as Error).message}`);
  }
}
