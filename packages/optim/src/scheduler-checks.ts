// Option validation shared by the schedulers: errors name the class, the option and the offending value.

/** Throws unless `v` is a finite number >= 0. */
export function checkNonNegative(cls: string, name: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${cls}: ${name} must be a finite number >= 0, got ${String(v)}`);
}

/** Throws unless `v` is a positive integer. */
export function checkPositiveInt(cls: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${cls}: ${name} must be a positive integer, got ${String(v)}`);
}

/** Throws unless `v` is one of `allowed`. */
export function checkChoice(cls: string, name: string, v: string, allowed: readonly string[]): void {
  if (!allowed.includes(v)) throw new Error(`${cls}: unknown ${name} '${String(v)}' (expected ${allowed.map((a) => `'${a}'`).join(' or ')})`);
}

/** Expands a scalar or per-group list to one value per group, checking the list length. */
export function perGroup(cls: string, name: string, v: number | readonly number[], groups: number): number[] {
  if (typeof v === 'number') return new Array<number>(groups).fill(v);
  if (v.length !== groups) throw new Error(`${cls}: expected ${groups} values for ${name} (one per parameter group), got ${v.length}`);
  return [...v];
}

/** Python's modulo (the result has the divisor's sign). */
export function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
