// Tolerance assertions for numeric arrays: |actual - expected| <= atol + rtol * |expected|, NaN only matches NaN.

/** Tolerances of {@link assertAllClose}. */
export interface CloseOptions {
  /** Relative tolerance; default 1e-5 (float32 work). */
  rtol?: number;
  /** Absolute tolerance; default 1e-6. */
  atol?: number;
  /** Names the compared quantity in the error. */
  label?: string;
}

/** Largest |actual[i] - expected[i]|. */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  return worst;
}

/** Throws, naming the first offending index and the worst difference, unless the arrays are elementwise close. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, options: CloseOptions = {}): void {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  const label = options.label ?? 'values';
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length} differs from expected length ${expected.length}`);
  }
  let bad = -1;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) {
      if (bad < 0) bad = i;
      count++;
    }
  }
  if (bad >= 0) {
    throw new Error(
      `${label}: ${count} of ${actual.length} elements differ beyond atol=${atol}, rtol=${rtol}; ` +
      `first at [${bad}]: got ${actual[bad]}, expected ${expected[bad]}; max |diff| ${maxAbsDiff(actual, expected)}`,
    );
  }
}
