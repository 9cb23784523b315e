// Learning curves: the SVG charts (paths with one point per epoch and per step, ticks, legend, log scale), the
// self-contained HTML report, and that report rendered in headless Chromium (curves in the DOM and on screen).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { manualSeed, nn } from '@nn/core';
import { crossEntropy } from '@nn/losses';
import { SGD } from '@nn/optim';
import { afterAll, describe, expect, it } from 'vitest';
import { fit, History, lossChart, renderChart, renderReport, sparklineSummary, writeReport } from '../src/index.js';
import { MAX_STEP_POINTS } from '../src/plot/curves.js';
import { batches, MemoryStream, threeClassData } from './helpers.js';
import { readPng } from './png.js';

const dir = mkdtempSync(join(tmpdir(), 'nn-train-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The series paths of an SVG or HTML text: name -> number of points in its d attribute. */
function pathPoints(markup: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of markup.matchAll(/<path class="series" data-series="([^"]+)"[^>]* d="([^"]+)"/g)) {
    out[m[1]!] = (m[2]!.match(/[ML]-?\d/g) ?? []).length;
  }
  return out;
}

function historyOf(epochs: number, stepsPerEpoch: number): History {
  const h = new History();
  for (let e = 1; e <= epochs; e++) {
    for (let s = 0; s < stepsPerEpoch; s++) h.stepLoss.push(2 / (e + s / stepsPerEpoch));
    h.addEpoch(e, { loss: 2 / e, accuracy: 1 - 0.5 / e }, { loss: 2.2 / e, accuracy: 1 - 0.6 / e }, 0.1, e * stepsPerEpoch);
  }
  return h;
}

describe('learning-curve SVG', () => {
  it('draws a 200,000-step run with the per-step curve averaged down to MAX_STEP_POINTS points', () => {
    const h = historyOf(4, 50_000);
    const svg = lossChart(h);
    expect(pathPoints(svg)).toEqual({ 'train loss (per step)': MAX_STEP_POINTS, 'train loss': 4, 'valid loss': 4 });
    expect(svg.length).toBeLessThan(200_000);
    expect(sparklineSummary([['train loss', h.stepLoss]])[0]).toContain('(min 0.4000)');
  });

  it('draws one path per series with one point per epoch, and a per-step train curve', () => {
    const svg = lossChart(historyOf(7, 5));
    expect(pathPoints(svg)).toEqual({ 'train loss (per step)': 35, 'train loss': 7, 'valid loss': 7 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<text class="x-label"');
    expect(svg).toMatch(/<g class="legend"[\s\S]*>valid loss<\/text>/);
    // Ticks on both axes, with labels (epochs 1..7 on x).
    const labels = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(expect.arrayContaining(['2', '4', '6']));
  });
  it('puts per-epoch points at their epoch and per-step points between epochs', () => {
    const svg = renderChart({ title: 't', xLabel: 'x', yLabel: 'y', width: 164, height: 200, series: [{ name: 's', points: [[0, 0], [1, 10], [2, 5]], color: '#000' }] });
    // Plot area: x from 64 to 148 (width 84), y from 52 to 152 (height 100) showing [-0.5, 10.5] (5% headroom).
    expect(svg).toContain('d="M64,147.45 L106,56.55 L148,102"');
  });
  it('a log-scale axis has power-of-ten ticks and says so', () => {
    const svg = renderChart({ title: 't', xLabel: 'x', yLabel: 'loss', logY: true, series: [{ name: 's', points: [[1, 1000], [2, 1], [3, 0.01]], color: '#000' }] });
    const yLabels = [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    expect(yLabels).toEqual(['0.01', '0.1', '1', '10', '100', '1000']);
    expect(svg).toContain('loss (log scale)');
    // Equal ratios are equal distances: 1000 -> 1 and 1 -> 0.01 span 3 and 2 decades.
    const ys = [...svg.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    expect((ys[1]! - ys[0]!) / (ys[2]! - ys[1]!)).toBeCloseTo(3 / 2, 2);
  });
  it('escapes names', () => {
    expect(renderChart({ title: 'a<b & "c"', xLabel: 'x', yLabel: 'y', series: [] })).toContain('<title>a&lt;b &amp; &quot;c&quot;</title>');
  });
});

describe('HTML report', () => {
  it('is self-contained: inline SVG and CSS, no scripts, no external resources', () => {
    const html = renderReport(historyOf(4, 3), { title: 'run one' });
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(pathPoints(html)).toEqual({ 'train loss (per step)': 12, 'train loss': 4, 'valid loss': 4, 'train accuracy': 4, 'valid accuracy': 4 });
    expect(html).toContain('<th>valid accuracy</th>');
  });

  it('fit writes the curves to outDir and prints sparklines of the losses', () => {
    manualSeed(8);
    const data = threeClassData(60, 1), valid = threeClassData(30, 2);
    const model = new nn.Linear(2, 3);
    const stream = new MemoryStream();
    const outDir = join(dir, 'run');
    fit({
      model, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData: batches(data.x, data.y, 10),
      validData: batches(valid.x, valid.y, 30), epochs: 6, metrics: ['accuracy'], outDir, name: 'three classes', stream,
    });
    for (const f of ['loss.svg', 'accuracy.svg', 'report.html', 'history.json']) expect(existsSync(join(outDir, f))).toBe(true);
    expect(pathPoints(readFileSync(join(outDir, 'loss.svg'), 'utf8'))).toEqual({ 'train loss (per step)': 36, 'train loss': 6, 'valid loss': 6 });
    const history = JSON.parse(readFileSync(join(outDir, 'history.json'), 'utf8')) as { epochs: number[] };
    expect(history.epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stream.text).toMatch(/\ntrain loss [▁▂▃▄▅▆▇█]{6} {2}\d\.\d{4} → \d\.\d{4} \(min \d\.\d{4}\)\nvalid loss [▁▂▃▄▅▆▇█]{6} /);
    expect(stream.text).toContain(`learning curves: ${join(outDir, 'report.html')}`);
  });

  const chromium = ((): string | null => {
    try {
      return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  })();
  if (chromium === null && process.env['CI'] === undefined) {
    it.skip('renders in headless Chromium (skipped: chromium is not on PATH; CI installs it)', () => {});
  } else {
    it('renders in headless Chromium: the paths are in the DOM and the curves are on screen', () => {
      if (chromium === null) throw new Error('chromium is not on PATH, and CI requires the browser test (apt-get install chromium)');
      const page = join(dir, 'report.html');
      writeReport(dir, historyOf(8, 4), { title: 'browser check' });
      const url = pathToFileURL(page).href;
      const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=900,900'];
      const dom = execFileSync(chromium, [...flags, '--dump-dom', url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
      expect(pathPoints(dom)).toEqual({ 'train loss (per step)': 32, 'train loss': 8, 'valid loss': 8, 'train accuracy': 8, 'valid accuracy': 8 });
      const shot = join(dir, 'report.png');
      execFileSync(chromium, [...flags, `--screenshot=${shot}`, url], { stdio: 'ignore', timeout: 60_000 });
      const image = readPng(shot);
      expect([image.width, image.height]).toEqual([900, 900]);
      const colours = new Set<number>();
      let inked = 0, trainBlue = 0, validRed = 0;
      for (let i = 0; i < image.pixels.length; i += image.channels) {
        const [r, g, b] = [image.pixels[i]!, image.pixels[i + 1]!, image.pixels[i + 2]!];
        colours.add((r << 16) | (g << 8) | b);
        if (r < 250 || g < 250 || b < 250) inked++;
        if (Math.abs(r - 0x1f) < 24 && Math.abs(g - 0x77) < 24 && Math.abs(b - 0xb4) < 24) trainBlue++;
        if (Math.abs(r - 0xd6) < 24 && Math.abs(g - 0x27) < 24 && Math.abs(b - 0x28) < 24) validRed++;
      }
      expect(colours.size).toBeGreaterThan(50);
      expect(inked / (image.width * image.height)).toBeGreaterThan(0.01);
      // The curve colours are painted: strokes of hundreds of pixels each.
      expect(trainBlue).toBeGreaterThan(300);
      expect(validRed).toBeGreaterThan(300);
    }, 150_000);
  }
});
