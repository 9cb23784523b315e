// writeFileAtomic: whole-file replacement from text, bytes or chunks; a failed write leaves the old file and no litter.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/index.js';

describe('writeFileAtomic', () => {
  it('writes text, bytes and a sequence of chunks in order, replacing what was there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-atomic-'));
    const path = join(dir, 'f.txt');
    writeFileSync(path, 'old contents that are longer');
    writeFileAtomic('test', path, 'héllo');
    expect(readFileSync(path, 'utf8')).toBe('héllo');
    writeFileAtomic('test', path, new Uint8Array([65, 66]));
    expect(readFileSync(path, 'utf8')).toBe('AB');
    writeFileAtomic('test', path, ['a', new Uint8Array([98]), 'c'.repeat(100_000)]);
    expect(readFileSync(path, 'utf8')).toBe(`ab${'c'.repeat(100_000)}`);
    expect(readdirSync(dir)).toEqual(['f.txt']);
  });

  it('names the caller and the path on failure and keeps the old file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-atomic-'));
    const path = join(dir, 'keep.txt');
    writeFileSync(path, 'kept');
    function* failing(): Generator<string> {
      yield 'partial';
      throw new Error('source broke');
    }
    expect(() => writeFileAtomic('saveThing', path, failing())).toThrow(`saveThing: cannot write ${path}: source broke`);
    expect(readFileSync(path, 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(() => writeFileAtomic('saveThing', join(dir, 'missing', 'x.txt'), 'x')).toThrow(/saveThing: cannot write .*missing/);
  });
});
