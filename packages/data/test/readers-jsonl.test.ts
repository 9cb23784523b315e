// JSON Lines readers: values per line, blank lines and CRLF, and parse errors with file and line.
import { describe, expect, it } from 'vitest';
import { DataFileError, readJsonl, streamJsonl } from '../src/index.js';
import { collect, tempFiles } from './temp-files.js';

const file = tempFiles();

describe('readJsonl and streamJsonl', () => {
  const text = '\uFEFF{"text":"a\\nb","label":1}\r\n\r\n[1,2]\n"é"\n';

  it('parse one value per line, skipping blank lines', async () => {
    const path = file('t.jsonl', text);
    expect(readJsonl(path)).toEqual([{ text: 'a\nb', label: 1 }, [1, 2], 'é']);
    for (const chunkSize of [4, 7, 1 << 16]) expect(await collect(streamJsonl(path, { chunkSize }))).toEqual(readJsonl(path));
  });

  it('name the file and line of invalid JSON', async () => {
    const path = file('bad.jsonl', '{"a":1}\n\n{"a":\n');
    expect(() => readJsonl(path)).toThrow(`readJsonl: ${path} line 3: invalid JSON`);
    const error = await collect(streamJsonl(path, { chunkSize: 4 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).line).toBe(3);
  });
});
