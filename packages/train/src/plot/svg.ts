// A line chart as standalone SVG: axes with ticks and labels, a legend, one <path> per series; linear or log y axis.
import { linearTicks, logTicks, tickLabel } from './ticks.js';
import { extent } from '../extent.js';

/** One line of a chart: its points (x, y) in data units and how it is drawn. */
export interface ChartSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  color: string;
  /** Stroke width in px (default 2). */
  width?: number;
  /** Stroke opacity (default 1). */
  opacity?: number;
  /** Draw a dot at each point (default false). */
  markers?: boolean;
}

/** What to draw and how. */
export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** A log10 y axis; values <= 0 are drawn at the bottom edge (default false). */
  logY?: boolean;
  width?: number;
  height?: number;
}

const MARGIN = { left: 64, right: 16, top: 52, bottom: 48 };

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (v: number): string => String(Math.round(v * 100) / 100);

/** The chart as an `<svg>` element with the SVG namespace, usable as a file or inline in HTML. */
export function renderChart(spec: ChartSpec): string {
  const width = spec.width ?? 720, height = spec.height ?? 360;
  const logY = spec.logY === true;
  const plotW = width - MARGIN.left - MARGIN.right, plotH = height - MARGIN.top - MARGIN.bottom;
  const all = spec.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y).filter((y) => !logY || y > 0);
  let [xLo, xHi] = extent(xs) ?? [0, 1];
  let [yLo, yHi] = extent(ys) ?? (logY ? [0.1, 1] : [0, 1]);
  if (xHi === xLo) { xLo -= 0.5; xHi += 0.5; }
  if (yHi === yLo) {
    if (logY) { yLo /= 2; yHi *= 2; } else { yLo -= Math.abs(yLo) * 0.1 || 0.5; yHi += Math.abs(yHi) * 0.1 || 0.5; }
  }
  const ty = (v: number): number => (logY ? Math.log10(v) : v);
  // 5% headroom above and below, so no point sits on the frame.
  const pad = (ty(yHi) - ty(yLo)) * 0.05;
  const [tLo, tHi] = [ty(yLo) - pad, ty(yHi) + pad];
  const inRange = (v: number): boolean => ty(v) >= tLo && ty(v) <= tHi;
  const px = (x: number): number => MARGIN.left + ((x - xLo) / (xHi - xLo)) * plotW;
  const py = (y: number): number => {
    if (logY && !(y > 0)) return MARGIN.top + plotH;
    return MARGIN.top + plotH - ((ty(y) - tLo) / (tHi - tLo)) * plotH;
  };
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`);
  // Grid lines and ticks first, so the curves are drawn over them.
  const xTicks = linearTicks(xLo, xHi, Math.max(2, Math.min(10, Math.round(plotW / 80)))).filter((v) => v >= xLo && v <= xHi);
  const [axisLo, axisHi] = logY ? [10 ** tLo, 10 ** tHi] : [tLo, tHi];
  const yTicks = (logY ? logTicks(axisLo, axisHi) : linearTicks(axisLo, axisHi, 5)).filter(inRange);
  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">');
  for (const v of yTicks) out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${fmt(py(v))}" y2="${fmt(py(v))}"/>`);
  out.push('</g>');
  out.push('<g class="axes" stroke="#333333" stroke-width="1">');
  out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}"/>`);
  out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}"/>`);
  for (const v of xTicks) out.push(`<line x1="${fmt(px(v))}" x2="${fmt(px(v))}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 5}"/>`);
  for (const v of yTicks) out.push(`<line x1="${MARGIN.left - 5}" x2="${MARGIN.left}" y1="${fmt(py(v))}" y2="${fmt(py(v))}"/>`);
  out.push('</g>');
  out.push('<g class="tick-labels" fill="#333333">');
  for (const v of xTicks) out.push(`<text x="${fmt(px(v))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${tickLabel(v)}</text>`);
  for (const v of yTicks) out.push(`<text x="${MARGIN.left - 8}" y="${fmt(py(v) + 4)}" text-anchor="end">${tickLabel(v)}</text>`);
  out.push('</g>');
  out.push(`<text class="x-label" x="${MARGIN.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text class="y-label" transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}${logY ? ' (log scale)' : ''}</text>`);
  for (const s of spec.series) {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (pts.length === 0) continue;
    const d = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(px(x))},${fmt(py(y))}`).join(' ');
    out.push(`<path class="series" data-series="${escapeXml(s.name)}" data-points="${pts.length}" d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 2}" stroke-opacity="${s.opacity ?? 1}" stroke-linejoin="round"/>`);
    if (s.markers === true) {
      out.push(`<g fill="${s.color}">${pts.map(([x, y]) => `<circle cx="${fmt(px(x))}" cy="${fmt(py(y))}" r="2.5"/>`).join('')}</g>`);
    }
  }
  // The legend sits in a row above the plot, where it cannot hide a curve.
  const legend = spec.series.filter((s) => s.points.length > 0);
  out.push(`<g class="legend" transform="translate(${MARGIN.left} ${MARGIN.top - 14})">`);
  let at = 0;
  for (const s of legend) {
    out.push(`<line x1="${at}" x2="${at + 20}" y1="0" y2="0" stroke="${s.color}" stroke-width="${Math.max(2, s.width ?? 2)}" stroke-opacity="${s.opacity ?? 1}"/>`);
    out.push(`<text x="${at + 26}" y="4">${escapeXml(s.name)}</text>`);
    at += 26 + s.name.length * 7 + 18;
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}
