// safetensors: reads PyTorch's file, writes byte-for-byte the file PyTorch verified, rejects malformed files, saves atomically.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJsonFixture } from '@nn/testing';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

const fixtures = new URL('./fixtures/', import.meta.url);
type Doc = Record<string, { dtype: string; shape: number[]; values: Array<number | boolean> }>;
const doc = loadJsonFixture<Doc>(new URL('safetensors.json', fixtures));

function fromDoc(): Record<string, core.Tensor> {
  const out: Record<string, core.Tensor> = {};
  for (const [name, { dtype, shape, values }] of Object.entries(doc)) {
    if (dtype === 'int64') continue;
    out[name] = core.tensor(values.map(Number), { dtype: dtype as core.DType, shape });
  }
  return out;
}

describe('safetensors interop with PyTorch', () => {
  it('loads the file PyTorch wrote: every dtype, shape and value, int64 as int32, metadata', () => {
    const { tensors, metadata } = core.loadSafetensors(new URL('written-by-torch.safetensors', fixtures).pathname);
    expect(metadata).toEqual({ format: 'pt' });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(doc).sort());
    for (const [name, want] of Object.entries(doc)) {
      const t = tensors[name]!;
      expect(t.shape, name).toEqual(want.shape);
      expect(t.dtype, name).toBe(want.dtype === 'int64' ? 'int32' : want.dtype);
      expect(Array.from(t.toFlatArray()), name).toEqual(want.values.map(Number));
    }
  });

  it('writes exactly the bytes that PyTorch was shown to read back (tools/fixtures/core_safetensors.py --verify)', () => {
    const bytes = core.serializeSafetensors(fromDoc(), { format: 'pt', source: '@nn/core' });
    expect(Buffer.from(bytes).equals(readFileSync(new URL('written-by-nn.safetensors', fixtures)))).toBe(true);
  });
});

describe('safetensors validation', () => {
  const good = Buffer.from(core.serializeSafetensors({ w: core.ones([2, 2]) }));
  const header = (json: string, data = Buffer.alloc(0)): Buffer => {
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
    return Buffer.concat([len, Buffer.from(json), data]);
  };
  const cases: Array<[string, Uint8Array, string]> = [
    ['too short', good.subarray(0, 5), 'file is 5 bytes, too short for the 8-byte header length'],
    ['truncated data', good.subarray(0, good.length - 4), 'ends at byte 16 of the data, but the data has 12 bytes: truncated?'],
    ['header past the end', header('{}').subarray(0, 9), 'header length 2 runs past the end of the file'],
    ['not JSON', header('{"w": '), 'header is not valid UTF-8 JSON'],
    ['unknown dtype', header('{"w":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}', Buffer.alloc(2)), 'tensor "w" has unsupported dtype "F16"'],
    ['size mismatch', header('{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', Buffer.alloc(4)), 'needs 8 bytes but data_offsets [0,4] give 4'],
    ['hole', header('{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', Buffer.alloc(8)), 'starts at byte 4, expected 0'],
    ['bad shape', header('{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', Buffer.alloc(4)), 'has an invalid shape [-1]'],
  ];
  it.each(cases)('rejects %s with a message naming the file', (_name, bytes, message) => {
    expect(() => core.parseSafetensors(bytes, 'model.safetensors')).toThrow(`loadSafetensors: model.safetensors: `);
    expect(() => core.parseSafetensors(bytes, 'model.safetensors')).toThrow(message);
  });
});

describe('saving', () => {
  it('replaces the file atomically and leaves no temporary files; a failed save names the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-st-'));
    const path = join(dir, 'model.safetensors');
    writeFileSync(path, 'old contents');
    core.saveSafetensors(path, { w: core.arange(4, undefined, 1, { dtype: 'float32' }) });
    expect(Array.from(core.loadSafetensors(path).tensors['w']!.toFlatArray())).toEqual([0, 1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
    expect(() => core.saveSafetensors(join(dir, 'missing', 'x.safetensors'), {})).toThrow(`saveSafetensors: cannot write ${join(dir, 'missing', 'x.safetensors')}`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('round-trips a module state dict (non-contiguous tensors are written in logical order)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-st-'));
    const a = new core.nn.Sequential(new core.nn.Linear(3, 4), new core.nn.Tanh(), new core.nn.Linear(4, 2));
    const b = new core.nn.Sequential(new core.nn.Linear(3, 4), new core.nn.Tanh(), new core.nn.Linear(4, 2));
    core.saveSafetensors(join(dir, 'm.safetensors'), { ...a.stateDict(), t: core.arange(6, undefined, 1, { dtype: 'float32' }).reshape([2, 3]).T });
    const { tensors } = core.loadSafetensors(join(dir, 'm.safetensors'));
    expect(tensors['t']!.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    const { t: _t, ...state } = tensors;
    b.loadStateDict(state);
    const x = core.randn([5, 3]);
    expect(Array.from(b.forward(x).toFlatArray())).toEqual(Array.from(a.forward(x).toFlatArray()));
  });
});
