// Linear regression of Boston house prices on their size (rooms per dwelling): MSE and SGD through @nn/train's fit.
import { backendInfo, manualSeed, nn, noGrad, tensor, type Tensor } from '@nn/core';
import { DataLoader, TensorDataset, bostonHousingTensors, randomSplit } from '@nn/data';
import { mseLoss } from '@nn/losses';
import { SGD } from '@nn/optim';
import { fit } from '@nn/train';
import { nonNegativeInt, numberFlag, parseFlags, positiveInt, positiveNumber, runMain } from './lib/cli.js';

const SCRIPT = 'house-prices';
const USAGE = `usage: house-prices [--epochs 40] [--lr 0.1] [--batch-size full|N] [--seed 42] [--out runs/house-prices]`;

/** `price = slope * rooms ± |intercept|`, prices in $1000s. */
const formatLine = (slope: number, intercept: number): string =>
  `price = ${slope.toFixed(3)} * rooms ${intercept < 0 ? '-' : '+'} ${Math.abs(intercept).toFixed(3)}`;

function main(): void {
  const flags = parseFlags(SCRIPT, USAGE, {
    epochs: { type: 'string', default: '40' }, lr: { type: 'string', default: '0.1' },
    'batch-size': { type: 'string', default: 'full' }, seed: { type: 'string', default: '42' },
    out: { type: 'string', default: 'runs/house-prices' },
  });
  const epochs = positiveInt(SCRIPT, 'epochs', flags.epochs);
  const lr = positiveNumber(SCRIPT, 'lr', flags.lr);
  const batchFlag = flags['batch-size'] === 'full' ? undefined
    : numberFlag(SCRIPT, 'batch-size', flags['batch-size'], (v) => Number.isSafeInteger(v) && v >= 1, "'full' or a positive integer");
  const seed = nonNegativeInt(SCRIPT, 'seed', flags.seed);
  manualSeed(seed);

  // x: (506, 1) rooms per dwelling; y: (506, 1) median price in $1000s. An 80/20 split, fixed by the seed.
  const boston = bostonHousingTensors({ features: ['rm'], progress: false });
  const x = boston.x, y = boston.y.unsqueeze(1);
  const [trainRows, validRows] = randomSplit(new TensorDataset(x, y), [0.8, 0.2], { seed }).map((s) => tensor(Int32Array.from(s.indices)));
  const xTrain = x.indexSelect(0, trainRows!), yTrain = y.indexSelect(0, trainRows!);
  const xValid = x.indexSelect(0, validRows!), yValid = y.indexSelect(0, validRows!);
  const trainCount = xTrain.shape[0]!, validCount = xValid.shape[0]!;

  // Standardise rooms with the training statistics, so one learning rate suits both weights.
  const mean = xTrain.mean().item(), std = xTrain.sub(mean).pow(2).mean().sqrt().item();
  const standardise = (t: Tensor): Tensor => t.sub(mean).div(std);
  const batchSize = batchFlag ?? trainCount;
  // Each batch is the pair [rooms, price] that TensorDataset gathers, which fit takes as [x, y].
  const trainData = new DataLoader<Tensor[], [Tensor, Tensor]>(new TensorDataset(standardise(xTrain), yTrain), { batchSize, shuffle: true, seed });
  const validData = [{ x: standardise(xValid), y: yValid }];

  const info = backendInfo();
  const how = batchSize === trainCount ? 'full-batch gradient descent' : `SGD on batches of ${batchSize}`;
  console.log(`@nn house prices: ${trainCount} train / ${validCount} validation houses (Boston, Harrison & Rubinfeld 1978)`);
  console.log(`backend: ${info.backend} (${info.isa}, ${info.threads} thread${info.threads === 1 ? '' : 's'}); model: price = w * rooms + b; loss: MSE; ${how}, lr ${lr}`);

  const model = new nn.Linear(1, 1);
  const history = fit({
    model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr }), trainData, validData, epochs,
    metrics: ['mae'], stream: process.stdout, outDir: flags.out, name: 'house prices: price = w * rooms + b',
  });

  // Back to original units: price = slope * rooms + intercept.
  const w = model.weight.item(), b = model.bias!.item();
  const slope = w / std, intercept = b - (w * mean) / std;
  // Closed-form least squares on the same training set: where gradient descent should land.
  const xs = Array.from(xTrain.toFlatArray() as Float32Array), ys = Array.from(yTrain.toFlatArray() as Float32Array);
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0, sxx = 0;
  xs.forEach((v, i) => { sxy += (v - mean) * (ys[i]! - my); sxx += (v - mean) ** 2; });
  const olsSlope = sxy / sxx, olsIntercept = my - olsSlope * mean;
  const validMse = history.valid['loss']!.at(-1)!;
  const sixRooms = noGrad(() => model.forward(standardise(tensor([[6]])))).item();
  console.log(`fitted:        ${formatLine(slope, intercept)}  ($1000s)`);
  console.log(`least squares: ${formatLine(olsSlope, olsIntercept)}`);
  console.log(`validation RMSE: $${(Math.sqrt(validMse) * 1000).toFixed(0)}; a 6-room house is predicted at $${(sixRooms * 1000).toFixed(0)}`);
}

runMain(main);
