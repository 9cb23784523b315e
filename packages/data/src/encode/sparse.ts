// Compressed sparse row matrices: the compact output of the bag-of-words and TF-IDF encoders, with a dense view.
import { Tensor, zeros } from '@nn/core';

/**
 * An (rows, cols) matrix in CSR form (scikit-learn's `csr_matrix` layout): the non-zeros of row i are
 * `values[indptr[i] .. indptr[i + 1])` in columns `indices[...]`, columns ascending within a row.
 */
export class CsrMatrix {
  /** Row start offsets into `indices`/`values`, length rows + 1. */
  readonly indptr: Int32Array;
  /** Column of each stored value. */
  readonly indices: Int32Array;
  /** The stored values. */
  readonly values: Float32Array;
  /** [rows, cols]. */
  readonly shape: readonly [number, number];

  /** Wraps the three arrays after checking that they describe a valid matrix of `shape`. */
  constructor(indptr: Int32Array, indices: Int32Array, values: Float32Array, shape: readonly [number, number]) {
    const [rows, cols] = shape;
    const fail = (what: string): never => {
      throw new RangeError(`CsrMatrix: ${what} (shape [${rows}, ${cols}])`);
    };
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) fail('shape must be two non-negative integers');
    if (indptr.length !== rows + 1) fail(`indptr has length ${indptr.length}, expected rows + 1 = ${rows + 1}`);
    if (indices.length !== values.length) fail(`indices (${indices.length}) and values (${values.length}) differ in length`);
    if (indptr[0] !== 0 || indptr[rows] !== indices.length) fail(`indptr must start at 0 and end at nnz = ${indices.length}`);
    for (let r = 0; r < rows; r++) {
      if (indptr[r + 1]! < indptr[r]!) fail(`indptr decreases at row ${r}`);
      for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
        const c = indices[k]!;
        if (c < 0 || c >= cols) fail(`indices[${k}] = ${c} is outside [0, ${cols}) in row ${r}`);
        if (k > indptr[r]! && c <= indices[k - 1]!) fail(`columns of row ${r} are not strictly ascending at indices[${k}]`);
      }
    }
    this.indptr = indptr;
    this.indices = indices;
    this.values = values;
    this.shape = [rows, cols];
  }

  /** Number of stored values. */
  get nnz(): number {
    return this.values.length;
  }

  /** The dense (rows, cols) float32 tensor. */
  toDense(): Tensor {
    const [rows, cols] = this.shape;
    const dense = zeros([rows, cols]);
    const data = dense.data as Float32Array;
    for (let r = 0; r < rows; r++) {
      for (let k = this.indptr[r]!; k < this.indptr[r + 1]!; k++) data[r * cols + this.indices[k]!] = this.values[k]!;
    }
    return dense;
  }

  /** Row `r` as parallel arrays of columns and values (views, not copies). */
  row(r: number): { indices: Int32Array; values: Float32Array } {
    if (!Number.isInteger(r) || r < 0 || r >= this.shape[0]) throw new RangeError(`CsrMatrix.row: row ${r} is out of range [0, ${this.shape[0]})`);
    const lo = this.indptr[r]!, hi = this.indptr[r + 1]!;
    return { indices: this.indices.subarray(lo, hi), values: this.values.subarray(lo, hi) };
  }
}
