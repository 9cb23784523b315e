// The nn-lm command line, run as users run it (node dist/cli.js; build the package first) on tiny temporary corpora.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArpaModel, evaluate, generate, NgramModel } from '../src/index.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nn-lm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SENTENCES = [
  'the cat sat on the mat', 'the dog sat on the log', 'a cat ran after the dog', 'the dog ran after a cat',
  'a bird sat on the dog', 'the cat saw a bird', 'the bird saw the mat', 'a dog saw the cat on the mat',
];
const HELD_OUT = ['the cat sat on the log', 'a dog ran after the bird'];
const NAMES = [
  'emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia', 'harper', 'evelyn', 'abigail', 'emily', 'ella',
  'elizabeth', 'camila', 'luna', 'sofia', 'avery', 'mila', 'aria', 'scarlett', 'penelope', 'layla', 'chloe', 'victoria',
  'madison', 'eleanor', 'grace', 'nora', 'riley', 'zoey', 'hannah', 'hazel', 'lily', 'ellie', 'violet', 'lillian',
];
const path = (name: string): string => join(dir, name);

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @nn/lm first (pnpm --filter @nn/lm build)`);
  writeFileSync(path('words.txt'), `${SENTENCES.join('\n')}\n\n`);
  writeFileSync(path('held.txt'), `${HELD_OUT.join('\n')}\n`);
  writeFileSync(path('names.txt'), `${NAMES.join('\n')}\n`);
});

describe('nn-lm help and usage errors', () => {
  it('prints the commands with --help, and each command its options', () => {
    const top = run('--help');
    expect(top.status).toBe(0);
    for (const c of ['train', 'eval', 'generate', 'export-arpa']) expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const expectations: Record<string, RegExp[]> = {
      train: [/--model ngram\|mlp/, /--smoothing NAME/, /--init default\|scaled/, /--curves DIR/],
      eval: [/usage: nn-lm eval MODEL_DIR FILE/, /perplexity/],
      generate: [/--top-p P/, /--greedy/, /--seed N/, /--temperature T/],
      'export-arpa': [/usage: nn-lm export-arpa MODEL_DIR OUT.arpa/],
    };
    for (const [command, patterns] of Object.entries(expectations)) {
      const r = run(command, '--help');
      expect(r.status, command).toBe(0);
      for (const p of patterns) expect(r.stdout, command).toMatch(p);
      expect(run('help', command).stdout).toBe(r.stdout);
    }
  });

  it.each([
    [['frob'], /nn-lm: unknown command "frob"; the commands are train, eval, generate, export-arpa/],
    [['train', '--bogus', 'x', 'c.txt'], /nn-lm train: Unknown option '--bogus'/],
    [['train', 'c.txt'], /nn-lm train: --out DIR is required/],
    [['train', '--out', 'm'], /nn-lm train: expected one CORPUS file, got none/],
    [['train', '--order', '0', '--out', 'm', 'c.txt'], /nn-lm train: --order must be an integer >= 1, got "0"/],
    [['train', '--model', 'rnn', '--out', 'm', 'c.txt'], /nn-lm train: --model must be one of ngram, mlp, got "rnn"/],
    [['train', '--steps', '5', '--out', 'm', 'c.txt'], /nn-lm train: --steps does not apply to --model ngram/],
    [['train', '--model', 'mlp', '--smoothing', 'mle', '--out', 'm', 'c.txt'], /nn-lm train: --smoothing does not apply to --model mlp/],
    [['eval', 'model'], /nn-lm eval: expected MODEL_DIR and FILE, got "model"/],
    [['generate', 'model', '--top-p', '1.5'], /nn-lm generate: --top-p must be a number in \(0, 1\], got "1.5"/],
    [['generate', 'model', '--temperature', 'hot'], /nn-lm generate: --temperature must be a number in \(0, inf\), got "hot"/],
  ])('exits with status 2 on %j', (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Run nn-lm .*--help for usage/);
    expect(r.stdout).toBe('');
  });

  it('prints the usage and exits with status 2 without a command', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: nn-lm <command>/);
  });
});

describe('nn-lm with an n-gram model', () => {
  it('trains, evaluates as the library does, generates reproducibly and exports ARPA', () => {
    const train = run('train', '--order', '2', '--smoothing', 'witten-bell', '--out', path('ngram'), path('words.txt'));
    expect(train.status, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/trained a 2-gram model \(witten-bell\) on 8 sentences, 56 tokens, vocabulary 14/);
    const lm = new NgramModel({ order: 2, smoothing: 'witten-bell' }).fit(SENTENCES.map((s) => s.split(' ')));
    const expected = evaluate(lm, HELD_OUT.map((s) => s.split(' ')));
    const ev = run('eval', path('ngram'), path('held.txt'));
    expect(ev.status, ev.stderr).toBe(0);
    expect(ev.stdout).toContain(`sentences 2  tokens 14  nll ${expected.nll.toFixed(4)} nats/token`);
    expect(ev.stdout).toContain(`perplexity ${expected.perplexity.toFixed(3)}`);

    const gen = run('generate', path('ngram'), '-n', '4', '--seed', '5', '--temperature', '0.9');
    expect(gen.status, gen.stderr).toBe(0);
    const lines = gen.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const vocabulary = new Set(lm.vocabulary);
    for (const l of lines) for (const w of l.split(' ').filter((x) => x !== '')) expect(vocabulary.has(w), w).toBe(true);
    expect(run('generate', path('ngram'), '-n', '4', '--seed', '5', '--temperature', '0.9').stdout).toBe(gen.stdout);
    // Greedy decoding is the library's; after "dog" the most probable token is </s> (2 of its 6 occurrences end a sentence).
    const greedy = run('generate', path('ngram'), '-n', '2', '--greedy');
    expect(greedy.stdout).toBe(`${generate(lm, { greedy: true }).join(' ')}\n`.repeat(2));
    expect(run('generate', path('ngram'), '-n', '1', '--greedy', '--prompt', 'a dog').stdout).toBe('a dog\n');

    const exported = run('export-arpa', path('ngram'), path('out.arpa'));
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/wrote .*out.arpa: order 2, n-grams per order 15 \/ \d+/);
    const arpa = ArpaModel.read(path('out.arpa'));
    expect(arpa.logProb('sat', ['cat'])).toBeCloseTo(lm.logProb('sat', ['cat']), 5);
  });
});

describe('nn-lm with a neural model', () => {
  it('trains a character-level MLP with per-epoch losses, then evaluates and generates names', () => {
    const train = run('train', '--model', 'mlp', '--level', 'char', '--steps', '60', '--batch-size', '16', '--hidden', '32',
      '--context', '3', '--seed', '1', '--curves', path('curves'), '--out', path('mlp'), path('names.txt'));
    expect(train.status, train.stderr).toBe(0);
    expect(train.stderr).toMatch(/^training a neural model \(vocabulary \d+, context 3, embedding 10, hidden 32, init scaled, sgd lr 0.1\) on 33 sentences, validating on 3$/m);
    const epochs = train.stderr.split('\n').filter((l) => /^epoch \d+\/\d+ +loss [\d.]+ +valid loss [\d.]+/.test(l));
    expect(epochs.length).toBeGreaterThanOrEqual(3);
    expect(train.stdout).toMatch(/trained a neural model \(context 3, \d+ classes\) for 60 steps .*train loss [\d.]+, valid loss [\d.]+ \(nats\/token\); saved to/);
    expect(existsSync(path('mlp/config.json')) && existsSync(path('mlp/model.safetensors'))).toBe(true);
    expect(existsSync(path('curves/loss.svg'))).toBe(true);
    expect(JSON.parse(readFileSync(path('mlp/config.json'), 'utf8')).metadata).toEqual({ level: 'char', corpus: path('names.txt') });

    const ev = run('eval', path('mlp'), path('names.txt'));
    expect(ev.status, ev.stderr).toBe(0);
    const m = /sentences 36 {2}tokens (\d+) {2}nll ([\d.]+) nats\/token {2}cross-entropy ([\d.]+) bits\/token {2}perplexity ([\d.]+)/.exec(ev.stdout);
    expect(m, ev.stdout).not.toBeNull();
    expect(Number(m![1])).toBe(NAMES.join('').length + NAMES.length);
    expect(Number(m![3])).toBeCloseTo(Number(m![2]) / Math.LN2, 3);
    // 60 steps from the scaled init: below the uniform ln(V) but far from fitted.
    expect(Number(m![2])).toBeLessThan(Math.log(20));

    const gen = run('generate', path('mlp'), '-n', '5', '--seed', '3', '--top-k', '5', '--max-length', '12');
    expect(gen.status, gen.stderr).toBe(0);
    const names = gen.stdout.trimEnd().split('\n');
    expect(names).toHaveLength(5);
    for (const n of names) expect(n).toMatch(/^[a-z]{0,12}$/);
    expect(run('generate', path('mlp'), '-n', '5', '--seed', '3', '--top-k', '5', '--max-length', '12').stdout).toBe(gen.stdout);
    const prompted = run('generate', path('mlp'), '-n', '3', '--prompt', 'el', '--seed', '2');
    for (const n of prompted.stdout.trimEnd().split('\n')) expect(n.startsWith('el')).toBe(true);
  });

  it('fails with status 1 and the reason on a missing model or a neural model given to export-arpa', () => {
    const missing = run('eval', path('no-such-model'), path('held.txt'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nn-lm eval: .*no-such-model is not a model directory/);
    expect(existsSync(path('mlp'))).toBe(true);
    const arpa = run('export-arpa', path('mlp'), path('mlp.arpa'));
    expect(arpa.status).toBe(1);
    expect(arpa.stderr).toMatch(/nn-lm export-arpa: .*mlp holds a neural model; only n-gram models have an ARPA form/);
  });
});
