// The README's training example: fit y = 3x + 2 with the @nn/core kernels on raw Float32Arrays.
import { backendInfo, binaryOp, sgemm } from '@nn/core';

const n = 64, x = new Float32Array(n * 2), y = new Float32Array(n); // x: (n, 2) rows [1, x_i]
for (let i = 0; i < n; i++) { const v = i / n - 0.5; x.set([1, v], 2 * i); y[i] = 3 * v + 2; }
const w = new Float32Array(2), pred = new Float32Array(n), resid = new Float32Array(n);
const step = new Float32Array(2), loss = new Float32Array(1), lr = 0.5;

for (let epoch = 1; epoch <= 300; epoch++) {
  sgemm({ m: n, n: 1, k: 2, a: x, b: w, c: pred }); // pred = x w
  binaryOp('sub', pred, y, resid); // resid = pred - y
  sgemm({ m: 1, n: 1, k: n, a: resid, b: resid, c: loss, transA: true, alpha: 1 / n }); // MSE
  sgemm({ m: 2, n: 1, k: n, a: x, b: resid, c: step, transA: true, alpha: (2 * lr) / n }); // lr * dMSE/dw
  binaryOp('sub', w, step, w);
  if (epoch % 100 === 0) console.log(`epoch ${epoch}: MSE ${loss[0]!.toExponential(2)}`);
}
console.log(`y = ${w[1]!.toFixed(3)}x + ${w[0]!.toFixed(3)} on the ${backendInfo().backend} backend`);
