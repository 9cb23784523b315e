// Whole-process behaviour of backend selection: forced ISA paths, the one-time warning and NN_REQUIRE_NATIVE.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertAllClose } from '@nn/testing';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// Runs a small script against the built package in a fresh process with the given environment.
function runChild(entry: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import { backendInfo, sgemm, binaryOp } from ${JSON.stringify(entry)};
    const m = 67, n = 131, k = 300;
    const a = Float32Array.from({ length: k * m }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: n * k }, (_, i) => Math.cos(i * 0.7));
    const c = new Float32Array(m * n);
    sgemm({ m, n, k, a, b, c, transA: true, transB: true });
    const x = Float32Array.from({ length: 37 }, (_, i) => i / 3), y = Float32Array.from({ length: 37 }, (_, i) => 1 + i);
    const out = new Float32Array(37);
    binaryOp('div', x, y, out);
    backendInfo();
    console.log(JSON.stringify({ info: backendInfo(), c: Array.from(c), out: Array.from(out) }));
  `;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NN_')));
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...clean, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ChildResult { info: { backend: string; isa: string; isaNote: string; allocator?: string; cpu?: { avx2: boolean; fma: boolean; avx512f: boolean }; attempts: unknown[] }; c: number[]; out: number[] }
const parse = (stdout: string): ChildResult => JSON.parse(stdout) as ChildResult;

const builtEntry = join(packageDir, 'dist', 'index.js');

// A copy of the installed package (dist + package.json) with no build/ folder and an optional prebuilds/ folder.
function installedCopy(prebuild?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nn-core-copy-'));
  cpSync(join(packageDir, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(packageDir, 'node_modules'), join(dir, 'node_modules'));
  if (prebuild !== undefined) {
    mkdirSync(join(dir, 'prebuilds', `${process.platform}-${process.arch}`), { recursive: true });
    writeFileSync(join(dir, 'prebuilds', `${process.platform}-${process.arch}`, '@nn+core.node'), prebuild);
  }
  return dir;
}

describe('ISA dispatch at load', () => {
  it('NN_ISA=baseline and NN_ISA=avx2 match the default (best available) path', () => {
    const auto = runChild(builtEntry, {});
    const base = runChild(builtEntry, { NN_ISA: 'baseline' });
    expect(auto.status, auto.stderr).toBe(0);
    expect(base.status, base.stderr).toBe(0);
    const a = parse(auto.stdout), b = parse(base.stdout);
    expect(b.info.backend).toBe('native');
    expect(b.info.isa).toBe('baseline');
    const cpu = a.info.cpu!;
    expect(a.info.isa).toBe(process.arch === 'x64' ? (cpu.avx512f ? 'avx512' : cpu.avx2 && cpu.fma ? 'avx2-fma' : 'baseline') : 'neon');
    assertAllClose(b.c, a.c, { rtol: 1e-4, atol: 1e-4, label: 'sgemm baseline vs default ISA' });
    expect(b.out).toEqual(a.out);
    if (cpu.avx2 && cpu.fma) {
      const avx2 = runChild(builtEntry, { NN_ISA: 'avx2' });
      const c = parse(avx2.stdout);
      expect(c.info.isa).toBe('avx2-fma');
      assertAllClose(c.c, a.c, { rtol: 1e-4, atol: 1e-4, label: 'sgemm avx2 vs default ISA' });
    }
  });

  it('an unknown NN_ISA falls back to the best path and says why', () => {
    const r = runChild(builtEntry, { NN_ISA: 'sse9' });
    expect(r.status, r.stderr).toBe(0);
    const { info } = parse(r.stdout);
    expect(info.isaNote).toMatch(/^NN_ISA=sse9 is not available on this CPU or build \(choose auto, baseline.*\); using /);
  });
});

describe('allocator settings at load', () => {
  it('sets glibc malloc thresholds unless NN_MALLOC_TUNING=0, and says which', () => {
    const tuned = runChild(builtEntry, {}), left = runChild(builtEntry, { NN_MALLOC_TUNING: '0' });
    expect(tuned.status, tuned.stderr).toBe(0);
    expect(left.status, left.stderr).toBe(0);
    const glibc = process.platform === 'linux' && (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime !== undefined;
    expect(parse(tuned.stdout).info.allocator).toBe(glibc ? 'glibc: blocks up to 32 MiB from the heap, up to 256 MiB of freed heap kept' : 'not glibc');
    expect(parse(left.stdout).info.allocator).toBe('left as is (NN_MALLOC_TUNING=0)');
    expect(parse(left.stdout).c).toEqual(parse(tuned.stdout).c);
  });
});

describe('when no native binary loads', () => {
  it('falls back to TypeScript with exactly one warning listing every path tried', () => {
    const dir = installedCopy();
    const r = runChild(join(dir, 'dist', 'index.js'), { NN_NATIVE_PATH: join(dir, 'missing.node') });
    expect(r.status, r.stderr).toBe(0);
    const { info, c } = parse(r.stdout);
    expect(info.backend).toBe('reference');
    expect(info.isa).toBe('typescript');
    expect(r.stderr.match(/the native addon could not be loaded/g)).toHaveLength(1);
    expect(r.stderr).toContain(`1. NN_NATIVE_PATH ${join(dir, 'missing.node')}: file does not exist`);
    expect(r.stderr).toContain(`2. local build ${join(dir, 'build', 'Release')}: no local build`);
    expect(r.stderr).toContain(`3. prebuild ${join(dir, 'prebuilds', `${process.platform}-${process.arch}`)}: no prebuilds folder`);
    // The fallback computes the same product.
    const native = parse(runChild(builtEntry, {}).stdout);
    assertAllClose(c, native.c, { rtol: 1e-4, atol: 1e-4 });
  });

  it('with NN_REQUIRE_NATIVE=1 a corrupt binary is an error naming each path and why it failed', () => {
    const dir = installedCopy('corrupt, not a shared object');
    const r = runChild(join(dir, 'dist', 'index.js'), { NN_REQUIRE_NATIVE: '1' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('NativeLoadError: @nn/core: NN_REQUIRE_NATIVE is set but the native addon could not be loaded');
    expect(r.stderr).toContain(`1. local build ${join(dir, 'build', 'Release')}: no local build (folder does not exist)`);
    expect(r.stderr).toMatch(new RegExp(`2\\. prebuild ${join(dir, 'prebuilds').replace(/[.+]/g, '\\$&')}.*@nn\\+core\\.node: .*(invalid ELF header|file too short)`));
  });
});
