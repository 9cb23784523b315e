#!/usr/bin/env node
// bench:gemm: builds the native GEMM harness (OpenBLAS from Debian's libopenblas-dev, installed here when missing),
// runs it on 1 thread and on all cores, and prints GFLOP/s for @nn and OpenBLAS with ratios and the FMA peak.
// `--isa avx2` runs both on their AVX2 kernels (NN_ISA=avx2, OPENBLAS_CORETYPE=Haswell) against the AVX2 peak: the
// figures an AVX2-only CPU of the same clock would give. `--calls 32x200x30` (a `Bt` or `At` suffix transposes B or
// A: `32x30x200Bt`) times single calls of one shape instead: fastest, 10th-percentile and median call of each library.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = join(root, 'build', 'bench');
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });

const isaArg = process.argv.indexOf('--isa');
const isa = isaArg < 0 ? undefined : process.argv[isaArg + 1];
if (isa !== undefined && isa !== 'avx2' && isa !== 'avx512') {
  console.error(`bench:gemm: --isa takes avx2 or avx512, got ${isa}`);
  process.exit(1);
}
// OpenBLAS's kernels of the same width: Haswell's are AVX2+FMA, SkylakeX's AVX-512.
const callsArg = process.argv.indexOf('--calls');
const callsShape = callsArg < 0 ? undefined : /^(\d+)x(\d+)x(\d+)(At)?(Bt)?$/.exec(process.argv[callsArg + 1] ?? '');
if (callsArg >= 0 && !callsShape) {
  console.error(`bench:gemm: --calls takes MxNxK with an optional At or Bt suffix (32x200x30, 32x30x200Bt), got ${process.argv[callsArg + 1]}`);
  process.exit(1);
}
const isaEnv = isa === undefined ? {} : { NN_ISA: isa, OPENBLAS_CORETYPE: isa === 'avx2' ? 'Haswell' : 'SkylakeX' };

if (!existsSync('/usr/include/x86_64-linux-gnu/cblas.h') && !existsSync('/usr/include/cblas.h')) {
  console.log('bench:gemm: installing libopenblas-dev (the OpenBLAS peer) with apt-get');
  const r = run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev'], { stdio: 'inherit' });
  if (r.status !== 0) { console.error('bench:gemm: could not install libopenblas-dev; run as root or install it yourself'); process.exit(1); }
}
for (const args of [['-S', root, '-B', build, '-DNN_BUILD_BENCH=ON', '-DCMAKE_BUILD_TYPE=Release'], ['--build', build, '--parallel', String(availableParallelism()), '--target', callsShape ? 'nn_gemm_calls' : 'nn_gemm_bench']]) {
  const r = run('cmake', args);
  if (r.status !== 0) { console.error(r.stdout + r.stderr); process.exit(1); }
}

if (callsShape) {
  const [, m, n, k, at, bt] = callsShape;
  console.log('GFLOP/s of single calls, the two libraries called in turn: fastest, 10th percentile and median call; peak: best of 3 FMA probes');
  for (const threads of [1, availableParallelism()]) {
    const r = run(join(build, 'nn_gemm_calls'), [m, n, k, at ? '1' : '0', bt ? '1' : '0', String(threads)], { env: { ...process.env, ...isaEnv, OPENBLAS_NUM_THREADS: String(threads) } });
    if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
    const rec = JSON.parse(r.stdout.trim());
    console.log(JSON.stringify({ bench: 'gemm', ...rec }));
    const share = Math.round((100 * rec.nnBest) / (rec.peakBest * threads));
    console.log(`${m}x${n}x${k}${at ? ' Aᵀ' : ''}${bt ? ' Bᵀ' : ''}, ${threads} thread(s), ${rec.calls} calls each (${rec.isa}): @nn ${rec.nnBest.toFixed(1)} / ${rec.nnP10.toFixed(1)} / ${rec.nnMedian.toFixed(1)}, OpenBLAS ${rec.openblasBest.toFixed(1)} / ${rec.openblasP10.toFixed(1)} / ${rec.openblasMedian.toFixed(1)}; fastest ${(rec.nnBest / rec.openblasBest).toFixed(2)}x OpenBLAS, ${share}% of the peak (${rec.peakBest.toFixed(1)} per core)`);
  }
  process.exit(0);
}

const rows = [];
let peak;
for (const threads of [1, availableParallelism()]) {
  const r = run(join(build, 'nn_gemm_bench'), [String(threads)], { env: { ...process.env, ...isaEnv, OPENBLAS_NUM_THREADS: String(threads) } });
  if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
  for (const line of r.stdout.trim().split('\n')) {
    const rec = JSON.parse(line);
    if (rec.kind === 'peak') { if (threads === 1) peak = rec; } else rows.push(rec);
    console.log(JSON.stringify({ bench: 'gemm', ...rec }));
  }
}
console.log(`\nFMA peak at the start, 1 core: AVX2 ${peak.avx2.toFixed(1)} GFLOP/s, AVX-512 ${peak.avx512.toFixed(1)} GFLOP/s; @nn kernels: ${peak.isa}${isa === undefined ? '' : `, OpenBLAS core type ${isaEnv.OPENBLAS_CORETYPE}`}`);
console.log('GFLOP/s: median of 9 batches of >= 0.1 s, the two libraries in adjacent batches; @nn/OpenBLAS: median of the 9 pairs\' ratios;');
console.log(`peak/core: the ${peak.isa === 'avx512' ? 'AVX-512' : 'AVX2'} FMA probe run between the same batches (median of 3), and @nn's share of it;`);
console.log('best: each library\'s fastest of its 9 batches (noise on this host only adds time), their ratio, and @nn\'s share of the fastest probe');
console.log('shape (m x n x k, op)            threads   @nn GFLOP/s  OpenBLAS   @nn/OpenBLAS  peak/core  @nn/peak | best: @nn  OpenBLAS  ratio  @nn/peak');
for (const r of rows) {
  const shape = `${r.m}x${r.n}x${r.k}${r.transA ? ' Aᵀ' : ''}${r.transB ? ' Bᵀ' : ''} ${r.label}`;
  // float64 peaks at half the float32 lanes.
  const lanes = r.dtype === 'float64' ? 2 : 1;
  const share = (gflops, perCore) => `${((100 * gflops * lanes) / (perCore * r.threads)).toFixed(0)}%`;
  const median = `${String(r.threads).padStart(7)}${r.nn.toFixed(1).padStart(13)}${r.openblas.toFixed(1).padStart(10)}${r.ratio.toFixed(2).padStart(13)}${r.peak.toFixed(1).padStart(11)}${share(r.nn, r.peak).padStart(10)}`;
  const best = `${r.nnBest.toFixed(1).padStart(11)}${r.openblasBest.toFixed(1).padStart(10)}${(r.nnBest / r.openblasBest).toFixed(2).padStart(7)}${share(r.nnBest, r.peakBest).padStart(10)}`;
  console.log(`${shape.padEnd(32)}${median} |${best}`);
}
