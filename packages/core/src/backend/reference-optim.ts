// Optimizer steps in TypeScript (the fallback, the float64 path and the tests' oracle): PyTorch 1.13's single-tensor loops.
//
// Float32Array groups round where PyTorch's float32 tensor ops round (Math.fround), scalars included, so the
// results equal PyTorch's to the last bit but for rare double-rounding ties; Float64Array groups compute in double.
// Like PyTorch's vectorised CPU kernels, x.add_(y, alpha=a) is y * a + x with one rounding, and x.addcmul_(s, t,
// value=v) is (v * s) * t + x with one rounding after v * s: products of two float32 values are exact in double.

/** A buffer of parameters, gradients or optimizer state. */
export type OptimArray = Float32Array | Float64Array;

const keep = (v: number): number => v;

/** Rounding to the array's precision: Math.fround for float32, nothing for float64. */
function rounding(a: OptimArray): (v: number) => number {
  return a instanceof Float32Array ? Math.fround : keep;
}

/** SGD (torch.optim.SGD, foreach=False); on step 1 each momentum buffer is set to the update direction. */
export function sgdStepRef(
  params: readonly OptimArray[], grads: readonly OptimArray[], momentumBuffers: readonly OptimArray[],
  lr: number, momentum: number, dampening: number, weightDecay: number, nesterov: boolean, maximize: boolean, step: number,
): void {
  for (let t = 0; t < params.length; t++) {
    const p = params[t]!, g = grads[t]!, buf = momentum !== 0 ? momentumBuffers[t]! : undefined;
    const r = rounding(p);
    const wd = r(weightDecay), mom = r(momentum), oneMinusDamp = r(1 - dampening), negLr = r(-lr);
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      let d = maximize ? -g[i]! : g[i]!;
      if (weightDecay !== 0) d = r(pi * wd + d);
      if (buf !== undefined) {
        const m = step <= 1 ? d : r(d * oneMinusDamp + r(buf[i]! * mom));
        buf[i] = m;
        d = nesterov ? r(m * mom + d) : m;
      }
      p[i] = r(d * negLr + pi);
    }
  }
}

/** Adam, or AdamW when decoupledWeightDecay (torch.optim.Adam / AdamW, foreach=False, not capturable). */
export function adamStepRef(
  params: readonly OptimArray[], grads: readonly OptimArray[], expAvgs: readonly OptimArray[],
  expAvgSqs: readonly OptimArray[], maxExpAvgSqs: readonly OptimArray[],
  lr: number, beta1: number, beta2: number, eps: number, weightDecay: number,
  amsgrad: boolean, maximize: boolean, decoupledWeightDecay: boolean, step: number,
): void {
  // PyTorch computes these in Python floats (double) and rounds each once when it applies it to a tensor.
  const biasCorrection1 = 1 - beta1 ** step, biasCorrection2 = 1 - beta2 ** step;
  const stepSize = lr / biasCorrection1, bc2Sqrt = Math.sqrt(biasCorrection2);
  const l2 = !decoupledWeightDecay && weightDecay !== 0;
  for (let t = 0; t < params.length; t++) {
    const p = params[t]!, g = grads[t]!, m = expAvgs[t]!, v = expAvgSqs[t]!, vmax = amsgrad ? maxExpAvgSqs[t]! : undefined;
    const r = rounding(p);
    const b1 = r(beta1), oneMinusB1 = r(1 - beta1), b2 = r(beta2), oneMinusB2 = r(1 - beta2);
    const wd = r(weightDecay), scale = r(1 - lr * weightDecay), negStepSize = r(-stepSize), bc2 = r(bc2Sqrt), e = r(eps);
    for (let i = 0; i < p.length; i++) {
      // AdamW scales even when weightDecay is 0 (by exactly 1), as PyTorch does.
      const pi = decoupledWeightDecay ? r(p[i]! * scale) : p[i]!;
      let gi = maximize ? -g[i]! : g[i]!;
      if (l2) gi = r(pi * wd + gi);
      const mi = r(gi * oneMinusB1 + r(m[i]! * b1));
      let vi = r(r(oneMinusB2 * gi) * gi + r(v[i]! * b2));
      m[i] = mi;
      v[i] = vi;
      if (vmax !== undefined) {
        const old = vmax[i]!;
        vi = Number.isNaN(old) || old > vi ? old : vi;
        vmax[i] = vi;
      }
      const denom = r(r(r(Math.sqrt(vi)) / bc2) + e);
      p[i] = r(pi + r(r(negStepSize * mi) / denom));
    }
  }
}

/** RMSProp (torch.optim.RMSprop, foreach=False). */
export function rmspropStepRef(
  params: readonly OptimArray[], grads: readonly OptimArray[], squareAvgs: readonly OptimArray[],
  gradAvgs: readonly OptimArray[], momentumBuffers: readonly OptimArray[],
  lr: number, alpha: number, eps: number, weightDecay: number, momentum: number, centered: boolean, maximize: boolean,
): void {
  for (let t = 0; t < params.length; t++) {
    const p = params[t]!, g = grads[t]!, sq = squareAvgs[t]!;
    const ga = centered ? gradAvgs[t]! : undefined, buf = momentum > 0 ? momentumBuffers[t]! : undefined;
    const r = rounding(p);
    const a = r(alpha), oneMinusA = r(1 - alpha), e = r(eps), wd = r(weightDecay), mom = r(momentum), negLr = r(-lr);
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      let gi = maximize ? -g[i]! : g[i]!;
      if (weightDecay !== 0) gi = r(pi * wd + gi);
      const sqi = r(r(oneMinusA * gi) * gi + r(sq[i]! * a));
      sq[i] = sqi;
      let avg: number;
      if (ga !== undefined) {
        const gai = r(gi * oneMinusA + r(ga[i]! * a));
        ga[i] = gai;
        avg = r(Math.sqrt(r(-gai * gai + sqi)));
      } else {
        avg = r(Math.sqrt(sqi));
      }
      avg = r(avg + e);
      if (buf !== undefined) {
        const bi = r(r(buf[i]! * mom) + r(gi / avg));
        buf[i] = bi;
        p[i] = r(bi * negLr + pi);
      } else {
        p[i] = r(pi + r(r(negLr * gi) / avg));
      }
    }
  }
}

/** AdaGrad (torch.optim.Adagrad, dense gradients, foreach=False); state sums start at initial_accumulator_value. */
export function adagradStepRef(
  params: readonly OptimArray[], grads: readonly OptimArray[], stateSums: readonly OptimArray[],
  lr: number, lrDecay: number, weightDecay: number, eps: number, maximize: boolean, step: number,
): void {
  const clr = lr / (1 + (step - 1) * lrDecay);
  for (let t = 0; t < params.length; t++) {
    const p = params[t]!, g = grads[t]!, s = stateSums[t]!;
    const r = rounding(p);
    const negClr = r(-clr), e = r(eps), wd = r(weightDecay);
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!;
      let gi = maximize ? -g[i]! : g[i]!;
      if (weightDecay !== 0) gi = r(pi * wd + gi);
      const si = r(gi * gi + s[i]!);
      s[i] = si;
      p[i] = r(pi + r(r(negClr * gi) / r(r(Math.sqrt(si)) + e)));
    }
  }
}
