// A ready-made vitest suite for a package's publishable shape and its dependency wiring.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageShapeProblems } from './package-deps.js';

/**
 * Registers tests that the package at `packageUrl` is well formed and that its entry and every declared
 * dependency load. `load` must be `(s) => import(s)` written in the package's own test, so that
 * resolution happens from that package, as it would for a user.
 */
export function describePackage(packageUrl: URL, load: (specifier: string) => Promise<unknown>): void {
  const dir = fileURLToPath(packageUrl);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
  describe(`${manifest.name} package`, () => {
    it('is built as ESM with type declarations and declares every package it imports', () => {
      expect(packageShapeProblems(dir)).toEqual([]);
    });
    it.each([manifest.name, ...Object.keys(manifest.dependencies ?? {})])('%s loads from this package', async (specifier) => {
      await expect(load(specifier)).resolves.toBeTypeOf('object');
    });
  });
}
