// Sparklines: a series as one line of block characters, for the loss curves printed at the end of a run.
import { extent } from './extent.js';

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * The series as block characters, lowest value ▁ and highest █, all series of a group on one shared scale when
 * `range` is given. Longer series are averaged down to `width` columns; non-finite values print as a space.
 */
export function sparkline(series: readonly number[], width = 40, range?: readonly [number, number]): string {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`sparkline: width must be a positive integer, got ${width}`);
  const columns = Math.min(width, series.length);
  const cells: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * series.length) / columns), to = Math.floor(((c + 1) * series.length) / columns);
    const finite = series.slice(from, to).filter(Number.isFinite);
    cells.push(finite.length === 0 ? NaN : finite.reduce((a, b) => a + b, 0) / finite.length);
  }
  const finite = cells.filter(Number.isFinite);
  const [lo, hi] = range ?? extent(finite) ?? [0, 0];
  return cells.map((v) => {
    if (!Number.isFinite(v)) return ' ';
    const level = hi > lo ? Math.round(((v - lo) / (hi - lo)) * (BLOCKS.length - 1)) : 0;
    return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, level))];
  }).join('');
}

/** Lines like `train loss ▇▅▃▂▁  0.6931 → 0.1021 (best 0.1021)`, the series of a group sharing one scale. */
export function sparklineSummary(named: ReadonlyArray<readonly [string, readonly number[]]>, width = 40): string[] {
  const present = named.filter(([, s]) => s.some(Number.isFinite));
  const all = present.flatMap(([, s]) => s.filter(Number.isFinite));
  if (all.length === 0) return [];
  const range = extent(all)!;
  const pad = extent(present.map(([n]) => n.length))![1];
  return present.map(([name, s]) => {
    const finite = s.filter(Number.isFinite);
    const first = finite[0]!, last = finite[finite.length - 1]!;
    return `${name.padEnd(pad)} ${sparkline(s, width, range)}  ${formatNumber(first)} → ${formatNumber(last)} (min ${formatNumber(extent(finite)![0])})`;
  });
}

/** A metric value in at most 4 significant-ish digits, fixed or exponential as its size asks. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
  return v.toFixed(4);
}
