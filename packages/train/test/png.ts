// A minimal PNG reader for screenshot checks: 8-bit RGB or RGBA, non-interlaced, all five row filters.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** Decoded pixels: `channels` bytes per pixel (3 or 4), row-major. */
export interface Image {
  width: number;
  height: number;
  channels: number;
  pixels: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reads a PNG file; throws for the formats it does not handle. */
export function readPng(path: string): Image {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8).toString('binary') !== '\x89PNG\r\n\x1a\n') throw new Error(`readPng: ${path} is not a PNG`);
  let at = 8, width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at), type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`readPng: unsupported depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 2 ? 3 : 4;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1, dst = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[dst + i - channels]! : 0;
      const b = y > 0 ? pixels[dst - stride + i]! : 0;
      const c = y > 0 && i >= channels ? pixels[dst - stride + i - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`readPng: bad filter ${filter} on row ${y}`);
      pixels[dst + i] = (raw[src + i]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}
