#!/usr/bin/env node
// bench:ops: elementwise, reduction and softmax throughput of @nn/core in GB/s next to a copy probe (memory bandwidth,
// same run), and the fused softmax-cross-entropy and Adam step next to the unfused sequences of ops they replace.
import { performance } from 'node:perf_hooks';
import * as nn from '@nn/core';

const info = nn.backendInfo();
if (info.backend !== 'native') console.warn('bench:ops: the native addon did not load; figures are for the TypeScript backend');

// Median seconds per call over 7 batches sized to ~50 ms each.
function seconds(fn) {
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    if (performance.now() - t0 > 50 || calls > 1e6) break;
    calls *= 2;
  }
  const samples = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    samples.push((performance.now() - t0) / 1000 / calls);
  }
  return samples.sort((a, b) => a - b)[3];
}

const rows = [];
function report(group, name, s, bytes, extra = {}) {
  const rec = { bench: 'ops', group, name, us: +(s * 1e6).toFixed(2), ...(bytes ? { gbps: +(bytes / s / 1e9).toFixed(2) } : {}), ...extra };
  rows.push(rec);
  console.log(JSON.stringify(rec));
}

const g = new nn.Generator(0);
// 64K floats (256 KiB) stays in L2; 4M floats (16 MiB) streams from memory.
for (const n of [1 << 16, 1 << 22]) {
  const where = n === 1 << 16 ? 'L2' : 'memory';
  const src = new Float32Array(n).fill(1), dst = new Float32Array(n);
  const copy = seconds(() => dst.set(src));
  report('bandwidth', `copy probe ${where} (${n} floats)`, copy, 8 * n);
  const a = nn.randn([n], { generator: g }), b = nn.randn([n], { generator: g });
  const out = new Float32Array(n);
  const ad = a.data, bd = b.data;
  const kernel = seconds(() => nn.binaryOp('add', ad, bd, out));
  report('elementwise', `add kernel ${where}`, kernel, 12 * n, { vsCopy: +((12 * n) / kernel / ((8 * n) / copy)).toFixed(2) });
  report('elementwise', `nn.add ${where} (allocates its output)`, seconds(() => nn.add(a, b)), 12 * n);
  report('elementwise', `nn.tanh ${where}`, seconds(() => nn.tanh(a)), 8 * n);
  report('elementwise', `nn.exp ${where}`, seconds(() => nn.exp(a)), 8 * n);
}

const x = nn.randn([512, 1000], { generator: g }), bias = nn.randn([1000], { generator: g });
const bytes = 4 * 512 * 1000;
report('broadcast', 'add (512, 1000) + bias (1000)', seconds(() => nn.add(x, bias)), 2 * bytes + 4000);
report('reduce', 'sum over the last dim of (512, 1000)', seconds(() => nn.sum(x, -1)), bytes);
report('reduce', 'sum over dim 0 of (512, 1000)', seconds(() => nn.sum(x, 0)), bytes);
report('reduce', 'max over the last dim of (512, 1000)', seconds(() => nn.max(x, -1)), bytes);
report('softmax', 'softmax over the last dim of (512, 1000)', seconds(() => nn.softmax(x, -1)), 2 * bytes);

// Fused softmax-cross-entropy against logSoftmax + gather + mean, forward and backward.
for (const [n, c] of [[64, 1000], [512, 27]]) {
  const logits = nn.randn([n, c], { generator: g }).requiresGrad_();
  const target = nn.randint(0, c, [n], { dtype: 'int32', generator: g });
  const fused = seconds(() => { logits.grad = null; nn.crossEntropyFromLogits(logits, target).backward(); });
  const unfused = seconds(() => {
    logits.grad = null;
    nn.logSoftmax(logits, -1).gather(1, target.unsqueeze(1)).neg().mean().backward();
  });
  report('fused', `cross-entropy fwd+bwd (${n}, ${c}) fused`, fused, 0, { speedup: +(unfused / fused).toFixed(2) });
  report('fused', `cross-entropy fwd+bwd (${n}, ${c}) unfused ops`, unfused, 0);
}

// One Adam step over 1M float32 parameters: the fused kernel against the same update written with tensor ops.
{
  const n = 1 << 20;
  const p = nn.randn([n], { generator: g }), grad = nn.randn([n], { generator: g });
  const m = nn.zeros([n]), v = nn.zeros([n]);
  const hyper = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8 };
  const [beta1, beta2] = hyper.betas;
  let step = 0;
  const fused = seconds(() => nn.adamStep({ params: [p.data], grads: [grad.data], expAvgs: [m.data], expAvgSqs: [v.data] }, hyper, ++step));
  const unfused = seconds(() => {
    step++;
    const m2 = m.mul(beta1).add(grad.mul(1 - beta1));
    const v2 = v.mul(beta2).add(grad.mul(grad).mul(1 - beta2));
    const denom = v2.div(1 - beta2 ** step).sqrt().add(hyper.eps);
    const upd = m2.div(denom).mul(hyper.lr / (1 - beta1 ** step));
    m.data.set(m2.data); v.data.set(v2.data); p.data.set(p.sub(upd).data);
  });
  report('fused', `Adam step over ${n} params fused`, fused, 4 * 4 * n + 3 * 4 * n, { speedup: +(unfused / fused).toFixed(2) });
  report('fused', `Adam step over ${n} params unfused ops`, unfused, 0);
}

console.log(`\n@nn/core ${info.backend} backend, ISA ${info.isa}, ${info.threads} thread(s)`);
console.log('group        op                                               us/call      GB/s   note');
for (const r of rows) {
  const note = r.vsCopy !== undefined ? `${r.vsCopy}x of copy bandwidth` : r.speedup !== undefined ? `${r.speedup}x faster than unfused` : '';
  console.log(`${r.group.padEnd(13)}${r.name.padEnd(49)}${String(r.us).padStart(10)}${(r.gbps === undefined ? '' : String(r.gbps)).padStart(10)}   ${note}`);
}
