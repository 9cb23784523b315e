// Learning curves of a History: the loss chart (per-epoch train and validation loss, thin per-step train loss)
// and a chart of one chosen metric, as SVG.
import type { History } from '../history.js';
import { renderChart, type ChartSeries } from './svg.js';

/** Options of the learning-curve charts. */
export interface CurveOptions {
  /** A log10 y axis for the loss chart (default false). */
  logScale?: boolean;
  /** Chart size in px (default 720 × 360). */
  width?: number;
  height?: number;
}

const TRAIN = '#1f77b4', VALID = '#d62728', STEPS = '#7fb2dc';

/** Most points the per-step curve is drawn with; longer runs are averaged down so a 200k-step report stays small. */
export const MAX_STEP_POINTS = 2000;

/** Consecutive points averaged in equal groups down to at most `max` points. */
export function thinPoints(points: ReadonlyArray<[number, number]>, max: number): Array<[number, number]> {
  if (points.length <= max) return points.slice();
  const out: Array<[number, number]> = [];
  for (let c = 0; c < max; c++) {
    const from = Math.floor((c * points.length) / max), to = Math.floor(((c + 1) * points.length) / max);
    let x = 0, y = 0;
    for (let i = from; i < to; i++) { x += points[i]![0]; y += points[i]![1]; }
    out.push([x / (to - from), y / (to - from)]);
  }
  return out;
}

/** Per-step values placed on the epoch axis: step s of epoch e (1-based) at e - 1 + (s within e) / (steps of e). */
export function stepPoints(history: History): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let epochIndex = 0, previousEnd = 0;
  history.stepLoss.forEach((loss, i) => {
    const step = i + 1;
    while (epochIndex < history.epochEndSteps.length && step > history.epochEndSteps[epochIndex]!) {
      previousEnd = history.epochEndSteps[epochIndex]!;
      epochIndex++;
    }
    const end = history.epochEndSteps[epochIndex];
    // Steps after the last recorded epoch (a run stopped mid-epoch) are spaced one epoch-length apart.
    const span = end !== undefined ? end - previousEnd : Math.max(1, previousEnd / Math.max(1, epochIndex));
    out.push([epochIndex + (step - previousEnd) / span, loss]);
  });
  return out;
}

const perEpoch = (history: History, values: readonly number[]): Array<[number, number]> => values.map((v, i) => [history.epochs[i]!, v]);

/** The loss chart: train and validation loss per epoch, and the per-step train loss as a thin line. */
export function lossChart(history: History, options: CurveOptions = {}): string {
  const series: ChartSeries[] = [
    { name: 'train loss (per step)', points: thinPoints(stepPoints(history), MAX_STEP_POINTS), color: STEPS, width: 1, opacity: 0.7 },
    { name: 'train loss', points: perEpoch(history, history.series('loss', 'train')), color: TRAIN, markers: true },
    { name: 'valid loss', points: perEpoch(history, history.series('loss', 'valid')), color: VALID, markers: true },
  ];
  return renderChart({
    title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series, logY: options.logScale === true,
    ...(options.width !== undefined ? { width: options.width } : {}), ...(options.height !== undefined ? { height: options.height } : {}),
  });
}

/** The chart of one metric on the training and validation data per epoch. */
export function metricChart(history: History, metric: string, options: CurveOptions = {}): string {
  const series: ChartSeries[] = [
    { name: `train ${metric}`, points: perEpoch(history, history.series(metric, 'train')), color: TRAIN, markers: true },
    { name: `valid ${metric}`, points: perEpoch(history, history.series(metric, 'valid')), color: VALID, markers: true },
  ];
  return renderChart({
    title: metric, xLabel: 'epoch', yLabel: metric, series,
    ...(options.width !== undefined ? { width: options.width } : {}), ...(options.height !== undefined ? { height: options.height } : {}),
  });
}
