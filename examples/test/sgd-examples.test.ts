// The online and minibatch SGD examples end to end on the Boston data: the validation MSE falls from its initial
// value to near the least-squares line's, the update counts are one per example or per batch, and bad flags are named.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));

function runScript(script: string, args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: examplesDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface Epoch { epoch: number; valid: number; updates: number }
const epochs = (out: string): Epoch[] => out.split('\n').filter((l) => l.startsWith('epoch')).map((l) => {
  const m = /^epoch\s+(\d+)\s+train MSE\s+[\d.]+\s+valid MSE\s+([\d.]+)(?:\s+\((\d+) updates\))?/.exec(l);
  if (m === null) throw new Error(`unreadable epoch line: ${l}`);
  return { epoch: Number(m[1]), valid: Number(m[2]), updates: Number(m[3] ?? 0) };
});
const slopeOf = (out: string, prefix: string): number => {
  const m = new RegExp(`^${prefix}\\s+price = (-?[\\d.]+) \\* rooms`, 'm').exec(out);
  if (m === null) throw new Error(`no '${prefix}' line in:\n${out}`);
  return Number(m[1]);
};

// The least-squares line on this split has validation MSE 37.8; the untrained model's is above 500.
const VALID_MSE_BOUND = 42;

describe('examples/sgd-online', () => {
  it('updates after every example and brings the validation MSE from its initial value to below the bound', () => {
    const out = runScript('sgd-online.ts', ['--epochs', '3', '--seed', '42']);
    const log = epochs(out);
    expect(log.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(log.slice(1).map((e) => e.updates)).toEqual([404, 808, 1212]);
    const initial = log[0]!.valid, final = log[3]!.valid;
    expect(initial).toBeGreaterThan(500);
    expect(final).toBeLessThan(VALID_MSE_BOUND);
    expect(final).toBeLessThan(initial / 10);
    expect(out).toMatch(new RegExp(`result: online SGD, 1212 updates, valid MSE ${initial.toFixed(3)} -> ${final.toFixed(3)}`));
    expect(Math.abs(slopeOf(out, 'fitted:') - slopeOf(out, 'least squares:'))).toBeLessThan(3);
  });

  it('rejects bad flags with a message naming the flag and the value', () => {
    expect(() => runScript('sgd-online.ts', ['--epochs', '1.5'])).toThrow('sgd-online: --epochs must be a positive integer, got 1.5');
    expect(() => runScript('sgd-online.ts', ['--lr', '0'])).toThrow('sgd-online: --lr must be a positive number, got 0');
    expect(() => runScript('sgd-online.ts', ['--batch-size', '8'])).toThrow('sgd-online: updates after every example, so --batch-size must be 1 (got 8)');
  });
});

describe('examples/sgd-minibatch', () => {
  it('makes one update per batch, lands near least squares, and compares with online SGD', () => {
    const out = runScript('sgd-minibatch.ts', ['--epochs', '5', '--batch-size', '32', '--momentum', '0.5', '--lr', '0.05']);
    const log = epochs(out);
    expect(log.slice(1).map((e) => e.updates)).toEqual([13, 26, 39, 52, 65]); // ceil(404 / 32) = 13 batches per epoch
    const initial = log[0]!.valid, final = log[5]!.valid;
    expect(final).toBeLessThan(VALID_MSE_BOUND);
    expect(final).toBeLessThan(initial / 10);
    expect(Math.abs(slopeOf(out, 'fitted:') - slopeOf(out, 'least squares:'))).toBeLessThan(1);
    // Online SGD at lr / batchSize = 0.05 / 32 takes 32 times as many updates to land as close.
    const online = /^online \(1\), lr 0\.001563\s+(\d+) updates\s+valid MSE\s+([\d.]+)/m.exec(out);
    expect(online?.[1]).toBe('2020');
    expect(Number(online![2])).toBeLessThan(VALID_MSE_BOUND);
    expect(out).toMatch(new RegExp(`result: minibatch SGD, 65 updates, valid MSE ${initial.toFixed(3)} -> ${final.toFixed(3)}; online 2020 updates`));
  });

  it('is reproducible for a seed', () => {
    const args = ['--epochs', '2', '--seed', '7', '--batch-size', '16'];
    expect(runScript('sgd-minibatch.ts', args)).toBe(runScript('sgd-minibatch.ts', args));
  });

  it('rejects bad flags with a message naming the flag and the value', () => {
    expect(() => runScript('sgd-minibatch.ts', ['--batch-size', '0'])).toThrow('sgd-minibatch: --batch-size must be a positive integer, got 0');
    expect(() => runScript('sgd-minibatch.ts', ['--momentum', '1'])).toThrow('sgd-minibatch: --momentum must be in [0, 1), got 1');
    expect(() => runScript('sgd-minibatch.ts', ['--seed', 'abc'])).toThrow('sgd-minibatch: --seed must be a non-negative integer, got abc');
    expect(() => runScript('sgd-minibatch.ts', ['--batch-size', '500'])).toThrow('trainSgd: --batch-size 500 exceeds the 404 training houses');
  });
});
