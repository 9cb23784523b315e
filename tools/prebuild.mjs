#!/usr/bin/env node
// Builds the shipped binary with prebuildify (driving cmake-js through a node-gyp shim) into packages/core/prebuilds/.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tools = dirname(fileURLToPath(import.meta.url));
const root = join(tools, '..');
const core = join(root, 'packages', 'core');
const prebuildify = createRequire(join(root, 'package.json')).resolve('prebuildify/bin.js');

// N-API: one binary serves every Node version; tagged with libc so musl systems fall back instead of crashing.
const result = spawnSync(process.execPath, [
  prebuildify, '--napi', '--strip', '--tag-libc', '--node-gyp', join(tools, 'node-gyp-cmake-shim.mjs'),
], { cwd: core, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

const dir = join(core, 'prebuilds', `${process.platform}-${process.arch}`);
const files = readdirSync(dir).filter((f) => f.endsWith('.node'));
console.log(`prebuild: ${files.map((f) => join(dir, f)).join(', ')}`);
