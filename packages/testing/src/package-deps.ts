// Checks of a package's shape: it declares exactly what its sources import, and ships ESM with type declarations.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Imports without a declaration, and declared dependencies that no source imports. */
export interface DependencyReport {
  undeclared: string[];
  unused: string[];
}

interface Manifest {
  name?: string;
  type?: string;
  private?: boolean;
  files?: string[];
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

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

/** Compares the imports under `src/` with `dependencies` and `peerDependencies` (type-only imports count too). */
export function checkDeclaredDependencies(packageDir: string): DependencyReport {
  const manifest = readManifest(packageDir);
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

/**
 * Problems with a package's publishable shape: ESM with a typed export map, built dist/index.js and .d.ts,
 * dist/ in the published files, @nn dependencies through the workspace protocol, and no undeclared imports.
 */
export function packageShapeProblems(packageDir: string): string[] {
  const m = readManifest(packageDir);
  const problems: string[] = [];
  if (m.type !== 'module') problems.push('package.json: "type" must be "module"');
  const root = m.exports?.['.'] as { types?: string; import?: string } | undefined;
  if (root?.types !== './dist/index.d.ts' || root.import !== './dist/index.js') {
    problems.push('package.json: exports["."] must map types to ./dist/index.d.ts and import to ./dist/index.js');
  }
  if (m.private !== true && !(m.files ?? []).includes('dist')) problems.push('package.json: "files" must include dist');
  for (const f of ['dist/index.js', 'dist/index.d.ts']) {
    if (!existsSync(join(packageDir, f))) problems.push(`${f} is missing (is the package built?)`);
  }
  for (const [dep, spec] of Object.entries(m.dependencies ?? {})) {
    if (dep.startsWith('@nn/') && !spec.startsWith('workspace:')) problems.push(`dependency ${dep} must use the workspace protocol, got ${spec}`);
  }
  const { undeclared } = checkDeclaredDependencies(packageDir);
  if (undeclared.length > 0) problems.push(`src imports undeclared packages: ${undeclared.join(', ')}`);
  return problems;
}
