// Minibatches over rows of a sparse (CSR) feature matrix, densified one batch at a time by the loader's collate.
import { tensor, type Tensor } from '@nn/core';
import { ArrayDataset, DataLoader, type CsrMatrix } from '@nn/data';

/** A training batch: dense features (B, cols) float32 and 0/1 targets (B) float32. */
export interface DenseBatch { x: Tensor; y: Tensor }

/** Options of {@link sparseRowLoader}. */
export interface SparseRowLoaderOptions {
  batchSize: number;
  shuffle?: boolean;
  seed?: number;
}

/** The rows `rows` of `features` as a dense (rows.length, cols) float32 tensor. */
export function denseRows(features: CsrMatrix, rows: readonly number[]): Tensor {
  const cols = features.shape[1];
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => {
    const { indices, values } = features.row(r);
    for (let k = 0; k < indices.length; k++) out[i * cols + indices[k]!] = values[k]!;
  });
  return tensor(out, { shape: [rows.length, cols] });
}

/**
 * A DataLoader over the given rows of a sparse matrix and their labels. The whole dense matrix of a corpus can be
 * hundreds of MB (6,000 mails x 20,000 words x 4 bytes is 480 MB); a batch of 64 rows is 5 MB and lives one step.
 */
export function sparseRowLoader(features: CsrMatrix, labels: Float32Array, rows: readonly number[], options: SparseRowLoaderOptions): DataLoader<number, DenseBatch> {
  if (labels.length !== features.shape[0]) {
    throw new RangeError(`sparseRowLoader: ${labels.length} labels for a matrix of ${features.shape[0]} rows`);
  }
  return new DataLoader(new ArrayDataset(rows), {
    batchSize: options.batchSize, shuffle: options.shuffle ?? false, seed: options.seed ?? 0,
    collate: (batchRows: number[]): DenseBatch => ({
      x: denseRows(features, batchRows),
      y: tensor(Float32Array.from(batchRows, (r) => labels[r]!)),
    }),
  });
}
