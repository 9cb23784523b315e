#!/usr/bin/env node
// Per-op overhead of @nn/core next to PyTorch on this machine: small ops where dispatch cost dominates.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as nn from '@nn/core';

const PYTHON = '/usr/bin/python3';
const info = nn.backendInfo();

// Median microseconds per call over 9 batches of `calls`.
function time(fn, calls) {
  for (let i = 0; i < calls; i++) fn();
  const samples = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / calls);
  }
  return samples.sort((a, b) => a - b)[4];
}

const g = new nn.Generator(0);
const a1k = nn.randn([1000], { generator: g }), b1k = nn.randn([1000], { generator: g });
const x = nn.randn([32, 30], { generator: g }), w = nn.randn([30, 200], { generator: g });
const lin = new nn.nn.Linear(30, 200);
const xg = x.detach().requiresGrad_();
const ours = {
  'add 1k floats': time(() => nn.add(a1k, b1k), 20000),
  'matmul 32x30 @ 30x200': time(() => nn.matmul(x, w), 5000),
  'linear 32x30 -> 200, forward + backward': time(() => { lin.zeroGrad(); lin.forward(xg).tanh().sum().backward(); }, 1000),
};

const script = `
import time, torch
torch.set_num_threads(${info.threads})
torch.manual_seed(0)
a, b = torch.randn(1000), torch.randn(1000)
x, w = torch.randn(32, 30), torch.randn(30, 200)
lin = torch.nn.Linear(30, 200)
xg = x.clone().requires_grad_()
def step():
    lin.zero_grad(set_to_none=True)
    lin(xg).tanh().sum().backward()
def t(fn, calls):
    for _ in range(calls): fn()
    s = []
    for _ in range(9):
        t0 = time.perf_counter()
        for _ in range(calls): fn()
        s.append((time.perf_counter() - t0) * 1e6 / calls)
    return sorted(s)[4]
print(t(lambda: a + b, 20000)); print(t(lambda: x @ w, 5000)); print(t(step, 1000))
`;
let torch = null;
if (existsSync(PYTHON)) {
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  if (r.status === 0) torch = r.stdout.trim().split('\n').map(Number);
  else console.log(`PyTorch run failed: ${r.stderr.trim().split('\n').pop()}`);
}
if (torch === null) console.log('PyTorch is not available (apt-get install python3-torch); showing @nn/core only.');

console.log(`per-op overhead, ${info.backend} ${info.isa}, ${info.threads} thread(s); PyTorch ${torch ? 'from ' + PYTHON : 'n/a'} with the same thread count`);
console.log('op                                          @nn/core µs   PyTorch µs   PyTorch/@nn');
Object.entries(ours).forEach(([name, us], i) => {
  const pt = torch?.[i];
  console.log(`${name.padEnd(44)}${us.toFixed(2).padStart(11)}${(pt === undefined ? 'n/a' : pt.toFixed(2)).padStart(13)}${(pt === undefined ? '' : (pt / us).toFixed(2) + 'x').padStart(14)}`);
});
Object.entries(ours).forEach(([name, us], i) => console.log(JSON.stringify({ bench: 'core-overhead', op: name, oursUs: us, torchUs: torch?.[i] ?? null })));
