// Checks that a package declares exactly the packages its sources import (the install-only-what-you-import rule).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Imports without a declaration, and declared dependencies that no source imports. */
export interface DependencyReport {
  undeclared: string[];
  unused: string[];
}

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The package name a bare specifier refers to ('@nn/core/x' -> '@nn/core'), or undefined for relative and builtin. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

/** Compares the runtime imports under `src/` with `dependencies` (type-only imports count as imports too). */
export function checkDeclaredDependencies(packageDir: string): DependencyReport {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const imported = new Set<string>();
  for (const file of sourceFiles(join(packageDir, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT_RE)) {
      const name = packageOf(match[1]!);
      if (name !== undefined) imported.add(name);
    }
  }
  return {
    undeclared: [...imported].filter((n) => !declared.has(n)).sort(),
    unused: [...declared].filter((n) => !imported.has(n)).sort(),
  };
}
