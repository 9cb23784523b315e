// The README's training example: the code in the README is this file, and it fits the line it claims to.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));

describe('examples/fit-line', () => {
  it('is the code block the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../fit-line.ts', import.meta.url), 'utf8');
    const body = source.slice(source.indexOf('\n') + 1); // without the file's header line
    expect(readme).toContain('```ts\n' + body + '```');
  });

  it('recovers y = 3x + 2 on the native backend', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'fit-line.ts'], { cwd: examplesDir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^epoch 300: MSE \d\.\d\de-\d+$/m);
    expect(r.stdout).toContain('y = 3.000x + 2.000 on the native backend');
  });
});
