// Tests of the shared harness itself: tolerance asserts, seeded data, fixtures and dependency checks.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertAllClose, checkDeclaredDependencies, loadJsonFixture, maxAbsDiff, randomFloat32, seededRandom } from '../src/index.js';

describe('assertAllClose', () => {
  it('accepts values within atol + rtol * |expected|', () => {
    expect(() => assertAllClose([1, 2.00001, NaN], [1, 2, NaN], { rtol: 1e-5, atol: 0 })).not.toThrow();
  });
  it('names the first offending index and the worst difference', () => {
    expect(() => assertAllClose([1, 2, 3.5], [1, 2, 3], { label: 'C' })).toThrow(
      'C: 1 of 3 elements differ beyond atol=0.000001, rtol=0.00001; first at [2]: got 3.5, expected 3; max |diff| 0.5',
    );
  });
  it('rejects NaN where a number is expected and different lengths', () => {
    expect(() => assertAllClose([NaN], [0])).toThrow('first at [0]: got NaN');
    expect(() => assertAllClose([1, 2], [1])).toThrow('length 2 differs from expected length 1');
  });
  it('maxAbsDiff is the largest elementwise gap', () => {
    expect(maxAbsDiff([1, 5, 3], [1, 2, 4])).toBe(3);
  });
});

describe('seeded test data', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = randomFloat32(5, seededRandom(7));
    expect(Array.from(randomFloat32(5, seededRandom(7)))).toEqual(Array.from(a));
    expect(Array.from(randomFloat32(5, seededRandom(8)))).not.toEqual(Array.from(a));
    for (const v of randomFloat32(1000, seededRandom(1), 2, 3)) expect(v >= 2 && v < 3).toBe(true);
  });
});

describe('fixtures and package checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-testing-'));
  it('loadJsonFixture names a malformed file', () => {
    writeFileSync(join(dir, 'bad.json'), '{"a": ');
    expect(() => loadJsonFixture(join(dir, 'bad.json'))).toThrow(`fixture ${join(dir, 'bad.json')} is not valid JSON`);
    expect(() => loadJsonFixture(join(dir, 'missing.json'))).toThrow('cannot be read');
  });
  it('checkDeclaredDependencies finds undeclared and unused packages', () => {
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { '@nn/core': '1', unused: '1' } }));
    writeFileSync(join(dir, 'src', 'a.ts'), "import { x } from '@nn/core/sub';\nimport fs from 'node:fs';\nimport p from 'path';\nimport y from './y.js';\nconst z = await import('left-pad');\n");
    expect(checkDeclaredDependencies(dir)).toEqual({ undeclared: ['left-pad'], unused: ['unused'] });
  });
});
