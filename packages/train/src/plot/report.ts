// The run report: one self-contained HTML page (inline SVG charts, inline CSS, no scripts, no external resources),
// and the files a run writes to its output directory.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@nn/core';
import type { History } from '../history.js';
import { formatNumber } from '../sparkline.js';
import { lossChart, metricChart, type CurveOptions } from './curves.js';
import { escapeXml } from './svg.js';

/** Options of the report. */
export interface ReportOptions extends CurveOptions {
  /** The run's name, the page title. */
  title?: string;
  /** Metrics besides the loss to chart (default: every metric in the history). */
  metrics?: readonly string[];
}

const CSS = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px}figure{margin:16px 0}table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}th{background:#f4f4f4}`;

function chartedMetrics(history: History, options: ReportOptions): string[] {
  return [...(options.metrics ?? Object.keys(history.train))].filter((m) => m !== 'loss');
}

/** The report page: the loss chart, a chart per metric, and a table of every value per epoch. */
export function renderReport(history: History, options: ReportOptions = {}): string {
  const title = options.title ?? 'Training run';
  const metrics = chartedMetrics(history, options);
  const columns = [
    ...Object.keys(history.train).map((m) => ['train', m] as const),
    ...Object.keys(history.valid).map((m) => ['valid', m] as const),
  ];
  const rows = history.epochs.map((epoch, i) => {
    const cells = columns.map(([split, m]) => `<td>${formatNumber(history.series(m, split)[i] ?? NaN)}</td>`).join('');
    return `<tr><td>${epoch}</td>${cells}<td>${formatNumber(history.lr[i] ?? NaN)}</td></tr>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${escapeXml(title)}</h1>`,
    `<p>${history.epochs.length} epochs, ${history.stepLoss.length} optimizer steps.</p>`,
    `<figure id="loss">${lossChart(history, options)}</figure>`,
    ...metrics.map((m) => `<figure id="metric-${escapeXml(m)}">${metricChart(history, m, options)}</figure>`),
    '<table><thead><tr><th>epoch</th>',
    ...columns.map(([split, m]) => `<th>${split} ${escapeXml(m)}</th>`),
    '<th>lr</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    '</body></html>',
    '',
  ].join('\n');
}

/** Paths of the files {@link writeReport} wrote. */
export interface ReportFiles {
  lossSvg: string;
  metricSvgs: string[];
  html: string;
  historyJson: string;
}

/**
 * Writes `loss.svg`, `<metric>.svg` per metric, `report.html` and `history.json` into `dir` (created if missing).
 * Non-finite values in history.json are written as null. Each file is replaced atomically, so a report being
 * viewed while training runs is never half-written.
 */
export function writeReport(dir: string, history: History, options: ReportOptions = {}): ReportFiles {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`writeReport: cannot create the output directory ${dir}: ${(e as Error).message}`);
  }
  const lossSvg = join(dir, 'loss.svg');
  writeFileAtomic('writeReport', lossSvg, `${lossChart(history, options)}\n`);
  const metricSvgs = chartedMetrics(history, options).map((m) => {
    const path = join(dir, `${m.replace(/[^A-Za-z0-9_-]/g, '_')}.svg`);
    writeFileAtomic('writeReport', path, `${metricChart(history, m, options)}\n`);
    return path;
  });
  const html = join(dir, 'report.html');
  writeFileAtomic('writeReport', html, renderReport(history, options));
  const historyJson = join(dir, 'history.json');
  writeFileAtomic('writeReport', historyJson, `${JSON.stringify(history.toJSON())}\n`);
  return { lossSvg, metricSvgs, html, historyJson };
}
