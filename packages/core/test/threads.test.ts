// The native thread pool: thread count control, identical results for any count, and safe use from worker threads.
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { randomFloat32, seededRandom } from '@nn/testing';
import { backendInfo, setNumThreads } from '../src/backend/select.js';
import { sgemm } from '../src/kernels.js';

const hardware = backendInfo().threads;
afterAll(() => setNumThreads(hardware));

function product(m: number, n: number, k: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  const a = randomFloat32(m * k, rng), b = randomFloat32(k * n, rng), c = new Float32Array(m * n);
  sgemm({ m, n, k, a, b, c });
  return c;
}

describe('threads', () => {
  it('setNumThreads changes backendInfo().threads and rejects bad counts', () => {
    setNumThreads(3);
    expect(backendInfo().threads).toBe(3);
    setNumThreads(1);
    expect(backendInfo().threads).toBe(1);
    expect(() => setNumThreads(0)).toThrow('setNumThreads: n must be a positive integer, got 0');
  });

  it('gives bit-identical GEMM results on 1, 2 and 3 threads (each tile is summed in the same order)', () => {
    const results = [1, 2, 3].map((t) => {
      setNumThreads(t);
      return Array.from(product(300, 517, 611, 4));
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('stays correct when Node worker threads call GEMM at the same time as the main thread', async () => {
    setNumThreads(2);
    const expected = Array.from(product(257, 263, 300, 9));
    const entry = new URL('../dist/index.js', import.meta.url).href;
    const source = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(entry)}).then(({ sgemm }) => {
        let s = 9 >>> 0;
        const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
        const a = Float32Array.from({ length: 257 * 300 }, () => -1 + 2 * rnd());
        const b = Float32Array.from({ length: 300 * 263 }, () => -1 + 2 * rnd());
        let c;
        for (let i = 0; i < 20; i++) { c = new Float32Array(257 * 263); sgemm({ m: 257, n: 263, k: 300, a, b, c }); }
        parentPort.postMessage(Array.from(c));
      });`;
    const workers = [0, 1].map(() => new Worker(source, { eval: true }));
    const results = workers.map((w) => new Promise<number[]>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); }));
    for (let i = 0; i < 20; i++) expect(Array.from(product(257, 263, 300, 9))).toEqual(expected);
    for (const r of await Promise.all(results)) expect(r).toEqual(expected);
    await Promise.all(workers.map((w) => w.terminate()));
  });
});
