#!/usr/bin/env node
// pnpm bench: end-to-end training workloads in @nn, PyTorch (CPU) and TensorFlow.js (cpu, wasm), each run in a child
// process of its own, alternating implementations over repetitions; prints medians, spreads, ratios, targets, JSON lines.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backendInfo } from '@nn/core';
import { WORKLOADS } from './e2e/common.mjs';
import { kernelRows } from './e2e/kernels.mjs';
import { PYTHON, describeMachine, describeRevision, findTfjs, findTorch } from './e2e/peers.mjs';
import { aggregate, printReport } from './e2e/report.mjs';
import { spamFeatures } from './e2e/spam-features.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const USAGE = `usage: pnpm bench [-- options]   (or node tools/bench/run.mjs [options])
  --quick          smoke run: 1 repetition, 2,000 names steps, 5 word steps, 30 spam steps, 5 s budget for slow peers
  --reps N         repetitions of every workload and implementation (default 3)
  --threads N      intra-op threads for everyone (default: @nn's backendInfo().threads)
  --only LIST      comma-separated workloads: ${Object.keys(WORKLOADS).join(', ')}, kernels
  --gemm           also run gemm.mjs (builds the native GEMM harness, installs libopenblas-dev when missing)
  --tfjs-word      also time tfjs 'cpu' on the word MLP, once (one step took 4-5 minutes on a 2-core Xeon)
  --help
PyTorch runs under OMP_WAIT_POLICY=ACTIVE (its default) and PASSIVE, and targets use the faster; set the variable to run one.`;

let args;
try {
  // A bare '--' (as `npm run bench -- --quick` may pass it on) separates nothing here.
  args = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { quick: { type: 'boolean' }, reps: { type: 'string' }, threads: { type: 'string' }, only: { type: 'string' }, gemm: { type: 'boolean' }, 'tfjs-word': { type: 'boolean' }, help: { type: 'boolean' } },
  }).values;
} catch (error) {
  console.error(`bench: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) { console.log(USAGE); process.exit(0); }
const positive = (flag, v, fallback) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) { console.error(`bench: ${flag} must be a positive integer, got '${v}'\n${USAGE}`); process.exit(2); }
  return n;
};
const quick = args.quick === true;
const reps = positive('--reps', args.reps, quick ? 1 : 3);
const threads = positive('--threads', args.threads, backendInfo().threads);
const selected = args.only ? args.only.split(',').map((s) => s.trim()) : [...Object.keys(WORKLOADS), 'kernels'];
const unknown = selected.filter((s) => s !== 'kernels' && !(s in WORKLOADS));
if (unknown.length > 0) { console.error(`bench: unknown workload(s) ${unknown.join(', ')}\n${USAGE}`); process.exit(2); }

// Steps timed per child: the full run times 20,000 names steps (2 spam epochs); slow peers stop at their time budget
// (after at least 3 steps).
const budgetS = quick ? 5 : 20;
// The TensorFlow.js peers warm up for fewer steps (slowWarmup), which are seconds each for them.
const PLAN = {
  'names-mlp': { ...(quick ? { warmup: 200, steps: 2000 } : { warmup: 1000, steps: 20_000 }), slowWarmup: 100 },
  'word-mlp': { ...(quick ? { warmup: 2, steps: 5 } : { warmup: 3, steps: 30 }), slowWarmup: 1 },
  'spam-logreg': { ...(quick ? { warmup: 10, steps: 30 } : { warmup: 10, steps: 2 * 95 }), slowWarmup: 3 },
  'spam-mlp': { ...(quick ? { warmup: 10, steps: 30 } : { warmup: 10, steps: 2 * 95 }), slowWarmup: 3 },
};

// PyTorch runs under both OpenMP wait policies unless OMP_WAIT_POLICY is set, and each target compares against the
// faster: spinning workers (ACTIVE, the default) made its names MLP 2.3x faster than sleeping ones (PASSIVE) here, and
// its word MLP 1.7x slower (they compete with OpenBLAS's own threads for the cores).
const ompWaitPolicies = process.env.OMP_WAIT_POLICY ? [process.env.OMP_WAIT_POLICY] : ['ACTIVE', 'PASSIVE'];
const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
const torch = findTorch(), tfjs = findTfjs();
const info = backendInfo();
console.log(`bench: ${new Date().toISOString().slice(0, 10)}, ${describeMachine()}, Node ${process.versions.node}, @nn ${describeRevision(join(here, '..', '..'))}`);
const load = () => loadavg().map((v) => v.toFixed(1)).join(' ');
console.log(`bench: load average ${load()} at the start (the machine may be shared: compare figures of one run only)`);
console.log(`bench: @nn ${info.backend} backend, ISA ${info.isa}; ${threads} thread(s) for every implementation${quick ? '; --quick' : ''}; ${reps} repetition(s)`);
console.log(torch.ok ? `bench: PyTorch ${torch.version} (${PYTHON}), torch.set_num_threads(${threads}), OMP/OPENBLAS/MKL_NUM_THREADS=${threads}, OMP_WAIT_POLICY ${ompWaitPolicies.join(' and ')}` : `bench: PyTorch skipped: ${torch.reason}`);
console.log(tfjs.ok ? `bench: TensorFlow.js ${tfjs.version}: 'cpu' (plain JavaScript, 1 thread) and 'wasm' backends; tfjs-node is not measured: it downloads libtensorflow from outside the npm registry at install` : `bench: TensorFlow.js skipped: ${tfjs.reason}`);

const impls = [
  { id: 'nn', label: '@nn', cmd: process.execPath, script: join(here, 'e2e', 'nn-child.mjs') },
  ...(torch.ok ? ompWaitPolicies.map((policy, i) => ({
    id: i === 0 ? 'torch' : `torch-${policy.toLowerCase()}`, label: `PyTorch ${torch.version}${ompWaitPolicies.length > 1 ? ` OMP ${policy.toLowerCase()}` : ''}`,
    cmd: PYTHON, script: join(here, 'e2e', 'torch_child.py'), env: { OMP_WAIT_POLICY: policy },
  })) : []),
  ...(tfjs.ok ? ['cpu', 'wasm'].map((backend) => ({ id: `tfjs-${backend}`, label: `tfjs ${tfjs.version} ${backend}`, cmd: process.execPath, script: join(here, 'e2e', 'tfjs-child.mjs'), backend, slow: true })) : []),
];

const workloads = selected.filter((s) => s in WORKLOADS);
let features = null;
if (workloads.some((w) => w.startsWith('spam'))) {
  features = spamFeatures();
  console.log(`bench: SpamAssassin features: ${features.rows} messages, binary bag of words over the 20,000 most frequent words (${features.tokenizer}), ${features.path}`);
}

// One child: returns its result, the reason it cannot run the workload, or its error.
function runChild(impl, workload, rep) {
  const plan = PLAN[workload];
  // One tfjs 'cpu' step of the word MLP takes minutes: with --tfjs-word it is timed over one step after the warm-up step, once.
  const tfjsWord = impl.id === 'tfjs-cpu' && workload === 'word-mlp';
  const config = {
    workload, spec: WORKLOADS[workload], threads, seed: 1000 + rep, backend: impl.backend, features: features?.path,
    warmup: impl.slow ? plan.slowWarmup : plan.warmup, steps: tfjsWord ? 1 : plan.steps, budgetS: impl.slow ? budgetS : null,
  };
  const r = spawnSync(impl.cmd, [impl.script, JSON.stringify(config)], { cwd: here, env: { ...env, ...impl.env }, encoding: 'utf8', maxBuffer: 16 << 20 });
  const line = (r.stdout ?? '').split('\n').reverse().find((l) => l.startsWith('{"result"'));
  const base = { bench: 'e2e-run', workload, impl: impl.id, rep, requestedSteps: config.steps };
  if (line) return { ...base, result: JSON.parse(line).result };
  return { ...base, error: `exit ${r.status ?? r.signal}: ${(r.stderr || r.error?.message || '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no output'}` };
}

const runs = [];
for (const workload of workloads) {
  const skip = new Set();
  // tfjs 'cpu' on the word MLP runs once and only when asked for (--tfjs-word): one step takes minutes.
  if (!args['tfjs-word']) skip.add('tfjs-cpu:word-mlp');
  for (let rep = 0; rep < reps; rep++) {
    for (const impl of impls) {
      if (skip.has(`${impl.id}:${workload}`)) continue;
      const run = runChild(impl, workload, rep);
      runs.push(run);
      console.log(JSON.stringify(run));
      if (run.result?.unsupported || run.error || (impl.id === 'tfjs-cpu' && workload === 'word-mlp')) skip.add(`${impl.id}:${workload}`);
    }
  }
}
if (!args['tfjs-word'] && workloads.includes('word-mlp') && tfjs.ok) console.log("bench: tfjs 'cpu' on the word MLP left out: one step takes minutes (--tfjs-word times one, once)");

const kernels = selected.includes('kernels') ? kernelRows({ env, gemm: args.gemm === true }) : { rows: [], errors: [] };
const rows = aggregate(runs, impls);
const verdicts = printReport(rows, kernels);
console.log(`\nbench: load average ${load()} at the end`);
const wasmNote = runs.find((r) => r.impl === 'tfjs-wasm' && r.result?.unsupported);
if (wasmNote) console.log(`\nnote: tfjs's wasm backend cannot train an embedding model (no gradient kernel for gather): ${wasmNote.result.unsupported}`);
for (const row of rows) console.log(JSON.stringify({ bench: 'e2e', ...row }));
for (const k of kernels.rows) console.log(JSON.stringify({ bench: 'e2e-kernel', ...k }));
for (const v of verdicts) console.log(JSON.stringify({ bench: 'e2e-target', text: v.text, value: v.value, atLeast: v.atLeast, verdict: v.verdict }));
