// The spam example end to end on SpamAssassin: logistic regression and the MLP reach their accuracy bounds on the
// held-out mails, per-epoch metrics and learning curves are written, runs repeat exactly, and bad flags are named.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const outRoot = mkdtempSync(join(tmpdir(), 'nn-spam-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

function runSpam(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--import', 'tsx', 'spam.ts', ...args], { cwd: examplesDir, encoding: 'utf8' });
}

function trained(args: string[]): string {
  const r = runSpam(args);
  if (r.status !== 0) throw new Error(`spam ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

interface Result { model: string; validAccuracy: number; validF1: number; testAccuracy: number; testPrecision: number; testRecall: number; testF1: number }
const results = (out: string): Result[] => [...out.matchAll(/^(lr|mlp)\s+valid accuracy ([\d.]+)\s+valid f1 ([\d.]+)\s+test accuracy ([\d.]+)\s+test precision ([\d.]+)\s+test recall ([\d.]+)\s+test f1 ([\d.]+)$/gm)]
  .map((m) => ({
    model: m[1]!, validAccuracy: Number(m[2]), validF1: Number(m[3]), testAccuracy: Number(m[4]),
    testPrecision: Number(m[5]), testRecall: Number(m[6]), testF1: Number(m[7]),
  }));
interface Epoch { loss: number; validLoss: number; validAccuracy: number; validRecall: number }
const epochs = (out: string): Epoch[] => out.split('\n').filter((l) => l.startsWith('epoch ')).map((l) => {
  const m = /loss ([\d.]+)\s+accuracy [\d.]+\s+precision [\d.]+\s+recall [\d.]+\s+f1 [\d.]+\s+valid loss ([\d.]+)\s+valid accuracy ([\d.]+)\s+valid precision [\d.]+\s+valid recall ([\d.]+)\s+valid f1 [\d.]+/.exec(l);
  if (m === null) throw new Error(`unreadable epoch line: ${l}`);
  return { loss: Number(m[1]), validLoss: Number(m[2]), validAccuracy: Number(m[3]), validRecall: Number(m[4]) };
});
const nonZerosPerMail = (out: string): number => Number(/(\d+) non-zeros per mail/.exec(out)![1]);

// 31% of the mails are spam: always answering ham scores 0.69 accuracy and F1 0.
describe('examples/spam', () => {
  it('logistic regression on a 2,000-word binary bag of words passes 95% validation accuracy after one epoch, repeatably', () => {
    const args = ['--model', 'lr', '--epochs', '1', '--vocab-size', '2000', '--out', join(outRoot, 'small')];
    const out = trained(args);
    expect(out).toMatch(/6046 mails \(1896 spam\); stratified split 4837 train \/ 605 valid \/ 604 test \(seed 0\)/);
    expect(out).toMatch(/features: binary bag of words of the mail bodies over 2000 tokens/);
    const [lr] = results(out);
    expect(lr!.model).toBe('lr');
    expect(lr!.validAccuracy).toBeGreaterThan(0.95);
    expect(lr!.testAccuracy).toBeGreaterThan(0.95);
    expect(lr!.testF1).toBeGreaterThan(0.9);
    expect(epochs(out)).toHaveLength(1);
    expect(out).toMatch(/test: accuracy [\d.]+ .*\(604 mails, 189 spam\)/);
    for (const file of ['loss.svg', 'accuracy.svg', 'precision.svg', 'recall.svg', 'f1.svg', 'report.html', 'history.json']) {
      expect(existsSync(join(outRoot, 'small', 'lr', file)), file).toBe(true);
    }
    // Seeded split, initialisation and shuffling: a second run prints the same numbers.
    expect(results(trained(args))).toEqual([lr]);
  });

  it('the MLP on the default 20,000-word vocabulary reaches 97% test accuracy in two epochs', () => {
    const out = trained(['--model', 'mlp', '--epochs', '2', '--out', join(outRoot, 'mlp')]);
    expect(out).toMatch(/features: binary bag of words of the mail bodies over 20000 tokens \(min count 2/);
    expect(out).toMatch(/one-hidden-layer MLP \(20000 -> 64 ReLU, dropout 0\.2 -> 1\), lr 0\.001, 2 epochs/);
    const log = epochs(out);
    expect(log).toHaveLength(2);
    expect(log[1]!.loss).toBeLessThan(log[0]!.loss);
    expect(log[1]!.validLoss).toBeLessThan(log[0]!.validLoss);
    const [mlp] = results(out);
    expect(mlp!.validAccuracy).toBeGreaterThan(0.98);
    expect(mlp!.testAccuracy).toBeGreaterThan(0.97);
    expect(mlp!.testF1).toBeGreaterThan(0.95);
    expect(out).toMatch(/^train loss [▁▂▃▄▅▆▇█]{2} /m);
    const history = JSON.parse(readFileSync(join(outRoot, 'mlp', 'mlp', 'history.json'), 'utf8')) as { valid: Record<string, number[]> };
    expect(history.valid['accuracy']!.at(-1)).toBeCloseTo(mlp!.validAccuracy, 4);
  });

  it('trains on TF-IDF features and on whole mails with their headers', () => {
    const tfidf = trained(['--model', 'mlp', '--hidden', '16', '--epochs', '2', '--vocab-size', '2000', '--features', 'tfidf', '--out', join(outRoot, 'tfidf')]);
    expect(tfidf).toMatch(/features: tfidf bag of words of the mail bodies over 2000 tokens/);
    const log = epochs(tfidf);
    expect(log[1]!.validLoss).toBeLessThan(log[0]!.validLoss);
    expect(results(tfidf)[0]!.validAccuracy).toBeGreaterThan(0.93);

    const full = trained(['--model', 'lr', '--epochs', '1', '--vocab-size', '2000', '--text', 'full', '--out', join(outRoot, 'full')]);
    expect(nonZerosPerMail(full)).toBeGreaterThan(nonZerosPerMail(tfidf));
    expect(results(full)[0]!.validAccuracy).toBeGreaterThan(0.95);
  });

  it('rejects bad flags before loading the corpus, naming the flag and the value', () => {
    // The flag checks themselves are tested in cli.test.ts; these show the script uses them and exits cleanly.
    const cases: [string[], string][] = [
      [['--model', 'svm'], 'spam: --model must be one of lr, mlp, both, got svm'],
      [['--features', 'counts'], 'spam: --features must be one of binary, tfidf, got counts'],
      [['--lr=-1'], "spam: --lr must be 'auto' or a positive number, got -1"],
      [['--vocab-size', '2'], 'spam: --vocab-size must be at least 3 (<pad>, <unk> and one word), got 2'],
    ];
    for (const [args, message] of cases) {
      const r = runSpam(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
