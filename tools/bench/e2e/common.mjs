// Shared pieces of the end-to-end benchmark children: the workload table, the config they receive, and how they report.
import { readFileSync } from 'node:fs';

/**
 * The workloads, identical in every implementation. Names MLP: context 3 of 27 characters, embedding 10, hidden 200 tanh,
 * batch 32, SGD lr 0.1. Word MLP: 10,000 words, context 5, embedding 64, hidden 512 tanh, batch 256, Adam lr 1e-3.
 * Spam: bag-of-words over the 20,000 most frequent words of SpamAssassin, batch 64, Adam lr 1e-3, logistic regression
 * or an MLP with 64 relu units; binary cross-entropy on one logit.
 */
export const WORKLOADS = {
  'names-mlp': { vocab: 27, context: 3, embed: 10, hidden: 200, batch: 32, rows: 200_000, optimizer: 'sgd', lr: 0.1 },
  'word-mlp': { vocab: 10_000, context: 5, embed: 64, hidden: 512, batch: 256, rows: 100_000, optimizer: 'adam', lr: 1e-3 },
  'spam-logreg': { hidden: 0, batch: 64, optimizer: 'adam', lr: 1e-3 },
  'spam-mlp': { hidden: 64, batch: 64, optimizer: 'adam', lr: 1e-3 },
};

/** The child's config: the JSON object given as its one argument (workload, threads, seed, steps, warmup, budgetS, features). */
export function readConfig() {
  const config = JSON.parse(process.argv[2] ?? '{}');
  if (!(config.workload in WORKLOADS)) throw new Error(`bench child: unknown workload '${config.workload}'`);
  return { ...config, spec: WORKLOADS[config.workload] };
}

/** Prints the one result line the parent reads (the last line of stdout that starts with {"result"). */
export function emit(result) {
  console.log(JSON.stringify({ result: { ...result, maxRssMiB: process.resourceUsage().maxRSS / 1024 } }));
}

/** Reports a workload this implementation cannot run, with the reason, instead of crashing. */
export function emitUnsupported(reason) {
  console.log(JSON.stringify({ result: { unsupported: reason } }));
}

/**
 * The precomputed SpamAssassin bag-of-words file written by spam-features.mjs: int32 rows, cols, nnz; int32 indptr
 * (rows + 1); int32 indices (nnz); float32 values (nnz); float32 labels (rows; 1 = spam).
 */
export function readSpamFeatures(path) {
  const buf = readFileSync(path);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const [rows, cols, nnz] = new Int32Array(ab, 0, 3);
  let off = 12;
  const take = (Ctor, n) => { const a = new Ctor(ab, off, n); off += 4 * n; return a; };
  const indptr = take(Int32Array, rows + 1), indices = take(Int32Array, nnz), values = take(Float32Array, nnz);
  const labels = take(Float32Array, rows);
  return { rows, cols, nnz, indptr, indices, values, labels };
}

/** The dense (rows, cols) float32 matrix of a CSR feature file, row-major. */
export function densify({ rows, cols, indptr, indices, values }) {
  const dense = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let k = indptr[r]; k < indptr[r + 1]; k++) dense[r * cols + indices[k]] = values[k];
  return dense;
}

/** A seeded xorshift generator for the synthetic ids, so every implementation trains on the same rows. */
export function syntheticIds(seed, count, high) {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = s % high;
  }
  return out;
}

/**
 * Runs `step` warmup times untimed, then up to `steps` times (stopping early, after at least 3, once budgetS seconds
 * have passed, so a slow peer still finishes; null or absent means no budget); returns the steps timed, their seconds, and the last step's value.
 */
export function timeSteps(step, { warmup, steps, budgetS }) {
  const budget = budgetS ?? Infinity;
  for (let i = 0; i < warmup; i++) step();
  const t0 = performance.now();
  let done = 0, last;
  while (done < steps) {
    last = step();
    done++;
    if (done >= 3 && (performance.now() - t0) / 1000 > budget) break;
  }
  return { steps: done, seconds: (performance.now() - t0) / 1000, last };
}

/** Examples in steps [from, to) of epochs over `rows` in batches of `batch`, the last batch of an epoch being short. */
export function examplesBetween(from, to, rows, batch) {
  const perEpoch = Math.ceil(rows / batch), lastBatch = rows - (perEpoch - 1) * batch;
  let n = 0;
  for (let i = from; i < to; i++) n += i % perEpoch === perEpoch - 1 ? lastBatch : batch;
  return n;
}
