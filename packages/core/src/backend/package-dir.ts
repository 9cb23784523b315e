// Locates the installed @nn/core package root (where build/ and prebuilds/ live) from this module's path.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from this file to the package.json named @nn/core. */
export function corePackageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === '@nn/core') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`@nn/core: cannot find the package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
