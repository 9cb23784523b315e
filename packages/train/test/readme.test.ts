// The README's runnable examples (the TypeScript blocks that start with imports) run as written, with @nn/train
// mapped to this package's source, and print what the README says they print.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => code.startsWith('import'));
// Inside test/, so that bare imports resolve from this package as in a user's project.
const dir = mkdtempSync(join(here, '.readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(index: number): Promise<string[]> {
  const file = join(dir, `block${index}.ts`);
  writeFileSync(file, blocks[index]!.replaceAll("from '@nn/train'", `from '${join(here, '..', 'src', 'index.js')}'`));
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')); });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await import(file);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  return printed;
}

describe('README examples', () => {
  it('has the four runnable examples', () => {
    expect(blocks).toHaveLength(4);
  });
  it('quick start: the MLP learns the XOR classes', async () => {
    const [line] = await run(0);
    const accuracy = Number(/valid accuracy (\d\.\d+)/.exec(line!)![1]);
    expect(accuracy).toBeGreaterThan(0.9);
  });
  it('models: the functional logistic regression reaches accuracy 1', async () => {
    expect(await run(1)).toEqual(['1']);
  });
  it('metrics: precision and F1 as the comments say', async () => {
    const [p, f] = (await run(2)).map(Number);
    expect(p).toBeCloseTo(1 / 3, 6);
    expect(f).toBeCloseTo(0.4, 6);
  });
  it('search: prints a table and the best random configuration', async () => {
    const [table, best] = await run(3);
    expect(table!.split('\n')).toHaveLength(1 + 8);
    expect(table).toMatch(/^rank\s+lr\s+batchSize\s+hidden\s+l2\s+valid loss\s+epoch\s+seconds\n/);
    expect(best).toMatch(/^\{"lr":[\d.e-]+,"batchSize":(16|32),"hidden":(4|16),"l2":0\} [\d.e-]+$/);
  });
});
