// Finds and loads nn.node: env override, local build, then prebuilds/<platform>-<arch>, recording every attempt.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { asNativeBinding, type NativeBinding } from './binding.js';

const require = createRequire(import.meta.url);

/** Where a candidate binary came from. */
export type LoadSource = 'env' | 'local-build' | 'prebuild';

/** One place the loader looked, and why it was not used (absent when it was). */
export interface LoadAttempt {
  source: LoadSource;
  path: string;
  error?: string;
}

/** Outcome of a load: the binding and its path on success, and every attempt either way. */
export interface LoadResult {
  binding?: NativeBinding;
  path?: string;
  source?: LoadSource;
  attempts: LoadAttempt[];
}

/** Inputs of the search; defaults describe this process and the installed @nn/core package. */
export interface LoadOptions {
  /** Root of the package that carries build/ and prebuilds/. */
  packageDir: string;
  /** An explicit binary to try first (NN_NATIVE_PATH). */
  envPath?: string | undefined;
  platform?: string;
  arch?: string;
  /** Loads a .node file; defaults to require. */
  load?: (path: string) => unknown;
}

interface PrebuildTags { file: string }
interface PrebuildTuple { name: string }
interface NodeGypBuild {
  parseTuple(name: string): PrebuildTuple | undefined;
  matchTuple(platform: string, arch: string): (t: PrebuildTuple | undefined) => boolean;
  compareTuples(a: PrebuildTuple, b: PrebuildTuple): number;
  parseTags(file: string): PrebuildTags | undefined;
  matchTags(runtime: string, abi: string): (t: PrebuildTags | undefined) => boolean;
  compareTags(runtime: string): (a: PrebuildTags, b: PrebuildTags) => number;
}

const isDirectory = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();

/** The prebuild node-gyp-build would choose for this platform, arch, runtime and ABI. */
function findPrebuild(packageDir: string, platform: string, arch: string): { path: string; error?: string } {
  const prebuilds = join(packageDir, 'prebuilds');
  const wanted = join(prebuilds, `${platform}-${arch}`);
  if (!isDirectory(prebuilds)) return { path: wanted, error: 'no prebuilds folder in the package' };
  const ngb = require('node-gyp-build') as NodeGypBuild;
  const tuple = readdirSync(prebuilds)
    .map((name) => ngb.parseTuple(name))
    .filter(ngb.matchTuple(platform, arch))
    .sort((a, b) => ngb.compareTuples(a!, b!))[0];
  if (tuple === undefined) return { path: wanted, error: `no prebuild for ${platform}-${arch}` };
  const dir = join(prebuilds, tuple.name);
  const winner = readdirSync(dir)
    .map((file) => ngb.parseTags(file))
    .filter(ngb.matchTags('node', process.versions.modules))
    .sort((a, b) => ngb.compareTags('node')(a!, b!))[0];
  if (winner === undefined) return { path: dir, error: `no binary there matches Node ABI ${process.versions.modules} or N-API` };
  return { path: join(dir, winner.file) };
}

function findLocalBuild(packageDir: string): { path: string; error?: string } {
  const dir = join(packageDir, 'build', 'Release');
  if (!isDirectory(dir)) return { path: dir, error: 'no local build (folder does not exist)' };
  const file = readdirSync(dir).find((f) => f.endsWith('.node'));
  return file === undefined ? { path: dir, error: 'no .node file in the folder' } : { path: join(dir, file) };
}

/** Tries each candidate in order and returns the first binding that loads and passes the interface check. */
export function loadNativeBinding(options: LoadOptions): LoadResult {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const load = options.load ?? ((p: string) => require(p) as unknown);
  const candidates: Array<{ source: LoadSource; path: string; error?: string }> = [];
  if (options.envPath !== undefined && options.envPath !== '') {
    candidates.push({ source: 'env', path: options.envPath, ...(existsSync(options.envPath) ? {} : { error: 'file does not exist' }) });
  }
  candidates.push({ source: 'local-build', ...findLocalBuild(options.packageDir) });
  candidates.push({ source: 'prebuild', ...findPrebuild(options.packageDir, platform, arch) });

  const attempts: LoadAttempt[] = [];
  for (const c of candidates) {
    if (c.error !== undefined) {
      attempts.push({ source: c.source, path: c.path, error: c.error });
      continue;
    }
    try {
      const binding = asNativeBinding(load(c.path));
      attempts.push({ source: c.source, path: c.path });
      return { binding, path: c.path, source: c.source, attempts };
    } catch (e) {
      attempts.push({ source: c.source, path: c.path, error: firstLine(e) });
    }
  }
  return { attempts };
}

const SOURCE_LABEL: Record<LoadSource, string> = { env: 'NN_NATIVE_PATH', 'local-build': 'local build', prebuild: 'prebuild' };

/** A readable list of attempts, one per line. */
export function formatAttempts(attempts: readonly LoadAttempt[]): string {
  return attempts
    .map((a, i) => `  ${i + 1}. ${SOURCE_LABEL[a.source]} ${a.path}: ${a.error ?? 'loaded'}`)
    .join('\n');
}
