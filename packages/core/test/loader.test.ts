// The native loader: order of attempts, prebuild selection and a reason for every path that failed.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED_ABI_VERSION } from '../src/backend/native/binding.js';
import { formatAttempts, loadNativeBinding } from '../src/backend/native/loader.js';
import { backendInfo } from '../src/backend/select.js';

const fakePackage = (): string => mkdtempSync(join(tmpdir(), 'nn-loader-'));

describe('loadNativeBinding', () => {
  it('records all three places with a reason when nothing is there', () => {
    const dir = fakePackage();
    const result = loadNativeBinding({ packageDir: dir, envPath: join(dir, 'nope.node'), platform: 'linux', arch: 'x64' });
    expect(result.binding).toBeUndefined();
    expect(result.attempts).toEqual([
      { source: 'env', path: join(dir, 'nope.node'), error: 'file does not exist' },
      { source: 'local-build', path: join(dir, 'build', 'Release'), error: 'no local build (folder does not exist)' },
      { source: 'prebuild', path: join(dir, 'prebuilds', 'linux-x64'), error: 'no prebuilds folder in the package' },
    ]);
    expect(formatAttempts(result.attempts)).toContain(`1. NN_NATIVE_PATH ${join(dir, 'nope.node')}: file does not exist`);
  });

  it('reports a corrupt binary with the loader error and moves on to the next candidate', () => {
    const dir = fakePackage();
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    writeFileSync(join(dir, 'build', 'Release', 'nn.node'), 'not an ELF file');
    mkdirSync(join(dir, 'prebuilds', 'linux-x64'), { recursive: true });
    copyFileSync(backendInfo().binaryPath!, join(dir, 'prebuilds', 'linux-x64', '@nn+core.node'));
    const result = loadNativeBinding({ packageDir: dir, platform: 'linux', arch: 'x64' });
    expect(result.attempts[0]!.error).toMatch(/invalid ELF header|file too short/);
    expect(result.source).toBe('prebuild');
    expect(result.path).toBe(join(dir, 'prebuilds', 'linux-x64', '@nn+core.node'));
    expect(typeof result.binding?.sgemm).toBe('function');
  });

  it('picks the prebuild folder of the requested platform and arch only', () => {
    const dir = fakePackage();
    mkdirSync(join(dir, 'prebuilds', 'darwin-arm64'), { recursive: true });
    writeFileSync(join(dir, 'prebuilds', 'darwin-arm64', '@nn+core.node'), '');
    const result = loadNativeBinding({ packageDir: dir, platform: 'linux', arch: 'x64' });
    expect(result.attempts[1]).toEqual({ source: 'prebuild', path: join(dir, 'prebuilds', 'linux-x64'), error: 'no prebuild for linux-x64' });
  });

  it('rejects a stale or foreign module with the reason', () => {
    const dir = fakePackage();
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    writeFileSync(join(dir, 'build', 'Release', 'nn.node'), '');
    const stale = loadNativeBinding({ packageDir: dir, load: () => ({ abiVersion: 0 }) });
    expect(stale.attempts[0]!.error).toBe(`stale binary: abiVersion 0, expected ${EXPECTED_ABI_VERSION} (rebuild it)`);
    const foreign = loadNativeBinding({ packageDir: dir, load: () => ({ abiVersion: EXPECTED_ABI_VERSION, sgemm() {} }) });
    expect(foreign.attempts[0]!.error).toBe('not an @nn addon: it lacks dgemm()');
  });
});
