#!/usr/bin/env node
// Kernel benchmark: SGEMM GFLOP/s and elementwise GB/s on the native backend next to the TypeScript reference backend.
import { performance } from 'node:perf_hooks';
import { backendInfo, binaryOp, setBackend, sgemm } from '@nn/core';

const info = backendInfo();
console.log(`bench kernels: ${info.backend} ${info.isa}, ${info.threads} thread(s)`);

// Median seconds per call over `reps` timed batches, each long enough (>= 50 ms) to swamp timer noise.
function time(fn, reps = 7) {
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    if (performance.now() - t0 >= 50) break;
    calls *= 2;
  }
  const samples = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    samples.push((performance.now() - t0) / 1000 / calls);
  }
  return samples.sort((a, b) => a - b)[reps >> 1];
}

const rand = (n) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
const rows = [];
for (const [m, n, k] of [[64, 64, 64], [256, 256, 256], [512, 512, 512], [32, 200, 30], [256, 512, 320]]) {
  const a = rand(m * k), b = rand(k * n), c = new Float32Array(m * n);
  const flops = 2 * m * n * k;
  const native = time(() => sgemm({ m, n, k, a, b, c }));
  setBackend('reference');
  const ref = m * n * k <= 256 ** 3 ? time(() => sgemm({ m, n, k, a, b, c }), 3) : NaN;
  setBackend('native');
  rows.push({ kernel: `sgemm ${m}x${n}x${k}`, ours: flops / native / 1e9, peer: flops / ref / 1e9, unit: 'GFLOP/s' });
}
for (const len of [1_000, 1_000_000]) {
  const a = rand(len), b = rand(len), out = new Float32Array(len);
  const bytes = 3 * 4 * len;
  const native = time(() => binaryOp('add', a, b, out));
  setBackend('reference');
  const ref = time(() => binaryOp('add', a, b, out));
  setBackend('native');
  rows.push({ kernel: `add ${len}`, ours: bytes / native / 1e9, peer: bytes / ref / 1e9, unit: 'GB/s' });
}
console.log('kernel                  native     TS reference   ratio native/TS');
for (const r of rows) {
  const peer = Number.isNaN(r.peer) ? '      (skipped)' : `${r.peer.toFixed(2).padStart(10)} ${r.unit.padEnd(7)}`;
  const ratio = Number.isNaN(r.peer) ? '' : `${(r.ours / r.peer).toFixed(1)}x`;
  console.log(`${r.kernel.padEnd(22)} ${r.ours.toFixed(2).padStart(8)} ${r.unit.padEnd(7)}${peer} ${ratio.padStart(8)}`);
}
for (const r of rows) console.log(JSON.stringify({ bench: 'kernels', ...r, isa: info.isa }));
