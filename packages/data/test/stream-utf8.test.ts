// The UTF-8 validator and chunk-boundary helper against the WHATWG decoder's verdicts.
import { describe, expect, it } from 'vitest';
import { decodeUtf8, incompleteTailLength, invalidUtf8Offset } from '../src/stream/utf8.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('invalidUtf8Offset', () => {
  it('accepts valid text of every sequence length', () => {
    const text = '\uFEFFa é € 😀 \u{10FFFF}';
    const encoded = new TextEncoder().encode(text);
    expect(invalidUtf8Offset(encoded)).toBe(-1);
    expect(decodeUtf8('readX', 'f.txt', encoded, 0, encoded.length, 0)).toBe(text);
  });

  it.each([
    ['a lone continuation byte', bytes(0x61, 0x80), 1],
    ['an overlong 2-byte form', bytes(0x61, 0xc0, 0xaf), 1],
    ['an overlong 3-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a UTF-16 surrogate', bytes(0x61, 0x62, 0xed, 0xa0, 0x80), 2],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a byte that never occurs', bytes(0x61, 0xff), 1],
    ['a lead byte followed by ASCII', bytes(0xc3, 0x41), 0],
    ['a truncated 4-byte sequence', bytes(0x61, 0xf0, 0x9f, 0x98), 1],
  ])('finds %s, as the fatal decoder rejects it', (_, input, offset) => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(input)).toThrow();
    expect(invalidUtf8Offset(input)).toBe(offset);
    expect(() => decodeUtf8('readX', 'f.txt', input, 0, input.length, 100)).toThrow(`readX: invalid UTF-8 in f.txt at byte offset ${100 + offset}`);
  });
});

describe('incompleteTailLength', () => {
  const euro = [0xe2, 0x82, 0xac];
  it('counts the bytes of a character cut by the end of a chunk', () => {
    expect(incompleteTailLength(bytes(0x61, ...euro), 0, 4)).toBe(0);
    expect(incompleteTailLength(bytes(0x61, ...euro), 0, 3)).toBe(2);
    expect(incompleteTailLength(bytes(0x61, ...euro), 0, 2)).toBe(1);
    expect(incompleteTailLength(bytes(0xf0, 0x9f, 0x98), 0, 3)).toBe(3);
  });

  it('leaves invalid bytes for the decoder to report', () => {
    expect(incompleteTailLength(bytes(0x61, 0xff), 0, 2)).toBe(0);
    expect(incompleteTailLength(bytes(0x80, 0x80, 0x80, 0x80), 0, 4)).toBe(0);
  });
});
