// The README's @nn/core example: the README shows this file, and its loss falls by an order of magnitude.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('examples/tensor-mlp', () => {
  it('is the code block the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../tensor-mlp.ts', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + source.slice(source.indexOf('\n') + 1) + '```');
  });

  it('trains: the loss at step 150 is below a tenth of the loss at step 0', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tensor-mlp.ts'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const losses = [...r.stdout.matchAll(/^step (\d+): loss ([\d.]+)$/gm)].map((m) => Number(m[2]));
    expect(losses).toHaveLength(4);
    expect(losses[3]!).toBeLessThan(losses[0]! / 10);
  });
});
