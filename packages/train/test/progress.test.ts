// Progress in its three modes (a bar rewritten in place, one line per epoch, silent), the automatic choice from
// the stream's TTY flag, and the sparklines.
import { nn } from '@nn/core';
import { mseLoss } from '@nn/losses';
import { SGD } from '@nn/optim';
import { describe, expect, it } from 'vitest';
import { fit, progressMode, sparkline, sparklineSummary, type FitOptions } from '../src/index.js';
import { batches, linearData, MemoryStream } from './helpers.js';

function run(stream: MemoryStream, extra: Partial<FitOptions> = {}): void {
  const { x, y } = linearData(32, 1);
  const model = new nn.Linear(2, 1);
  // A clock advancing 50 ms per reading: the bar's rate and ETA are then exact.
  let now = 0;
  const trainData = batches(x, y, 8);
  fit({
    model, loss: mseLoss, optimizer: new SGD(model.parameters(), { lr: 0.1 }), trainData, validData: batches(x, y, 32),
    epochs: 3, stream, clock: () => (now += 50), ...extra,
  });
}

describe('progress', () => {
  it("'epoch' mode (the default off a TTY): one line per epoch and the loss sparklines, nothing rewritten", () => {
    const stream = new MemoryStream(false);
    run(stream);
    expect(stream.text).not.toContain('\r');
    const lines = stream.text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    lines.slice(0, 3).forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^epoch ${i + 1}/3  loss \\d\\.\\d{4}  valid loss \\d\\.\\d{4}  lr 0\\.100  \\d+\\.\\ds$`));
    });
    expect(lines[3]).toMatch(/^train loss [▁▂▃▄▅▆▇█]{3} /);
    expect(lines[4]).toMatch(/^valid loss [▁▂▃▄▅▆▇█]{3} /);
  });

  it("'bar' mode (the default on a TTY): a bar with count, rate, ETA and running loss, rewritten in place", () => {
    const stream = new MemoryStream(true, 120);
    run(stream);
    const redraws = stream.text.split('\r\x1b[2K');
    // The first redraw of epoch 1: 1 of 4 batches 50 ms after the epoch began -> 20 batches/s, 3 left: ETA 0.15 s.
    expect(redraws[1]).toMatch(/^epoch 1\/3 \[█{8}·{22}\]  1\/4 batches  20\.0 batches\/s {2}ETA 0\.1s {2}loss \d+\.\d{4}$/);
    expect(stream.text).toContain('4/4 batches');
    // Each epoch ends with its line on a cleared row.
    expect(stream.text).toMatch(/\r\x1b\[2Kepoch 3\/3  loss \d\.\d{4}  valid loss/);
    expect(stream.text).toMatch(/\ntrain loss [▁▂▃▄▅▆▇█]{3} .*\nvalid loss [▁▂▃▄▅▆▇█]{3} .*\n$/);
  });

  it("'none' mode and verbose: 0 print nothing", () => {
    for (const extra of [{ progress: 'none' as const }, { verbose: 0 as const }]) {
      const stream = new MemoryStream(true);
      run(stream, extra);
      expect(stream.text).toBe('');
    }
  });

  it('maps verbose 1 and 2 to bar and epoch, and the TTY flag when neither is given', () => {
    expect(progressMode(undefined, 1, { write: () => true })).toBe('bar');
    expect(progressMode(undefined, 2, { write: () => true, isTTY: true })).toBe('epoch');
    expect(progressMode(undefined, undefined, { write: () => true, isTTY: true })).toBe('bar');
    expect(progressMode(undefined, undefined, { write: () => true })).toBe('epoch');
    expect(progressMode('none', 2, { write: () => true })).toBe('none');
    expect(() => progressMode('loud' as never, undefined, { write: () => true })).toThrow(/fit: progress must be 'bar', 'epoch' or 'none', got 'loud'/);
    expect(() => progressMode(undefined, 3 as never, { write: () => true })).toThrow(/fit: verbose must be 0, 1 or 2, got 3/);
  });
});

describe('sparkline', () => {
  it('maps the lowest value to ▁ and the highest to █', () => {
    expect(sparkline([3, 2, 1, 0, 7])).toBe('▄▃▂▁█');
    expect(sparkline([1, 1, 1])).toBe('▁▁▁');
    expect(sparkline([1, NaN, 2])).toBe('▁ █');
  });
  it('averages long series down to the width', () => {
    expect(sparkline([0, 0, 7, 7, 0, 0], 3)).toBe('▁█▁');
  });
  it('shares one scale across the series of a summary', () => {
    const [train, valid] = sparklineSummary([['train', [2, 1]], ['valid', [4, 3]]]);
    expect(train).toBe('train ▃▁  2.0000 → 1.0000 (min 1.0000)');
    expect(valid).toBe('valid █▆  4.0000 → 3.0000 (min 3.0000)');
  });
});
