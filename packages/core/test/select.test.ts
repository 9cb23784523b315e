// Switching backends at run time: both compute the same product, and bad names are rejected.
import { afterEach, describe, expect, it } from 'vitest';
import { backendInfo, setBackend } from '../src/backend/select.js';
import { sgemm } from '../src/kernels.js';

afterEach(() => setBackend('native'));

describe('setBackend', () => {
  it('moves every later op to the TypeScript backend and back to native', () => {
    const a = new Float32Array([1, 2, 3, 4, 5, 6]), b = new Float32Array([1, 0, 0, 1, 1, 1]);
    const product = (): number[] => { const c = new Float32Array(4); sgemm({ m: 2, n: 2, k: 3, a, b, c }); return Array.from(c); };
    setBackend('reference');
    expect(backendInfo()).toMatchObject({ backend: 'reference', isa: 'typescript', threads: 1 });
    const onReference = product();
    setBackend('native');
    expect(backendInfo().backend).toBe('native');
    expect(product()).toEqual(onReference);
    expect(onReference).toEqual([4, 5, 10, 11]);
  });

  it('rejects an unknown backend name', () => {
    expect(() => setBackend('gpu' as 'native')).toThrow("setBackend: unknown backend 'gpu' (expected 'native' or 'reference')");
  });
});
