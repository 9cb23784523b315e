#!/usr/bin/env node
// One Adam step over 5.77 M float32 parameters (@nn/optim's Adam on the core fused kernel) against torch.optim.Adam.
// Layout: a 10,000-word output layer of 512 units (10000x512 weight + 10000 bias) and a 10000x64 input embedding.
// Needs the built package: pnpm --filter @nn/optim build. PyTorch runs via /usr/bin/python3 in the same run.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { backendInfo, randn, setNumThreads } from '@nn/core';
import { Adam } from '../../packages/optim/dist/index.js';

const SHAPES = [[10000, 512], [10000], [10000, 64]];
const WARMUP = 5, REPS = 30;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const params = SHAPES.map((s) => randn(s).requiresGrad_());
for (const p of params) p.grad = randn(p.shape);
const total = params.reduce((n, p) => n + p.numel(), 0);
function timeAdam() {
  const opt = new Adam(params, { lr: 1e-3 });
  const times = [];
  for (let i = 0; i < WARMUP + REPS; i++) {
    const t0 = performance.now();
    opt.step();
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  return median(times);
}
const info = backendInfo();
const ours = timeAdam();
setNumThreads(1);
const oursOneThread = timeAdam();

const py = `
import time, torch
shapes = ${JSON.stringify(SHAPES)}
out = {'threads': torch.get_num_threads(), 'torch': torch.__version__}
for foreach in (False, True):
    ps = [torch.randn(s).requires_grad_() for s in shapes]
    for p in ps: p.grad = torch.randn(p.shape)
    opt = torch.optim.Adam(ps, lr=1e-3, foreach=foreach)
    ts = []
    for i in range(${WARMUP + REPS}):
        t0 = time.perf_counter(); opt.step(); t1 = time.perf_counter()
        if i >= ${WARMUP}: ts.append((t1 - t0) * 1000)
    ts.sort()
    out['foreach' if foreach else 'single'] = ts[len(ts) // 2]
import json; print(json.dumps(out))
`;
const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
let torch = null;
if (r.status === 0) torch = JSON.parse(r.stdout.trim().split('\n').at(-1));
else console.error(`torch run failed: ${r.stderr}`);

console.log(`optim: Adam step over ${(total / 1e6).toFixed(2)} M float32 parameters, median of ${REPS} (backend ${info.backend} ${info.isa})`);
console.log(`  @nn/optim Adam (${info.threads} threads): ${ours.toFixed(2)} ms; 1 thread: ${oursOneThread.toFixed(2)} ms`);
if (torch) {
  console.log(`  torch ${torch.torch} Adam (foreach=False, ${torch.threads} threads): ${torch.single.toFixed(2)} ms`);
  console.log(`  torch ${torch.torch} Adam (foreach=True): ${torch.foreach.toFixed(2)} ms`);
  console.log(`  speed vs torch foreach=False: ${(torch.single / ours).toFixed(2)}x`);
}
console.log(JSON.stringify({ bench: 'optim-adam', params: total, oursMs: ours, oursThreads: info.threads, oursOneThreadMs: oursOneThread, torchSingleMs: torch?.single ?? null, torchForeachMs: torch?.foreach ?? null, torchThreads: torch?.threads ?? null }));
