// embedding / indexSelect along dim 0 above the native row-kernel threshold against PyTorch 1.13
// (tools/fixtures/embedding.py) on both backends, both sides of the threshold, and the native argument checks.
import { assertAllClose, describeOnBackends, loadJsonFixture } from '@nn/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as nn from '../src/index.js';
import { getBackend, setBackend } from '../src/backend/select.js';
import { dispatch } from '../src/ops/dispatch.js';
import { nativeBackend } from './helpers.js';

interface Case {
  op: 'embedding' | 'indexSelect'; dtype: 'float32' | 'float64'; view: 'T' | null;
  table: number[]; storedShape: number[]; ids: number[]; idsShape: number[];
  upstream: number[]; output: number[]; outputShape: number[]; grad: number[];
}

const fixture = loadJsonFixture<{ torch: string; cases: Case[] }>(new URL('./fixtures/embedding.json', import.meta.url));
const TOL = { float32: { rtol: 1e-6, atol: 1e-6 }, float64: { rtol: 1e-12, atol: 1e-12 } };

function runCase(c: Case): void {
  const stored = nn.tensor(c.table, { dtype: c.dtype, shape: c.storedShape, requiresGrad: true });
  const table = c.view === 'T' ? stored.T : stored;
  const ids = nn.tensor(c.ids, { dtype: 'int32', shape: c.idsShape });
  // The native row kernels must be what runs here when the backend is native and the table is float32.
  const backend = getBackend();
  const gather = vi.spyOn(backend, 'embeddingGatherF32'), scatter = vi.spyOn(backend, 'embeddingScatterAddF32');
  try {
    const out = c.op === 'embedding' ? nn.embedding(ids, table) : nn.indexSelect(table, 0, ids);
    const label = `${c.op}([${c.storedShape}]${c.view ?? ''}, ids [${c.idsShape}]) ${c.dtype}`;
    expect(out.shape, label).toEqual(c.outputShape);
    assertAllClose(Array.from(out.toFlatArray()), c.output, { ...TOL[c.dtype], label: `${label} output` });
    out.backward(nn.tensor(c.upstream, { dtype: c.dtype, shape: c.outputShape }));
    assertAllClose(Array.from(stored.grad!.toFlatArray()), c.grad, { ...TOL[c.dtype], label: `${label} grad` });
    const f32 = c.dtype === 'float32';
    expect(gather.mock.calls.length, `${label} gather calls`).toBe(f32 && c.view === null ? 1 : 0);
    expect(scatter.mock.calls.length, `${label} scatter-add calls`).toBe(f32 ? 1 : 0);
  } finally {
    gather.mockRestore();
    scatter.mockRestore();
  }
}

describeOnBackends({
  title: `embedding / indexSelect rows against PyTorch ${fixture.torch}`,
  cases: fixture.cases,
  group: (c) => `${c.op} ${c.dtype}`,
  run: runCase,
  backends: ['native', 'reference'],
  useBackend: (name) => setBackend(name as 'native' | 'reference'),
  defaultBackend: 'native',
});

describe('embedding row kernels and the dispatch threshold', () => {
  const saved = { ...dispatch };
  afterEach(() => Object.assign(dispatch, saved));

  it('kernel and TypeScript loop agree bit for bit, forward and backward, with repeated and negative indices', () => {
    const g = new nn.Generator(9);
    const weight = nn.randn([37, 19], { generator: g });
    const ids = nn.randint(-37, 37, [200], { generator: g });
    const up = nn.randn([200, 19], { generator: g });
    const run = (): number[][] => {
      const w = weight.detach().requiresGrad_();
      const out = nn.indexSelect(w, 0, ids);
      out.backward(up);
      return [Array.from(out.toFlatArray()), Array.from(w.grad!.toFlatArray())];
    };
    dispatch.embeddingMin = 0;
    const kernel = run();
    dispatch.embeddingMin = Number.MAX_SAFE_INTEGER;
    const loop = run();
    expect(kernel).toEqual(loop);
  });

  it('writes every element of outputs too large for the zero-filled slabs, on every path', () => {
    const g = new nn.Generator(4);
    // Values that are never 0, so an element left unwritten in the uninitialized storage would show.
    for (const [dtype, shape, dim, transposed] of [
      ['float32', [300, 50], 0, false], ['float32', [300, 50], 0, true], ['float32', [50, 300], 1, false],
      ['float64', [300, 50], 0, false],
    ] as const) {
      const base = nn.randn(transposed ? [shape[1], shape[0]] : [...shape], { generator: g, dtype }).add(10);
      const x = transposed ? base.transpose(0, 1) : base;
      const ids = nn.randint(0, shape[dim], [400], { generator: g });
      const out = nn.indexSelect(x, dim, ids);
      const xs = x.toArray() as number[][], picked = Array.from(ids.toFlatArray());
      const want = dim === 0 ? picked.map((r) => xs[r]!) : xs.map((row) => picked.map((c) => row[c]!));
      expect(out.toArray(), `${dtype} ${shape.join('x')} dim ${dim}${transposed ? ' transposed' : ''}`).toEqual(want);
    }
  });

  it('stays in TypeScript below the threshold and goes native at it', () => {
    const backend = nativeBackend();
    const gather = vi.spyOn(backend, 'embeddingGatherF32');
    try {
      const w = nn.randn([10, 4], { generator: new nn.Generator(2) });
      const ids = nn.tensor([1, 2, 3], { dtype: 'int32' });
      dispatch.embeddingMin = 13;
      nn.embedding(ids, w);
      expect(gather).not.toHaveBeenCalled();
      dispatch.embeddingMin = 12;
      nn.embedding(ids, w);
      expect(gather).toHaveBeenCalledTimes(1);
    } finally {
      gather.mockRestore();
    }
  });

  it('reads a table that is a view at an offset', () => {
    dispatch.embeddingMin = 0;
    const big = nn.arange(0, 60).reshape([12, 5]);
    const table = nn.narrow(big, 0, 2, 8);
    const out = nn.embedding(nn.tensor([0, 7, 7], { dtype: 'int32' }), table);
    expect(out.toArray()).toEqual([[10, 11, 12, 13, 14], [45, 46, 47, 48, 49], [45, 46, 47, 48, 49]]);
  });
});

describe('embeddingGatherF32 / embeddingScatterAddF32 native argument checks', () => {
  const b = nativeBackend();
  const w = new Float32Array(15), out = new Float32Array(6);
  it('names an index out of range, its position and the number of rows', () => {
    expect(() => b.embeddingGatherF32(2, 5, 3, w, new Int32Array([0, 5]), out)).toThrow(
      'embeddingGatherF32: index 5 at position 1 is out of range for 5 rows',
    );
    expect(() => b.embeddingScatterAddF32(2, 5, 3, out, new Int32Array([-1, 0]), -1, w)).toThrow(
      'embeddingScatterAddF32: index -1 at position 0 is out of range for 5 rows',
    );
  });
  it('checks lengths, paddingIdx and shared memory', () => {
    expect(() => b.embeddingGatherF32(2, 6, 3, w, new Int32Array([0, 1]), out)).toThrow('embeddingGatherF32: weight (length 15) is too short');
    expect(() => b.embeddingGatherF32(3, 5, 3, w, new Int32Array([0, 1, 2]), out)).toThrow('out (length 6) is too short');
    expect(() => b.embeddingGatherF32(3, 5, 2, w, new Int32Array([0, 1]), out)).toThrow('index (length 2) is too short');
    expect(() => b.embeddingScatterAddF32(2, 5, 3, out, new Int32Array([0, 1]), 5, w)).toThrow(
      'embeddingScatterAddF32: paddingIdx must be -1 (none) or a row in [0, 5)',
    );
    expect(() => b.embeddingGatherF32(2, 3, 3, w, new Int32Array([0, 1]), w.subarray(6))).toThrow('out must not share memory with weight or index');
  });
  it('skips the padding row in the scatter-add and accumulates repeated rows', () => {
    const gw = new Float32Array(6);
    b.embeddingScatterAddF32(3, 3, 2, new Float32Array([1, 2, 3, 4, 5, 6]), new Int32Array([2, 0, 2]), 0, gw);
    expect(Array.from(gw)).toEqual([0, 0, 0, 0, 6, 8]);
  });
});
