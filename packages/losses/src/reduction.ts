// The reduction every loss takes, applied and validated in one place.
import { type Tensor, mean, sum } from '@nn/core';

/** How a loss combines its per-element values: PyTorch's `reduction` argument. */
export type Reduction = 'none' | 'mean' | 'sum';

/** Options every loss accepts. */
export interface ReductionOptions {
  /** 'mean' (default), 'sum', or 'none' for the unreduced per-element losses. */
  reduction?: Reduction;
}

/** Returns the reduction from `options` (default 'mean'), or throws naming the loss and the bad value. */
export function readReduction(fn: string, options: ReductionOptions | undefined): Reduction {
  const r = options?.reduction ?? 'mean';
  if (r !== 'none' && r !== 'mean' && r !== 'sum') {
    throw new RangeError(`${fn}: unknown reduction '${String(r)}' (expected 'none', 'mean' or 'sum')`);
  }
  return r;
}

/** Applies `reduction` to per-element losses: unchanged, their mean (NaN when empty, as PyTorch) or their sum. */
export function reduce(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return losses;
  return reduction === 'sum' ? sum(losses) : mean(losses);
}
