// Finds the peers (PyTorch from Debian's python3-torch, installed here with apt-get when missing and running as root;
// TensorFlow.js 'cpu' and 'wasm'), and describes the machine the figures come from.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';

/** The interpreter that has Debian's torch; the `python3` on PATH may be another one. */
export const PYTHON = '/usr/bin/python3';

const probeTorch = () => spawnSync(PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });

/** PyTorch's version, or why it is skipped; installs python3-torch with apt-get when it is missing and we are root. */
export function findTorch() {
  let probe = probeTorch();
  if (probe.status === 0) return { ok: true, version: probe.stdout.trim() };
  if (process.getuid?.() !== 0) return { ok: false, reason: `import torch failed in ${PYTHON} and installing python3-torch needs root (apt-get install python3-torch)` };
  console.log('bench: import torch failed; installing Debian python3-torch with apt-get');
  const apt = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy'], { stdio: 'inherit' });
  if (apt.status !== 0) return { ok: false, reason: `apt-get install python3-torch failed (exit ${apt.status})` };
  probe = probeTorch();
  return probe.status === 0 ? { ok: true, version: probe.stdout.trim() } : { ok: false, reason: `import torch still fails after installing: ${probe.stderr.trim().split('\n').pop()}` };
}

/** TensorFlow.js's version, or why it is skipped. */
export function findTfjs() {
  try {
    const require = createRequire(import.meta.url);
    const version = JSON.parse(readFileSync(require.resolve('@tensorflow/tfjs/package.json'), 'utf8')).version;
    require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: `@tensorflow/tfjs or @tensorflow/tfjs-backend-wasm is not installed (${error.message.split('\n')[0]})` };
  }
}

/** CPU model, core count and flags that matter, from /proc/cpuinfo (lscpu's source). */
export function describeMachine() {
  let model = cpus()[0]?.model ?? 'unknown CPU', flags = [];
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    model = /^model name\s*:\s*(.*)$/m.exec(info)?.[1] ?? model;
    flags = (/^flags\s*:\s*(.*)$/m.exec(info)?.[1] ?? '').split(' ');
  } catch { /* not Linux: keep os.cpus() */ }
  const simd = flags.includes('avx512f') ? 'AVX-512' : flags.includes('avx2') ? 'AVX2' : 'no AVX2';
  return `${model}, ${cpus().length} cores, ${simd}`;
}

/** The commit the figures come from, marked when the working tree has changes. */
export function describeRevision(root) {
  const head = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'unknown revision';
  const dirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with local changes' : ''}`;
}
