// Axis ticks: "nice" round values (1, 2, 5 × 10^k) for linear axes, powers of ten for logarithmic ones.

/** Round tick values covering [lo, hi], about `count` of them. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

/** Ticks of a log10 axis over [lo, hi] (both > 0): the powers of ten inside, or linear ticks when the range is under a decade. */
export function logTicks(lo: number, hi: number): number[] {
  const first = Math.ceil(Math.log10(lo)), last = Math.floor(Math.log10(hi));
  if (last - first < 1) return linearTicks(lo, hi, 4).filter((v) => v > 0);
  const stride = Math.ceil((last - first + 1) / 8);
  const ticks: number[] = [];
  for (let k = first; k <= last; k += stride) ticks.push(10 ** k);
  return ticks;
}

/** A tick label: short, without float noise (0.30000000000000004 -> 0.3), exponential for very small or large values. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}
