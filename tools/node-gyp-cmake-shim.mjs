#!/usr/bin/env node
// Stands in for node-gyp when prebuildify runs it: translates `rebuild --arch=.. --release|--debug` into a cmake-js build.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('-'));
if (command !== 'rebuild' && command !== 'build') {
  console.error(`node-gyp-cmake-shim: only 'rebuild' and 'build' are supported, got ${JSON.stringify(args)}`);
  process.exit(2);
}
const arch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length);
if (arch !== undefined && arch !== process.arch) {
  console.error(`node-gyp-cmake-shim: cross-compiling to ${arch} from ${process.arch} is not supported`);
  process.exit(2);
}
// prebuildify runs us in the package folder and collects the .node file from ./build/Release.
const outDir = join(process.cwd(), 'build');
if (command === 'rebuild') rmSync(outDir, { recursive: true, force: true });
const buildNative = join(dirname(fileURLToPath(import.meta.url)), 'build-native.mjs');
const env = { ...process.env, NN_NATIVE_OUT: outDir, NN_BUILD_TYPE: args.includes('--debug') ? 'Debug' : 'Release' };
const result = spawnSync(process.execPath, [buildNative], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
