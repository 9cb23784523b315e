#!/usr/bin/env node
// Runs every package's tests through turbo (dependency order, cached) and ends with one summary line for the workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Every workspace with tests: the packages and the examples.
const workspaces = [
  ...readdirSync(join(root, 'packages')).map((p) => join('packages', p)),
  'examples',
].filter((w) => existsSync(join(root, w, 'package.json')) && existsSync(join(root, w, 'test')));
const nameOf = (w) => JSON.parse(readFileSync(join(root, w, 'package.json'), 'utf8')).name;
const resultFile = (w) => join(root, w, '.test-results', 'vitest.json');

// Stale results must not count: turbo restores them from its cache only for tests it did not need to rerun.
for (const w of workspaces) rmSync(join(root, w, '.test-results'), { recursive: true, force: true });

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
// Type checks (strict TypeScript, tests included) run in the same turbo invocation as the tests.
const turbo = spawnSync(join(root, 'node_modules', '.bin', 'turbo'), ['run', 'typecheck', 'test', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });

let passed = 0, failed = 0, skipped = 0;
const lines = [];
for (const w of workspaces) {
  if (!existsSync(resultFile(w))) {
    lines.push(`  ${nameOf(w)}: no results (its tests did not run)`);
    failed++;
    continue;
  }
  const r = JSON.parse(readFileSync(resultFile(w), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  lines.push(`  ${nameOf(w)}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
console.log(`\nTest summary by workspace:\n${lines.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(turbo.status !== 0 || failed > 0 ? 1 : 0);
