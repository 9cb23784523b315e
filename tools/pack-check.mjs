#!/usr/bin/env node
// Packaging check: pack the packages, install the tarballs with npm into an empty project with no compiler on PATH,
// and train a tiny model there; it must run on the shipped prebuilt binary (no compile, no TypeScript fallback).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'nn-pack-check-'));
const tarballs = join(work, 'tarballs'), app = join(work, 'app'), bin = join(work, 'bin');
const publishable = ['core', 'losses', 'optim', 'data', 'lm', 'train'];

function run(cmd, args, opts, what) {
  console.log(`pack-check: ${what}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error || r.status !== 0) {
    console.error(`pack-check: FAILED: ${what} (${r.error?.message ?? `exit ${r.status}`})`);
    process.exit(1);
  }
}

const pnpm = join(root, 'node_modules', '.bin', 'pnpm');
run(pnpm, ['--filter', '@nn/core', 'run', 'prebuilds'], { cwd: root }, 'building the prebuilt binary with prebuildify');
mkdirSync(tarballs);
for (const p of publishable) run(pnpm, ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', p) }, `packing @nn/${p}`);

// A PATH with node and npm only: no cc, c++, g++, make, cmake or python, so any attempt to compile fails loudly.
mkdirSync(bin);
const nodeDir = dirname(process.execPath);
for (const tool of ['node', 'npm', 'npx']) symlinkSync(join(nodeDir, tool), join(bin, tool));
const bare = { ...process.env, PATH: bin, npm_config_build_from_source: 'false' };
for (const compiler of ['cc', 'c++', 'g++', 'gcc', 'cmake', 'make']) {
  if (spawnSync(compiler, ['--version'], { env: bare }).error === undefined) {
    console.error(`pack-check: FAILED: ${compiler} is still reachable on the bare PATH`);
    process.exit(1);
  }
}

mkdirSync(app);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'nn-pack-check-app', private: true, type: 'module' }, null, 2));
writeFileSync(join(app, 'train.mjs'), `
import { backendInfo, sgemm, binaryOp } from '@nn/core';
await Promise.all(['@nn/losses', '@nn/optim', '@nn/data', '@nn/lm', '@nn/train'].map((p) => import(p)));
const info = backendInfo();
if (info.backend !== 'native' || info.source !== 'prebuild' || !info.binaryPath.includes('node_modules/@nn/core/prebuilds/')) {
  throw new Error('expected the shipped prebuilt binary, got ' + JSON.stringify(info));
}
// y = 3x + 2 on 64 points, fitted by full-batch gradient descent on MSE.
const n = 64, x = new Float32Array(n * 2), y = new Float32Array(n), pred = new Float32Array(n), r = new Float32Array(n);
for (let i = 0; i < n; i++) { const v = i / n - 0.5; x[2 * i] = 1; x[2 * i + 1] = v; y[i] = 3 * v + 2; }
const w = new Float32Array(2), step = new Float32Array(2), loss = new Float32Array(1);
for (let epoch = 0; epoch < 300; epoch++) {
  sgemm({ m: n, n: 1, k: 2, a: x, b: w, c: pred });
  binaryOp('sub', pred, y, r);
  sgemm({ m: 1, n: 1, k: n, a: r, b: r, c: loss, transA: true, alpha: 1 / n });
  sgemm({ m: 2, n: 1, k: n, a: x, b: r, c: step, transA: true, alpha: 2 * 0.5 / n });
  binaryOp('sub', w, step, w);
}
if (!(loss[0] < 1e-4) || Math.abs(w[1] - 3) > 0.01 || Math.abs(w[0] - 2) > 0.01) throw new Error('did not converge: ' + w + ' loss ' + loss[0]);
console.log('pack-check: trained y = ' + w[1].toFixed(4) + 'x + ' + w[0].toFixed(4) + ', final MSE ' + loss[0].toExponential(2) +
  ' on ' + info.backend + ' ' + info.isa + ' from ' + info.binaryPath);
`);
const tgzs = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
run(join(bin, 'npm'), ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tgzs], { cwd: app, env: bare }, 'installing the tarballs with npm, compilers hidden');
run(join(bin, 'node'), ['train.mjs'], { cwd: app, env: { ...bare, NN_REQUIRE_NATIVE: '1' } }, 'training on the installed packages with NN_REQUIRE_NATIVE=1');
rmSync(work, { recursive: true, force: true });
console.log('pack-check: ok');
