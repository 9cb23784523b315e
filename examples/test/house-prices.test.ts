// The house-prices demo end to end: it trains on the real data, the loss falls, and it lands on least squares.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));

function runDemo(args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'house-prices.ts', ...args], { cwd: examplesDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`house-prices exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const line = (out: string, prefix: string): string => out.split('\n').find((l) => l.startsWith(prefix)) ?? '';
const fit = (l: string): [number, number] => {
  const m = /price = (-?[\d.]+) \* rooms ([+-]) ([\d.]+)/.exec(l);
  if (m === null) throw new Error(`no fitted line in: ${l}`);
  return [Number(m[1]), Number(m[2] === '-' ? `-${m[3]}` : m[3])];
};

describe('examples/house-prices', () => {
  it('prints a falling loss per epoch on the native backend and converges to the least-squares line', () => {
    const out = runDemo(['--epochs', '40']);
    expect(out).toMatch(/404 train \/ 102 validation houses/);
    expect(out).toMatch(/backend: native \(/);
    const losses = out.split('\n').filter((l) => l.startsWith('epoch')).map((l) => Number(/train MSE\s+([\d.]+)/.exec(l)![1]));
    expect(losses).toHaveLength(40);
    expect(losses[39]!).toBeLessThan(losses[0]! / 10);
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThanOrEqual(losses[i - 1]! + 1e-3);
    const [slope, intercept] = fit(line(out, 'fitted:'));
    const [olsSlope, olsIntercept] = fit(line(out, 'least squares:'));
    expect(Math.abs(slope - olsSlope)).toBeLessThan(0.01);
    expect(Math.abs(intercept - olsIntercept)).toBeLessThan(0.05);
  });

  it('rejects a bad option with a message naming it', () => {
    expect(() => runDemo(['--epochs', '0'])).toThrow('house-prices: --epochs must be a positive integer, got 0');
  });
});
