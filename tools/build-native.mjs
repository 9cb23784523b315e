#!/usr/bin/env node
// Builds the native addon with cmake-js from the root CMakeLists.txt into packages/core/build/Release/nn.node.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.env.NN_NATIVE_OUT ?? join(root, 'packages', 'core', 'build');

function requireTool(cmd, why) {
  const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.error(`build-native: '${cmd}' was not found on PATH; ${why}.\n` +
      '  Install cmake (3.15+) and a C++17 compiler (g++ 9+ or clang 10+), then run this again.\n' +
      '  Without a native build, @nn/core falls back to its much slower TypeScript backend.');
    process.exit(1);
  }
}
requireTool('cmake', 'it drives the native build');
requireTool(process.env.CXX ?? 'c++', 'it compiles the native kernels');

const cmakeJs = createRequire(join(root, 'package.json')).resolve('cmake-js/bin/cmake-js');
const args = [cmakeJs, 'build', '--directory', root, '--out', outDir, '--parallel', String(availableParallelism()), '--log-level', 'warn'];
if (process.env.NN_BUILD_TYPE) args.push('--config', process.env.NN_BUILD_TYPE);
// NN_BLAS=openblas links Debian's libopenblas-dev behind sgemm/dgemm, to compare against it; unset builds the built-in kernels.
args.push('--CDNN_BLAS=' + (process.env.NN_BLAS ?? ''));
if (process.env.NN_SANITIZE) args.push('--CDNN_SANITIZE=' + process.env.NN_SANITIZE.replaceAll(',', ';'));
for (const extra of process.argv.slice(2)) args.push(extra);

const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
