#!/usr/bin/env node
// One-step set-up on a machine with only Node and a C++ toolchain: checks prerequisites, installs with the pinned pnpm, builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = manifest.packageManager.replace(/^pnpm@/, '');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', COREPACK_ENABLE_STRICT: '0' };

function fail(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}

function run(cmd, args, what) {
  console.log(`setup: ${what}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) fail(`${what} failed to start: ${r.error.message}`);
  if (r.status !== 0) fail(`${what} failed (exit ${r.status})`);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old; @nn needs Node 20.19 or newer.`);
for (const [tool, hint] of [['cmake', 'cmake 3.15+'], [process.env.CXX ?? 'c++', 'a C++17 compiler (g++ 9+ or clang 10+)']]) {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) fail(`'${tool}' is not on PATH; building the native addon needs ${hint}.`);
}

// The pinned pnpm is a root devDependency; before the first install it comes from the registry through npx.
const localPnpm = join(root, 'node_modules', '.bin', 'pnpm');
const hasPnpm = existsSync(localPnpm) && spawnSync(localPnpm, ['--version'], { encoding: 'utf8' }).stdout?.trim() === pnpmVersion;
if (hasPnpm) run(localPnpm, ['install', '--reporter=append-only'], 'installing dependencies');
else run('npx', ['--yes', `pnpm@${pnpmVersion}`, 'install', '--reporter=append-only'], `installing dependencies with pnpm ${pnpmVersion}`);

run(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only'], 'building the native addon and the packages');
console.log('setup: done');
