// Streaming a file much larger than the heap: a child process reads ~200 MB line by line under a small heap cap.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const distEntry = new URL('../dist/index.js', import.meta.url);
const FILE_MB = 200;
const HEAP_MB = 48;
const RSS_GROWTH_CAP_MB = 96;

describe('streamLines on a file larger than memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-data-big-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`reads ${FILE_MB} MB with a ${HEAP_MB} MB heap and RSS growing by less than ${RSS_GROWTH_CAP_MB} MB`, () => {
    expect(existsSync(distEntry), 'the memory test runs the built package: build @nn/data first').toBe(true);
    // 1 MiB blocks of 64-byte lines (62 chars incl. a 2-byte "é", then CRLF) so multi-byte characters straddle reads.
    const line = `${'x'.repeat(57)}é-${'y'.repeat(2)}\r\n`;
    const perBlock = Math.floor((1 << 20) / Buffer.byteLength(line));
    const block = Buffer.from(line.repeat(perBlock));
    const path = join(dir, 'big.txt');
    const fd = openSync(path, 'w');
    for (let i = 0; i < FILE_MB; i++) writeSync(fd, block);
    closeSync(fd);

    const script = `
      import { streamLines } from ${JSON.stringify(pathToFileURL(distEntry.pathname).href)};
      const base = process.memoryUsage().rss;
      let peak = base, lines = 0, chars = 0;
      for await (const line of streamLines(${JSON.stringify(path)}, { progress: false })) {
        lines++;
        chars += line.length;
        if ((lines & 8191) === 0) peak = Math.max(peak, process.memoryUsage().rss);
      }
      console.log(JSON.stringify({ lines, chars, growthMb: (peak - base) / 2 ** 20 }));
    `;
    const out = execFileSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--input-type=module', '-e', script], { encoding: 'utf8' });
    const result = JSON.parse(out) as { lines: number; chars: number; growthMb: number };
    expect(result.lines).toBe(FILE_MB * perBlock);
    expect(result.chars).toBe(FILE_MB * perBlock * (line.length - 2));
    expect(result.growthMb).toBeLessThan(RSS_GROWTH_CAP_MB);
  });
});
