// Minibatch SGD (optionally with momentum) on the Boston house prices, compared with online SGD on the same data.
import { formatLine, readFlags, trainSgd } from './sgd-online.js';

const run = readFlags('sgd-minibatch', { lr: '0.05', batchSize: '32' });
console.log(`minibatch SGD on Boston house prices (404 train / 102 validation): batches of ${run.batchSize}, lr ${run.lr}, momentum ${run.momentum}, seed ${run.seed}`);
const minibatch = trainSgd(run);
console.log(`fitted:        ${formatLine(minibatch.fitted)}  ($1000s)`);
console.log(`least squares: ${formatLine(minibatch.leastSquares)}  (valid MSE ${minibatch.leastSquaresValidMse.toFixed(3)})`);

// Online SGD over the same epochs and shuffling seed at lr / batchSize: a batch's averaged gradient step with lr
// moves the weights as far as its examples' steps one by one with lr / batchSize would, so only the update count
// and the noise differ.
const onlineLr = run.lr / run.batchSize;
const online = trainSgd({ ...run, batchSize: 1, lr: onlineLr, log: false });
const row = (name: string, r: typeof online): string =>
  `${name.padEnd(30)} ${String(r.updates).padStart(6)} updates  valid MSE ${r.validMse.toFixed(3).padStart(8)}  ${formatLine(r.fitted)}`;
console.log(row(`minibatch (${run.batchSize}), lr ${run.lr}`, minibatch));
console.log(row(`online (1), lr ${+onlineLr.toPrecision(4)}`, online));
console.log(`result: minibatch SGD, ${minibatch.updates} updates, valid MSE ${minibatch.initialValidMse.toFixed(3)} -> ${minibatch.validMse.toFixed(3)}; online ${online.updates} updates, valid MSE ${online.validMse.toFixed(3)}`);
