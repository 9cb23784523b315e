// The safetensors format: 8-byte little-endian header length, a JSON header, then raw little-endian tensor data.
// Saving is atomic (temporary file + rename); loading validates every field before touching data.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { copyAs } from '../ops/compute.js';
import { writeFileAtomic } from './atomic-write.js';
import { allocate, type DType } from '../tensor/dtype.js';
import { formatShape, numel } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';

/** Tensors by name, plus the free-form string metadata the format allows. */
export interface SafetensorsContent {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

const CODE: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };
const SIZE: Record<string, number> = { F32: 4, F64: 8, I32: 4, BOOL: 1, I64: 8, U8: 1 };
const MAX_HEADER = 100 * 1024 * 1024;

function checkEndianness(): void {
  if (endianness() !== 'LE') throw new Error('safetensors: only little-endian machines are supported');
}

/** The bytes of a safetensors file holding `tensors` (sorted by name) and `metadata`. */
export function serializeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  checkEndianness();
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') throw new TypeError(`saveSafetensors: metadata value of ${JSON.stringify(k)} must be a string, got ${typeof v}`);
    }
    header['__metadata__'] = metadata;
  }
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    const t = tensors[name];
    if (!(t instanceof Tensor)) throw new TypeError(`saveSafetensors: ${JSON.stringify(name)} is not a Tensor`);
    if (name === '__metadata__') throw new RangeError('saveSafetensors: "__metadata__" is reserved and cannot name a tensor');
    const data = copyAs(t, t.dtype).data;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    header[name] = { dtype: CODE[t.dtype], shape: [...t.shape], data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so the data starts 8-byte aligned, as the reference implementation does.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const head = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/** Writes a safetensors file atomically: a sibling temporary file is written, synced and renamed over `path`. */
export function saveSafetensors(path: string, tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): void {
  writeFileAtomic('saveSafetensors', path, serializeSafetensors(tensors, metadata));
}

interface Entry { dtype: string; shape: number[]; data_offsets: [number, number] }

/** Parses safetensors bytes; `source` names the file in errors. */
export function parseSafetensors(bytes: Uint8Array, source = 'buffer'): SafetensorsContent {
  checkEndianness();
  const fail = (msg: string): never => { throw new Error(`loadSafetensors: ${source}: ${msg}`); };
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, too short for the 8-byte header length`);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (n > MAX_HEADER) fail(`header length ${n} is larger than the ${MAX_HEADER}-byte limit`);
  if (8 + n > bytes.length) fail(`header length ${n} runs past the end of the file (${bytes.length} bytes): truncated?`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    fail(`header is not valid UTF-8 JSON: ${(e as Error).message}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const data = bytes.subarray(8 + n);
  const metadata: Record<string, string> = {};
  const entries: Array<[string, Entry]> = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null) fail('__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} must be a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const e = raw as Partial<Entry>;
    if (typeof e !== 'object' || e === null) fail(`entry ${JSON.stringify(name)} is not an object`);
    if (typeof e.dtype !== 'string' || SIZE[e.dtype] === undefined) fail(`tensor ${JSON.stringify(name)} has unsupported dtype ${JSON.stringify(e.dtype)} (supported: F32, F64, I32, I64, BOOL, U8)`);
    if (!Array.isArray(e.shape) || !e.shape.every((s) => Number.isSafeInteger(s) && s >= 0)) fail(`tensor ${JSON.stringify(name)} has an invalid shape ${JSON.stringify(e.shape)}`);
    const off = e.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((o) => Number.isSafeInteger(o) && o >= 0) || off[0]! > off[1]!) {
      fail(`tensor ${JSON.stringify(name)} has invalid data_offsets ${JSON.stringify(off)}`);
    }
    const expected = numel(e.shape!) * SIZE[e.dtype!]!;
    if (off![1]! - off![0]! !== expected) fail(`tensor ${JSON.stringify(name)} of dtype ${e.dtype} and shape ${formatShape(e.shape!)} needs ${expected} bytes but data_offsets ${JSON.stringify(off)} give ${off![1]! - off![0]!}`);
    if (off![1]! > data.length) fail(`tensor ${JSON.stringify(name)} ends at byte ${off![1]} of the data, but the data has ${data.length} bytes: truncated?`);
    entries.push([name, e as Entry]);
  }
  // The spec forbids holes and overlaps: sorted by offset, the tensors must tile the data exactly.
  const sorted = [...entries].sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
  let end = 0;
  for (const [name, e] of sorted) {
    if (e.data_offsets[0] !== end) fail(`tensor ${JSON.stringify(name)} starts at byte ${e.data_offsets[0]}, expected ${end} (overlapping or missing data)`);
    end = e.data_offsets[1];
  }
  if (end !== data.length) fail(`the tensors cover ${end} bytes but the data section has ${data.length}`);

  const tensors: Record<string, Tensor> = {};
  for (const [name, e] of entries) {
    const src = data.subarray(e.data_offsets[0], e.data_offsets[1]);
    tensors[name] = decode(name, e, src, fail);
  }
  return { tensors, metadata };
}

function decode(name: string, e: Entry, src: Uint8Array, fail: (m: string) => never): Tensor {
  // Copy into fresh aligned storage: the data section has no alignment guarantee (and a Buffer's slice is a view).
  const bytes = new Uint8Array(src.length);
  bytes.set(src);
  switch (e.dtype) {
    case 'F32': return new Tensor(new Float32Array(bytes.buffer), 'float32', e.shape);
    case 'F64': return new Tensor(new Float64Array(bytes.buffer), 'float64', e.shape);
    case 'I32': return new Tensor(new Int32Array(bytes.buffer), 'int32', e.shape);
    case 'BOOL': return new Tensor(new Uint8Array(bytes.buffer), 'bool', e.shape);
    case 'U8': return new Tensor(Int32Array.from(bytes), 'int32', e.shape);
    case 'I64': {
      // PyTorch writes int64 (e.g. BatchNorm's num_batches_tracked); values that fit become int32.
      const wide = new BigInt64Array(bytes.buffer);
      const out = allocate('int32', wide.length);
      for (let i = 0; i < wide.length; i++) {
        const v = wide[i]!;
        if (v > 2147483647n || v < -2147483648n) fail(`tensor ${JSON.stringify(name)} holds int64 value ${v} at ${i}, outside the int32 range`);
        out[i] = Number(v);
      }
      return new Tensor(out, 'int32', e.shape);
    }
    default: return fail(`tensor ${JSON.stringify(name)} has unsupported dtype ${e.dtype}`);
  }
}

/** Reads and validates a safetensors file. */
export function loadSafetensors(path: string): SafetensorsContent {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`loadSafetensors: cannot read ${path}: ${(e as Error).message}`);
  }
  return parseSafetensors(bytes, path);
}
