#!/usr/bin/env node
// Builds the native kernel tests (plain CMake, no Node) with AddressSanitizer and UBSan by default, and runs them.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sanitize = process.env.NN_SANITIZE ?? 'address;undefined';
const buildDir = join(root, 'build', sanitize === '' ? 'native-tests' : 'native-tests-sanitized');

function run(args, what) {
  console.log(`native-tests: ${what}`);
  const r = spawnSync(args[0], args.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' } });
  if (r.error || r.status !== 0) {
    console.error(`native-tests: FAILED: ${what}`);
    process.exit(1);
  }
}

run(['cmake', '-S', root, '-B', buildDir, '-DNN_BUILD_TESTS=ON', `-DNN_SANITIZE=${sanitize}`, '-DCMAKE_BUILD_TYPE=RelWithDebInfo'], `configuring (sanitizers: ${sanitize || 'none'})`);
run(['cmake', '--build', buildDir, '--parallel', String(availableParallelism())], 'building');
run(['ctest', '--test-dir', buildDir, '--output-on-failure'], 'running');
