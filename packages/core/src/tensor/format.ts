// A readable rendering of a tensor in PyTorch's style: aligned values, summarised when large, dtype and grad noted.
import type { Tensor } from './tensor.js';

const EDGE = 3; // elements shown at each end of a summarised dimension
const SUMMARY_THRESHOLD = 1000;

function formatNumber(v: number, floating: boolean, sci: boolean): string {
  if (!floating) return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return sci ? v.toExponential(4) : v.toFixed(4);
}

/** `tensor([[1.0000, 2.0000], ...], dtype=float64, requiresGrad=true)` */
export function formatTensor(t: Tensor): string {
  const floating = t.dtype === 'float32' || t.dtype === 'float64';
  const flat = t.toFlatArray();
  let maxAbs = 0, minAbs = Infinity;
  for (const v of flat) {
    if (!Number.isFinite(v)) continue;
    maxAbs = Math.max(maxAbs, Math.abs(v));
    if (v !== 0) minAbs = Math.min(minAbs, Math.abs(v));
  }
  const sci = floating && (maxAbs >= 1e8 || (minAbs < 1e-4 && minAbs !== Infinity));
  const summarise = t.numel() > SUMMARY_THRESHOLD;
  const cells: string[] = [];
  const render = (dim: number, off: number): unknown => {
    if (dim === t.ndim) {
      const s = t.dtype === 'bool' ? (t.data[off] ? 'true' : 'false') : formatNumber(t.data[off]!, floating, sci);
      cells.push(s);
      return s;
    }
    const n = t.shape[dim]!;
    const idx = summarise && n > 2 * EDGE ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)] : [...Array(n).keys()];
    return idx.map((i) => (i < 0 ? '...' : render(dim + 1, off + i * t.strides[dim]!)));
  };
  const tree = render(0, t.offset);
  const width = Math.max(0, ...cells.map((c) => c.length));
  const indent = 'tensor('.length;
  const toText = (node: unknown, depth: number): string => {
    if (typeof node === 'string') return node === '...' ? '...' : node.padStart(width);
    const items = (node as unknown[]).map((c) => toText(c, depth + 1));
    const nested = Array.isArray((node as unknown[])[0]);
    const sep = nested ? `,${'\n'.repeat(t.ndim - depth - 1)}${' '.repeat(indent + depth + 1)}` : ', ';
    return `[${items.join(sep)}]`;
  };
  const extras: string[] = [];
  if (t.dtype !== 'float32') extras.push(`dtype=${t.dtype}`);
  if (t.gradFn !== null) extras.push(`gradFn=<${t.gradFn.name}Backward>`);
  else if (t.requiresGrad) extras.push('requiresGrad=true');
  if (t.numel() === 0) extras.unshift(`size=[${t.shape.join(', ')}]`);
  return `tensor(${toText(tree, 0)}${extras.length ? `, ${extras.join(', ')}` : ''})`;
}
