// The names language model example end to end: a short run on the @stdlib first-name lists learns, writes its learning
// curves and samples 10 names; --data reads a one-name-per-line file; bad flags exit with status 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const outRoot = mkdtempSync(join(tmpdir(), 'nn-names-lm-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

function runExample(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', 'names-lm.ts', ...args], { cwd: examplesDir, encoding: 'utf8' });
}

const losses = (out: string): { train: number; dev: number; test: number } => {
  const m = /train loss ([\d.]+) {2}dev loss ([\d.]+) {2}test loss ([\d.]+) \(nats per character\)/.exec(out);
  if (m === null) throw new Error(`no final losses in:\n${out}`);
  return { train: Number(m[1]), dev: Number(m[2]), test: Number(m[3]) };
};
const sampled = (out: string): string[] => {
  const m = /^10 names sampled with seed \d+: (.*)$/m.exec(out);
  if (m === null) throw new Error(`no sampled names in:\n${out}`);
  return m[1]!.split(', ');
};

// 3,000 steps from the scaled init reach a dev loss of 2.244 on these lists (seed 42); the uniform start is ln 28 = 3.33.
const DEV_BOUND = 2.32;

describe('examples/names-lm', () => {
  it('trains on the @stdlib first names, beats the dev-loss bound, writes curves and samples 10 names', () => {
    const out = join(outRoot, 'stdlib');
    const r = runExample(['--steps', '3000', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^@nn names-lm: 8422 names from @stdlib first-name lists: 6738 train \/ 842 dev \/ 842 test$/m);
    expect(r.stdout).toMatch(/context 3, embedding 10, 200 tanh units, \d+ classes, init scaled; SGD lr 0.1 then 0.01, batch 32, 3000 steps/);
    const epochLines = r.stdout.split('\n').filter((l) => /^epoch \d+\/\d+ +loss [\d.]+ +valid loss [\d.]+/.test(l));
    expect(epochLines.length).toBeGreaterThanOrEqual(2);
    const { train, dev, test } = losses(r.stdout);
    expect(dev).toBeLessThan(DEV_BOUND);
    expect(test).toBeLessThan(DEV_BOUND + 0.05);
    expect(train).toBeLessThan(dev + 0.1);
    const names = sampled(r.stdout);
    expect(names).toHaveLength(10);
    for (const n of names) expect(n).toMatch(/^[a-z' -]{0,30}$/);
    expect(new Set(names).size).toBeGreaterThan(5);
    for (const file of ['loss.svg', 'report.html', 'history.json']) expect(existsSync(join(out, file)), file).toBe(true);
  }, 120_000);

  it('reads --data, writes no curves with --out=, and gives the same names for the same seed', () => {
    const data = join(outRoot, 'names.txt');
    writeFileSync(data, ['Anna', 'bella', 'cara', 'dana', 'ella', 'fiona', 'gina', 'hanna', 'ida', 'jana'].join('\n'));
    const args = ['--data', data, '--steps', '200', '--batch-size', '8', '--hidden', '16', '--seed', '3', '--out='];
    const a = runExample(args), b = runExample(args);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toMatch(new RegExp(`10 names from ${data.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 8 train / 1 dev / 1 test`));
    expect(sampled(a.stdout)).toEqual(sampled(b.stdout));
    expect(a.stdout).not.toContain('learning curves:');
    expect(losses(a.stdout).train).toBeLessThan(Math.log(12));
  }, 60_000);

  it('rejects bad flags with status 2', () => {
    const r = runExample(['--init', 'xavier']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/names-lm: --init must be one of scaled, default, got xavier/);
    expect(runExample(['--steps', '0']).stderr).toMatch(/names-lm: --steps must be a positive integer, got 0/);
  });
});
