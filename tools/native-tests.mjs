#!/usr/bin/env node
// Builds and runs the native kernel tests (plain CMake, no Node): natively under ASan/UBSan by default,
// or with --arm64 cross-compiled for arm64 and run under qemu, so the NEON kernels are tested on x86-64 too.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arm64 = process.argv.includes('--arm64');
const sanitize = arm64 ? '' : process.env.NN_SANITIZE ?? 'address;undefined';
const buildDir = join(root, 'build', arm64 ? 'native-tests-arm64' : sanitize === '' ? 'native-tests' : 'native-tests-sanitized');

function run(args, what) {
  console.log(`native-tests: ${what}`);
  const r = spawnSync(args[0], args.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' } });
  if (r.error || r.status !== 0) {
    console.error(`native-tests: FAILED: ${what}${r.error ? ` (${r.error.message})` : ''}`);
    process.exit(1);
  }
}

const configure = ['cmake', '-S', root, '-B', buildDir, '-DNN_BUILD_TESTS=ON', `-DNN_SANITIZE=${sanitize}`, '-DCMAKE_BUILD_TYPE=RelWithDebInfo'];
if (arm64) {
  // Needs Debian's g++-aarch64-linux-gnu and qemu-user-static; static linking lets qemu run it without an arm64 sysroot.
  configure.push('-DCMAKE_SYSTEM_NAME=Linux', '-DCMAKE_SYSTEM_PROCESSOR=aarch64', '-DCMAKE_CXX_COMPILER=aarch64-linux-gnu-g++',
    '-DCMAKE_EXE_LINKER_FLAGS=-static', '-DCMAKE_CROSSCOMPILING_EMULATOR=qemu-aarch64-static');
}
run(configure, `configuring (${arm64 ? 'arm64 under qemu' : `sanitizers: ${sanitize || 'none'}`})`);
run(['cmake', '--build', buildDir, '--parallel', String(availableParallelism())], 'building');
run(['ctest', '--test-dir', buildDir, '--output-on-failure', '--verbose'], 'running');
