// Progress of a training run: a bar per epoch rewritten in place on a terminal, one line per epoch elsewhere, or nothing.
import { formatNumber } from './sparkline.js';

/** Where progress goes: process.stderr unless a test passes its own. */
export interface ProgressStream {
  write(chunk: string): unknown;
  /** A terminal: the bar is rewritten in place. */
  isTTY?: boolean;
  /** Terminal width, to size the bar. */
  columns?: number;
}

/** 'bar': a live bar per epoch (terminals); 'epoch': one line per epoch (logs); 'none': silent. */
export type ProgressMode = 'bar' | 'epoch' | 'none';

/** Settings of a {@link ProgressPrinter}. */
export interface ProgressSettings {
  mode: ProgressMode;
  stream: ProgressStream;
  /** Milliseconds now (Date.now unless a test fixes time). */
  clock?: () => number;
  /** Smallest time between two redraws of the bar, in ms (default 100). */
  intervalMs?: number;
}

/** The mode for `progress`/`verbose` options: explicit, or a bar on a TTY and lines elsewhere. */
export function progressMode(progress: ProgressMode | undefined, verbose: 0 | 1 | 2 | undefined, stream: ProgressStream): ProgressMode {
  if (progress !== undefined) {
    if (!['bar', 'epoch', 'none'].includes(progress)) throw new RangeError(`fit: progress must be 'bar', 'epoch' or 'none', got '${String(progress)}'`);
    return progress;
  }
  if (verbose !== undefined) {
    if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new RangeError(`fit: verbose must be 0, 1 or 2, got ${String(verbose)}`);
    return verbose === 0 ? 'none' : verbose === 1 ? 'bar' : 'epoch';
  }
  return stream.isTTY === true ? 'bar' : 'epoch';
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  return m < 60 ? `${m}m${String(s).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Draws the progress of a run; the trainer calls epochBegin, batch after each batch, epochEnd, and message. */
export class ProgressPrinter {
  readonly mode: ProgressMode;
  private readonly stream: ProgressStream;
  private readonly clock: () => number;
  private readonly intervalMs: number;
  private epochStart = 0;
  private lastDraw = -Infinity;
  private label = '';
  private barShown = false;

  constructor(settings: ProgressSettings) {
    this.mode = settings.mode;
    this.stream = settings.stream;
    this.clock = settings.clock ?? Date.now;
    this.intervalMs = settings.intervalMs ?? 100;
  }

  /** Starts an epoch: `label` like 'epoch 3/10'. */
  epochBegin(label: string): void {
    this.label = label;
    this.epochStart = this.clock();
    this.lastDraw = -Infinity;
  }

  /** After a batch: `done` of `total` (undefined when the data does not announce its length), the running loss. */
  batch(done: number, total: number | undefined, loss: number): void {
    if (this.mode !== 'bar') return;
    const now = this.clock();
    if (now - this.lastDraw < this.intervalMs && done !== total) return;
    this.lastDraw = now;
    const elapsed = (now - this.epochStart) / 1000;
    const rate = elapsed > 0 ? done / elapsed : NaN;
    const count = total === undefined ? `${done} batches` : `${String(done).padStart(String(total).length)}/${total} batches`;
    const eta = total === undefined ? '' : `  ETA ${duration((total - done) / rate)}`;
    const tail = `  ${count}  ${Number.isFinite(rate) ? rate.toFixed(1) : '?'} batches/s${eta}  loss ${formatNumber(loss)}`;
    let bar = '';
    if (total !== undefined && total > 0) {
      const width = Math.max(10, Math.min(30, (this.stream.columns ?? 100) - this.label.length - tail.length - 4));
      const filled = Math.min(width, Math.round((done / total) * width));
      bar = ` [${'█'.repeat(filled)}${'·'.repeat(width - filled)}]`;
    }
    this.stream.write(`\r\x1b[2K${this.label}${bar}${tail}`);
    this.barShown = true;
  }

  /** Ends an epoch with its summary line (replacing the bar). */
  epochEnd(summary: string): void {
    if (this.mode === 'none') return;
    const seconds = (this.clock() - this.epochStart) / 1000;
    this.clearBar();
    this.stream.write(`${this.label}  ${summary}  ${duration(seconds)}\n`);
  }

  /** A line of its own (warnings, the closing sparklines). */
  message(text: string): void {
    if (this.mode === 'none') return;
    this.clearBar();
    this.stream.write(`${text}\n`);
  }

  private clearBar(): void {
    if (this.barShown) this.stream.write('\r\x1b[2K');
    this.barShown = false;
  }
}
