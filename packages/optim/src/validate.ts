// Option checks shared by the optimizers; each error names the class, the option and the offending value.

/** Throws unless `v` is a number >= 0 (NaN fails). */
export function checkNonNegative(cls: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !(v >= 0)) throw new RangeError(`${cls}: ${name} must be a number >= 0, got ${String(v)}`);
}

/** Throws unless `v` is a pair of numbers in [0, 1). */
export function checkBetas(cls: string, v: unknown): void {
  if (!Array.isArray(v) || v.length !== 2) throw new TypeError(`${cls}: betas must be a pair [beta1, beta2], got ${String(v)}`);
  v.forEach((b: unknown, i) => {
    if (typeof b !== 'number' || !(b >= 0 && b < 1)) throw new RangeError(`${cls}: betas[${i}] must be in [0, 1), got ${String(b)}`);
  });
}

/** Throws unless `v` is a number in [lo, hi]. */
export function checkInRange(cls: string, name: string, v: unknown, lo: number, hi: number): void {
  if (typeof v !== 'number' || !(v >= lo && v <= hi)) throw new RangeError(`${cls}: ${name} must be in [${lo}, ${hi}], got ${String(v)}`);
}

/** Throws unless `v` is a boolean. */
export function checkFlag(cls: string, name: string, v: unknown): void {
  if (typeof v !== 'boolean') throw new TypeError(`${cls}: ${name} must be a boolean, got ${String(v)}`);
}
