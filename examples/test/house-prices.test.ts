// The house-prices demo end to end: fit trains on the real data, the loss falls, it lands on least squares, and the
// learning-curve report is written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const outRoot = mkdtempSync(join(tmpdir(), 'nn-house-prices-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

function runDemo(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', 'house-prices.ts', ...args], { cwd: examplesDir, encoding: 'utf8' });
}

const line = (out: string, prefix: string): string => out.split('\n').find((l) => l.startsWith(prefix)) ?? '';
const fit = (l: string): [number, number] => {
  const m = /price = (-?[\d.]+) \* rooms ([+-]) ([\d.]+)/.exec(l);
  if (m === null) throw new Error(`no fitted line in: ${l}`);
  return [Number(m[1]), Number(m[2] === '-' ? `-${m[3]}` : m[3])];
};
interface Epoch { epoch: number; train: number; valid: number; validMae: number }
const epochs = (out: string, total: number): Epoch[] => out.split('\n').filter((l) => l.startsWith('epoch ')).map((l) => {
  const m = new RegExp(`^epoch (\\d+)/${total}\\s+loss ([\\d.]+)\\s+mae [\\d.]+\\s+valid loss ([\\d.]+)\\s+valid mae ([\\d.]+)`).exec(l);
  if (m === null) throw new Error(`unreadable epoch line: ${l}`);
  return { epoch: Number(m[1]), train: Number(m[2]), valid: Number(m[3]), validMae: Number(m[4]) };
});

// The least-squares line of this split has a validation MSE of 37.8 ($6.1k RMSE); the untrained model's is above 300.
const VALID_MSE_BOUND = 40;

describe('examples/house-prices', () => {
  it('prints a falling loss per epoch, converges to the least-squares line and writes the learning curves', () => {
    const out = join(outRoot, 'full-batch');
    const r = runDemo(['--epochs', '40', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/405 train \/ 101 validation houses/);
    expect(r.stdout).toMatch(/backend: native \(.*full-batch gradient descent, lr 0\.1/);
    const log = epochs(r.stdout, 40);
    expect(log.map((e) => e.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(log[39]!.train).toBeLessThan(log[0]!.train / 10);
    // Full-batch gradient descent on a convex loss with a small enough step never goes up.
    for (let i = 1; i < log.length; i++) expect(log[i]!.train).toBeLessThanOrEqual(log[i - 1]!.train + 1e-3);
    expect(log[0]!.valid).toBeGreaterThan(300);
    expect(log[39]!.valid).toBeLessThan(VALID_MSE_BOUND);
    const [slope, intercept] = fit(line(r.stdout, 'fitted:'));
    const [olsSlope, olsIntercept] = fit(line(r.stdout, 'least squares:'));
    expect(Math.abs(slope - olsSlope)).toBeLessThan(0.01);
    expect(Math.abs(intercept - olsIntercept)).toBeLessThan(0.05);
    // The sparklines of both losses, and the report files with the same history.
    expect(r.stdout).toMatch(/^train loss [▁▂▃▄▅▆▇█]{40}  [\d.]+ → [\d.]+/m);
    expect(r.stdout).toMatch(/^valid loss [▁▂▃▄▅▆▇█]{40}  [\d.]+ → [\d.]+/m);
    expect(r.stdout).toContain(`learning curves: ${join(out, 'report.html')}`);
    for (const file of ['loss.svg', 'mae.svg', 'report.html', 'history.json']) expect(existsSync(join(out, file)), file).toBe(true);
    const history = JSON.parse(readFileSync(join(out, 'history.json'), 'utf8')) as { epochs: number[]; valid: { loss: number[] } };
    expect(history.epochs).toHaveLength(40);
    expect(history.valid.loss.at(-1)).toBeCloseTo(log[39]!.valid, 3);
    expect(readFileSync(join(out, 'loss.svg'), 'utf8')).toMatch(/^<svg /);
  });

  it('trains with minibatch SGD to near the least-squares validation loss', () => {
    const r = runDemo(['--epochs', '5', '--batch-size', '32', '--lr', '0.05', '--out', join(outRoot, 'minibatch')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SGD on batches of 32, lr 0\.05/);
    const log = epochs(r.stdout, 5);
    expect(log).toHaveLength(5);
    expect(log[4]!.valid).toBeLessThan(VALID_MSE_BOUND + 2);
    expect(log[4]!.validMae).toBeLessThan(5);
  });

  it('rejects bad flags with a message naming them and no stack trace', () => {
    // The flag checks themselves are tested in cli.test.ts; these show the script uses them and exits cleanly.
    const cases: [string[], string][] = [
      [['--epochs', '0'], 'house-prices: --epochs must be a positive integer, got 0'],
      [['--batch-size=-3'], "house-prices: --batch-size must be 'full' or a positive integer, got -3"],
    ];
    for (const [args, message] of cases) {
      const r = runDemo(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
