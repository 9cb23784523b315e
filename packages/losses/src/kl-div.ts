// Kullback-Leibler divergence loss between a log-probability input and a target distribution (optionally in log space).
import { type Tensor, div, eq, exp, log, mul, nn, sub, where } from '@nn/core';
import { checkNoNaN, checkPair } from './input-checks.js';
import { type Reduction, readReduction, reduce } from './reduction.js';

/** Options of {@link klDivLoss}. */
export interface KLDivOptions {
  /**
   * 'mean' (default, as PyTorch: the mean over every element, which is not the KL divergence), 'batchmean' (Σ / N,
   * the true KL divergence per sample), 'sum' or 'none'.
   */
  reduction?: Reduction | 'batchmean';
  /** The target is given as log-probabilities (default false). */
  logTarget?: boolean;
}

/**
 * KL divergence loss: with log-probabilities x and target probabilities y, ℓ_i = y_i (log y_i - x_i), taken as 0 where
 * y_i = 0 (PyTorch's xlogy); with `logTarget`, ℓ_i = e^{y_i} (y_i - x_i). Summed over a sample it is KL(y ‖ exp x), so
 * use reduction 'batchmean' for the divergence per sample (distillation, VAEs, matching distributions).
 * PyTorch: `F.kl_div(input, target, reduction, log_target)` / `nn.KLDivLoss`.
 */
export function klDivLoss(input: Tensor, target: Tensor, opts: KLDivOptions = {}): Tensor {
  const fn = 'klDivLoss';
  const batchmean = opts.reduction === 'batchmean';
  const reduction = batchmean ? 'sum' : readReduction(fn, opts as { reduction?: Reduction });
  checkPair(fn, input, target);
  checkNoNaN(fn, 'target', target);
  let losses: Tensor;
  if (opts.logTarget === true) {
    losses = mul(exp(target), sub(target, input));
  } else {
    // xlogy(y, y) - y x: log of 1 where y = 0 keeps both the value and the target's gradient finite there.
    const xlogy = mul(target, log(where(eq(target, 0), 1, target)));
    losses = sub(xlogy, mul(target, input));
  }
  const out = reduce(losses, reduction);
  return batchmean ? div(out, input.ndim === 0 ? 1 : input.shape[0]!) : out;
}

/** Module form of {@link klDivLoss}. PyTorch: `nn.KLDivLoss`. */
export class KLDivLoss extends nn.Module {
  constructor(readonly options: KLDivOptions = {}) {
    super();
    if (options.reduction !== 'batchmean') readReduction('KLDivLoss', options as { reduction?: Reduction });
  }
  /** The loss of log-probabilities `input` against `target`. */
  forward(input: Tensor, target: Tensor): Tensor { return klDivLoss(input, target, this.options); }
}
