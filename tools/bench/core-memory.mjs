#!/usr/bin/env node
// Memory over a long run: RSS of a small MLP trained for 10,000 steps with plain SGD, printed at start and end.
import * as nn from '@nn/core';

const steps = Number(process.argv[2] ?? 10000);
const g = new nn.Generator(1);
const model = new nn.nn.Sequential(new nn.nn.Linear(20, 64, { generator: g }), new nn.nn.Tanh(), new nn.nn.Linear(64, 1, { generator: g }));
const x = nn.randn([32, 20], { generator: g });
const y = nn.randn([32, 1], { generator: g });
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(1);

function step() {
  model.zeroGrad();
  const loss = nn.mean(nn.pow(nn.sub(model.forward(x), y), 2));
  loss.backward();
  nn.noGrad(() => {
    for (const p of model.parameters()) {
      const d = p.data, gd = p.grad.data;
      for (let i = 0; i < d.length; i++) d[i] -= 0.01 * gd[i];
    }
  });
  return loss.item();
}

// Warm up so the JIT and allocator reach steady state before the first reading.
for (let i = 0; i < 200; i++) step();
const start = mb();
const t0 = performance.now();
let loss = 0;
const marks = [];
for (let i = 1; i <= steps; i++) {
  loss = step();
  if (i % (steps / 5) === 0) marks.push(mb());
}
const secs = (performance.now() - t0) / 1000;
console.log(`core-memory: ${steps} steps of a 20-64-1 tanh MLP (batch 32), ${(steps / secs).toFixed(0)} steps/s, final loss ${loss.toFixed(4)}`);
console.log(`RSS MiB: start ${start}, then ${marks.join(', ')}`);
console.log(JSON.stringify({ bench: 'core-memory', steps, rssStartMiB: Number(start), rssEndMiB: Number(marks.at(-1)), stepsPerSecond: steps / secs }));
