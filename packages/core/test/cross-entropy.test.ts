// crossEntropyFromLogits against PyTorch 1.13 fixtures (tools/fixtures/cross_entropy.py) on both backends, float64
// gradcheck, native vs TypeScript agreement at larger sizes, and the errors users hit (op and native binding).
import { assertAllClose, describeOnBackends, loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { setBackend } from '../src/backend/select.js';
import { nativeBackend, referenceBackend } from './helpers.js';

type Num = number | 'NaN';
interface Case {
  n: number; c: number; dtype: 'float32' | 'float64'; logits: number[]; view: 'T' | null; target: number[];
  weight: number[] | null; ignoreIndex: number; labelSmoothing: number; reduction: 'none' | 'mean' | 'sum';
  upstream: Num[]; output: Num[]; grad: Num[];
}

const fixture = loadJsonFixture<{ torch: string; cases: Case[] }>(new URL('./fixtures/cross-entropy.json', import.meta.url));
const num = (v: Num[]): number[] => v.map((x) => (x === 'NaN' ? NaN : x));
// float32: the loss sums rows in another order than PyTorch; float64: exact up to a few ulp of the largest term.
const TOL = { float32: { rtol: 1e-5, atol: 1e-8 }, float64: { rtol: 1e-12, atol: 1e-14 } };

function runCase(c: Case): void {
  const stored = nn.tensor(c.logits, { dtype: c.dtype, shape: c.view === 'T' ? [c.c, c.n] : [c.n, c.c], requiresGrad: true });
  const logits = c.view === 'T' ? stored.T : stored;
  const opts: nn.CrossEntropyOptions = { ignoreIndex: c.ignoreIndex, labelSmoothing: c.labelSmoothing, reduction: c.reduction };
  if (c.weight !== null) opts.weight = nn.tensor(c.weight, { dtype: c.dtype });
  const label = `cross_entropy N=${c.n} C=${c.c} ${c.dtype} ${JSON.stringify({ ...opts, weight: c.weight !== null })}${c.view ?? ''}`;
  const out = nn.crossEntropyFromLogits(logits, nn.tensor(c.target, { dtype: 'int32' }), opts);
  expect(out.shape, label).toEqual(c.reduction === 'none' ? [c.n] : []);
  expect(out.dtype, label).toBe(c.dtype);
  assertAllClose(Array.from(out.toFlatArray()), num(c.output), { ...TOL[c.dtype], label: `${label} output` });
  out.backward(nn.tensor(num(c.upstream), { dtype: c.dtype, shape: out.shape }));
  assertAllClose(Array.from(stored.grad!.toFlatArray()), num(c.grad), { ...TOL[c.dtype], label: `${label} grad` });
}

describeOnBackends({
  title: `crossEntropyFromLogits against PyTorch ${fixture.torch}`,
  cases: fixture.cases,
  group: (c) => `${c.dtype} C=${c.c}`,
  run: runCase,
  backends: ['native', 'reference'],
  useBackend: (name) => setBackend(name as 'native' | 'reference'),
  defaultBackend: 'native',
});

describe('crossEntropyFromLogits', () => {
  it('the fixtures cover every option the op has', () => {
    const cs = fixture.cases;
    expect(new Set(cs.map((c) => c.c))).toEqual(new Set([1, 3, 17, 1000]));
    expect(new Set(cs.map((c) => c.n))).toEqual(new Set([1, 5, 64]));
    expect(new Set(cs.map((c) => c.reduction))).toEqual(new Set(['none', 'mean', 'sum']));
    expect(cs.some((c) => c.output.includes('NaN'))).toBe(true);
    expect(cs.some((c) => c.target.every((t) => t === c.ignoreIndex))).toBe(true);
    expect(cs.some((c) => Math.max(...c.logits.map(Math.abs)) > 5000)).toBe(true);
  });

  it('passes gradcheck in float64 for every reduction with weights, ignored rows and label smoothing', () => {
    const g = new nn.Generator(31);
    const target = nn.tensor([2, -100, 0, 4, 1], { dtype: 'int32' });
    const weight = nn.rand([5], { generator: g, dtype: 'float64' }).add(0.5);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      for (const opts of [{}, { weight }, { labelSmoothing: 0.15 }, { weight, labelSmoothing: 0.3 }]) {
        const x = nn.randn([5, 5], { generator: g, dtype: 'float64' }).mul(3).requiresGrad_();
        expect(nn.gradcheck((l) => nn.crossEntropyFromLogits(l, target, { ...opts, reduction }), [x])).toBe(true);
      }
    }
  });

  it('gives the same float32 numbers on the native and the TypeScript backend at (64, 1000) and (512, 27)', () => {
    const g = new nn.Generator(5);
    for (const [n, c, scale] of [[64, 1000, 1], [512, 27, 3], [64, 1000, 1e4]] as const) {
      const x = nn.randn([n, c], { generator: g }).mul(scale);
      const t = nn.randint(0, c, [n], { generator: g });
      const target = nn.where(nn.lt(nn.rand([n], { generator: g }), 0.2), -100, t).to('int32');
      const weight = nn.rand([c], { generator: g }).add(0.1);
      const run = (): number[][] => {
        const xl = x.detach().requiresGrad_();
        const loss = nn.crossEntropyFromLogits(xl, target, { weight, labelSmoothing: 0.1 });
        loss.backward();
        return [Array.from(loss.toFlatArray()), Array.from(xl.grad!.toFlatArray())];
      };
      setBackend('reference');
      const ts = run();
      setBackend('native');
      const native = run();
      expect(Number.isFinite(native[0]![0])).toBe(true);
      assertAllClose(native[0]!, ts[0]!, { rtol: 1e-5, label: `loss (${n}, ${c}) x${scale}` });
      assertAllClose(native[1]!, ts[1]!, { rtol: 1e-5, atol: 1e-9, label: `grad (${n}, ${c}) x${scale}` });
    }
  });

  it('matches the unfused logSoftmax + gather composition', () => {
    const x = nn.randn([7, 11], { generator: new nn.Generator(2) }).requiresGrad_();
    const target = nn.tensor([0, 10, 3, 3, 5, 9, 1], { dtype: 'int32' });
    const fused = nn.crossEntropyFromLogits(x, target);
    fused.backward();
    const gFused = Array.from(x.grad!.toFlatArray());
    x.grad = null;
    const picked = nn.gather(nn.logSoftmax(x, 1), 1, nn.reshape(target, [7, 1]));
    const unfused = nn.neg(nn.mean(picked));
    unfused.backward();
    assertAllClose([fused.item()], [unfused.item()], { rtol: 1e-6 });
    assertAllClose(gFused, Array.from(x.grad!.toFlatArray()), { rtol: 1e-5, atol: 1e-7 });
  });

  it('keeps no graph when nothing requires grad and sends no gradient into the weight', () => {
    const w = nn.tensor([1, 2, 3], { requiresGrad: true });
    const x = nn.randn([2, 3], { generator: new nn.Generator(1) }).requiresGrad_();
    nn.crossEntropyFromLogits(x, nn.tensor([0, 2], { dtype: 'int32' }), { weight: w }).backward();
    expect(x.grad).not.toBeNull();
    expect(w.grad).toBeNull();
    const y = nn.crossEntropyFromLogits(nn.zeros([2, 3]), nn.tensor([0, 2], { dtype: 'int32' }));
    expect(y.requiresGrad).toBe(false);
  });
});

describe('crossEntropyFromLogits errors', () => {
  const x = nn.zeros([4, 5]);
  const t = nn.tensor([0, 1, 2, 3], { dtype: 'int32' });
  const ce = nn.crossEntropyFromLogits;
  it('names both shapes when target does not match the input', () => {
    expect(() => ce(x, nn.tensor([0, 1, 2], { dtype: 'int32' }))).toThrow(
      'crossEntropyFromLogits: target shape [3] does not match input shape [4, 5] (expected [4])',
    );
    expect(() => ce(x, nn.zeros([4, 1], { dtype: 'int32' }))).toThrow('target shape [4, 1] does not match input shape [4, 5]');
    expect(() => ce(nn.zeros([4]), t)).toThrow('crossEntropyFromLogits: input must be 2-D (N, C), got shape [4]');
    expect(() => ce(nn.zeros([4, 0]), t)).toThrow('input shape [4, 0] has no classes');
  });
  it('rejects wrong dtypes', () => {
    expect(() => ce(nn.zeros([4, 5], { dtype: 'int32' }), t)).toThrow('crossEntropyFromLogits: input (logits) must be float32 or float64, got int32');
    expect(() => ce(x, nn.zeros([4]))).toThrow('crossEntropyFromLogits: target must be an int32 tensor of class indices, got float32');
    expect(() => ce(x, t, { weight: nn.ones([5], { dtype: 'float64' }) })).toThrow(
      'crossEntropyFromLogits: weight dtype float64 does not match input dtype float32',
    );
  });
  it('names the class index, the number of classes and the position of a target out of range', () => {
    expect(() => ce(x, nn.tensor([0, 1, 5, 3], { dtype: 'int32' }))).toThrow(
      'crossEntropyFromLogits: target 5 at position 2 is out of range for 5 classes (ignoreIndex -100)',
    );
    expect(() => ce(x, nn.tensor([0, -1, 2, 3], { dtype: 'int32' }))).toThrow('target -1 at position 1 is out of range for 5 classes');
    // -100 is only special while it is the ignoreIndex.
    expect(() => ce(x, nn.tensor([0, -100, 2, 3], { dtype: 'int32' }), { ignoreIndex: 7 })).toThrow('target -100 at position 1');
  });
  it('rejects NaN and misshapen weights and bad options', () => {
    expect(() => ce(x, t, { weight: nn.tensor([1, 1, NaN, 1, 1]) })).toThrow('crossEntropyFromLogits: weight is NaN at class 2');
    expect(() => ce(x, t, { weight: nn.ones([4]) })).toThrow('crossEntropyFromLogits: weight shape [4] does not match the 5 classes');
    expect(() => ce(x, t, { labelSmoothing: 1.5 })).toThrow('crossEntropyFromLogits: labelSmoothing must be between 0 and 1, got 1.5');
    expect(() => ce(x, t, { labelSmoothing: NaN })).toThrow('labelSmoothing must be between 0 and 1, got NaN');
    expect(() => ce(x, t, { ignoreIndex: 0.5 })).toThrow('crossEntropyFromLogits: ignoreIndex must be an int32 integer, got 0.5');
    expect(() => ce(x, t, { reduction: 'avg' as 'mean' })).toThrow("crossEntropyFromLogits: reduction must be 'none', 'mean' or 'sum', got 'avg'");
  });
});

describe('crossEntropyForwardF32 / crossEntropyBackwardF32 native argument checks', () => {
  const b = nativeBackend();
  const x = new Float32Array(6), loss = new Float32Array(2), stats = new Float32Array(4), gl = new Float32Array(2), gx = new Float32Array(6);
  const t = new Int32Array([0, 2]);
  it('rejects a target out of range, naming it, the classes and the row', () => {
    expect(() => b.crossEntropyForwardF32(2, 3, x, new Int32Array([0, 3]), null, -100, 0, loss, stats)).toThrow(
      'crossEntropyForwardF32: target 3 at row 1 is out of range for 3 classes (ignoreIndex -100)',
    );
    expect(() => b.crossEntropyBackwardF32(2, 3, x, new Int32Array([-5, 0]), null, -100, 0, stats, gl, gx)).toThrow(
      'crossEntropyBackwardF32: target -5 at row 0 is out of range for 3 classes',
    );
  });
  it('checks every length against the sizes and rejects shared output memory', () => {
    expect(() => b.crossEntropyForwardF32(2, 4, x, t, null, -100, 0, loss, stats)).toThrow('crossEntropyForwardF32: x (length 6) is too short');
    expect(() => b.crossEntropyForwardF32(2, 3, x, t, new Float32Array(2), -100, 0, loss, stats)).toThrow('weight (length 2) is too short');
    expect(() => b.crossEntropyForwardF32(2, 3, x, t, null, -100, 0, loss, new Float32Array(3))).toThrow('stats (length 3) is too short');
    expect(() => b.crossEntropyBackwardF32(2, 3, x, t, null, -100, 0, stats, gl, new Float32Array(5))).toThrow('gradX (length 5) is too short');
    expect(() => b.crossEntropyForwardF32(2, 3, x, t, null, -100, 0, stats.subarray(0, 2), stats)).toThrow('must not share memory');
    expect(() => b.crossEntropyBackwardF32(2, 3, x, t, null, -100, 0, stats, gl, x.subarray(0))).not.toThrow();
    expect(() => b.crossEntropyForwardF32(2, 3, x, new Float32Array(2) as unknown as Int32Array, null, -100, 0, loss, stats)).toThrow(
      'crossEntropyForwardF32: target must be a Int32Array, got Float32Array',
    );
    expect(() => b.crossEntropyForwardF32(2, 3, x, t, null, 1.5, 0, loss, stats)).toThrow('ignoreIndex must be an int32 integer');
  });
  it('agrees with the TypeScript reference kernel on the stats it saves', () => {
    const xs = new Float32Array([1, 2, 3, -1e4, 0, 1e4]);
    const s1 = new Float32Array(4), s2 = new Float32Array(4), l1 = new Float32Array(2), l2 = new Float32Array(2);
    b.crossEntropyForwardF32(2, 3, xs, t, null, -100, 0.1, l1, s1);
    referenceBackend.crossEntropyForwardF32(2, 3, xs, t, null, -100, 0.1, l2, s2);
    assertAllClose(Array.from(s1), Array.from(s2), { rtol: 1e-6 });
    assertAllClose(Array.from(l1), Array.from(l2), { rtol: 1e-6 });
  });
});
