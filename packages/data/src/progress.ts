// Progress of long reads and encodes: a count and a rate on one rewritten terminal line, silent off a TTY or on request.

/** Option accepted by every long-running reader and encoder. */
export interface ProgressOptions {
  /**
   * `false` silences progress, `true` shows it even when stderr is not a TTY (then only the final line is printed).
   * Default: shown only when stderr is a TTY.
   */
  progress?: boolean;
}

/** Where progress lines go; `process.stderr` unless a test passes its own. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Settings of one progress line. */
export interface ProgressSettings {
  /** Forces progress on (`true`) or off (`false`); by default it follows `stream.isTTY`. */
  enabled?: boolean;
  /** Expected final count; adds a percentage. */
  total?: number;
  /** What is counted, e.g. `"lines"` or `"docs"`. */
  unit?: string;
  /** Defaults to `process.stderr`. */
  stream?: ProgressStream;
  /** Smallest time between two redraws, in milliseconds (default 100). */
  intervalMs?: number;
}

/** A running counter; `tick` is cheap enough to call per item. */
export interface ProgressReporter {
  /** Adds `n` (default 1) to the count and redraws when the interval has passed. */
  tick(n?: number): void;
  /** Prints the final count and rate and ends the line; further calls do nothing. */
  done(): void;
  /** The count so far. */
  readonly count: number;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '-';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(perSecond >= 100 ? 0 : 1);
}

/** Starts a progress line labelled `label`. */
export function createProgress(label: string, settings: ProgressSettings = {}): ProgressReporter {
  const stream: ProgressStream = settings.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const enabled = settings.enabled ?? tty;
  const unit = settings.unit ?? 'items';
  const intervalMs = settings.intervalMs ?? 100;
  const start = performance.now();
  let last = start;
  let count = 0;
  let finished = false;

  const line = (now: number): string => {
    const seconds = (now - start) / 1000;
    const pct = settings.total !== undefined && settings.total > 0 ? ` ${((100 * count) / settings.total).toFixed(1)}%` : '';
    return `${label}: ${formatCount(count)} ${unit}${pct} (${formatRate(count / Math.max(seconds, 1e-9))} ${unit}/s, ${seconds.toFixed(1)} s)`;
  };

  return {
    get count() {
      return count;
    },
    tick(n = 1) {
      count += n;
      if (!enabled || !tty || finished) return;
      const now = performance.now();
      if (now - last < intervalMs) return;
      last = now;
      stream.write(`\r${line(now)}\x1b[K`);
    },
    done() {
      if (finished) return;
      finished = true;
      if (!enabled) return;
      stream.write(`${tty ? '\r' : ''}${line(performance.now())}${tty ? '\x1b[K' : ''}\n`);
    },
  };
}
