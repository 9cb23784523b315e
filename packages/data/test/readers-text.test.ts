// Text and line readers: BOM, CRLF, blank lines, characters split across chunks, missing files, invalid UTF-8.
import { describe, expect, it } from 'vitest';
import { DataFileError, readLines, readText, streamLines, streamText } from '../src/index.js';
import { collect, tempFiles } from './temp-files.js';

const file = tempFiles();
const BOM = '\uFEFF';
const sample = `${BOM}first line\r\n\r\n  \r\nsecond é 😀 line\nthird\r\n\n   fourth  `;

describe('readText and streamText', () => {
  it('drop the BOM and turn CRLF into LF', () => {
    const path = file('sample.txt', sample);
    expect(readText(path)).toBe('first line\n\n  \nsecond é 😀 line\nthird\n\n   fourth  ');
  });

  it('stream the same text whatever the chunk size, characters and CRLF split across reads', async () => {
    const path = file('sample.txt', sample);
    for (const chunkSize of [4, 5, 6, 7, 13, 1 << 16]) {
      expect((await collect(streamText(path, { chunkSize }))).join('')).toBe(readText(path));
    }
  });

  it('keep a lone carriage return and a BOM that is not at the start', async () => {
    const path = file('cr.txt', `a\rb${BOM}c\r`);
    expect(readText(path)).toBe(`a\rb${BOM}c\r`);
    expect((await collect(streamText(path, { chunkSize: 4 }))).join('')).toBe(`a\rb${BOM}c\r`);
  });
});

describe('readLines and streamLines', () => {
  it('split on CRLF and LF, drop blank lines, keep a last line without newline', () => {
    expect(readLines(file('sample.txt', sample))).toEqual(['first line', 'second é 😀 line', 'third', '   fourth  ']);
  });

  it('keep blank lines when asked, and trim when asked', () => {
    const path = file('sample.txt', sample);
    expect(readLines(path, { skipEmpty: false })).toEqual(['first line', '', '  ', 'second é 😀 line', 'third', '', '   fourth  ']);
    expect(readLines(path, { trim: true })).toEqual(['first line', 'second é 😀 line', 'third', 'fourth']);
  });

  it('add no empty line after a final newline, and read an empty file as no lines', async () => {
    expect(readLines(file('t.txt', 'a\nb\n'), { skipEmpty: false })).toEqual(['a', 'b']);
    expect(readLines(file('empty.txt', ''))).toEqual([]);
    expect(await collect(streamLines(file('empty.txt', '')))).toEqual([]);
    expect(await collect(streamLines(file('bom.txt', BOM)))).toEqual([]);
  });

  it('stream the same lines as the sync reader for any chunk size', async () => {
    const path = file('sample.txt', sample);
    for (const options of [{}, { skipEmpty: false }, { trim: true }]) {
      for (const chunkSize of [4, 5, 7, 11, 1 << 18]) {
        expect(await collect(streamLines(path, { ...options, chunkSize }))).toEqual(readLines(path, options));
      }
    }
  });
});

describe('reader errors', () => {
  it('say that a file is missing, with its path', async () => {
    const path = file('x.txt', '').replace(/x\.txt$/, 'missing.txt');
    expect(() => readLines(path)).toThrow(`readLines: file not found: ${path}`);
    await expect(collect(streamLines(path))).rejects.toThrow(`streamLines: file not found: ${path}`);
    await expect(collect(streamText(path))).rejects.toThrow(DataFileError);
  });

  it('say that a directory is not a file', async () => {
    const dir = file('y.txt', '').replace(/\/y\.txt$/, '');
    expect(() => readText(dir)).toThrow(`readText: is a directory, not a file: ${dir}`);
    await expect(collect(streamLines(dir))).rejects.toThrow(`streamLines: is a directory, not a file: ${dir}`);
  });

  it('report invalid UTF-8 with the file and byte offset', async () => {
    // "ok\n" then "é" (2 bytes) then a lone continuation byte at offset 5.
    const path = file('bad.txt', Uint8Array.from([0x6f, 0x6b, 0x0a, 0xc3, 0xa9, 0x80, 0x41]));
    expect(() => readLines(path)).toThrow(`readLines: invalid UTF-8 in ${path} at byte offset 5 (bytes 80 41)`);
    for (const chunkSize of [4, 5, 6, 64]) {
      const error = await collect(streamLines(path, { chunkSize })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataFileError);
      expect((error as DataFileError).byteOffset).toBe(5);
      expect((error as DataFileError).file).toBe(path);
    }
  });

  it('find invalid UTF-8 far into a file, after a BOM, and a sequence cut off at the end', async () => {
    const body = new Uint8Array(3 + 1000 + 2);
    body.set([0xef, 0xbb, 0xbf]);
    body.fill(0x61, 3, 1003);
    body.set([0xe2, 0x82], 1003); // the first two bytes of "€", the file ends before the third
    const path = file('cut.txt', body);
    expect(() => readText(path)).toThrow(`at byte offset 1003`);
    for (const chunkSize of [4, 100, 1002, 1 << 16]) {
      await expect(collect(streamText(path, { chunkSize }))).rejects.toThrow(`streamText: invalid UTF-8 in ${path} at byte offset 1003 (bytes e2 82)`);
    }
    // ED A0 80 would encode a UTF-16 surrogate, which UTF-8 never holds.
    const surrogate = file('surrogate.txt', Uint8Array.from([...body.subarray(0, 1003), 0xed, 0xa0, 0x80, 0x61]));
    await expect(collect(streamLines(surrogate, { chunkSize: 64 }))).rejects.toThrow('at byte offset 1003');
  });
});
