// Hyperparameter search: grid and random search over a user-defined space, each trial a short fit() run built by
// the user's build(config), reported as a table sorted by the validation metric.
import { Generator } from '@nn/core';
import type { FitOptions } from './options.js';
import { formatNumber } from './sparkline.js';
import { fit } from './trainer.js';

/** A value that can be searched: numbers, strings, booleans. */
export type ParamValue = number | string | boolean;

/** A continuous range for random search: uniform, log-uniform (learning rates, penalties), or integers. */
export interface ParamRange {
  kind: 'uniform' | 'logUniform' | 'intUniform';
  low: number;
  high: number;
}

/** A space: per hyperparameter, a list of values (grid or random choice) or a range (random search only). */
export type SearchSpace = Readonly<Record<string, readonly ParamValue[] | ParamRange>>;

/** One configuration: a value per hyperparameter. */
export type SearchConfig = Record<string, ParamValue>;

/** Uniform in [low, high). */
export const uniform = (low: number, high: number): ParamRange => range('uniform', low, high);
/** Log-uniform in [low, high): equally likely per decade (both > 0). */
export const logUniform = (low: number, high: number): ParamRange => range('logUniform', low, high);
/** An integer in [low, high], each equally likely. */
export const intUniform = (low: number, high: number): ParamRange => range('intUniform', low, high);

function range(kind: ParamRange['kind'], low: number, high: number): ParamRange {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(high > low)) throw new RangeError(`${kind}: need finite low < high, got ${low}, ${high}`);
  if (kind === 'logUniform' && !(low > 0)) throw new RangeError(`logUniform: low must be > 0, got ${low}`);
  if (kind === 'intUniform' && (!Number.isInteger(low) || !Number.isInteger(high))) throw new RangeError(`intUniform: low and high must be integers, got ${low}, ${high}`);
  return { kind, low, high };
}

/** Every combination of the listed values, the last hyperparameter varying fastest. */
export function gridConfigs(space: SearchSpace): SearchConfig[] {
  let configs: SearchConfig[] = [{}];
  for (const [name, spec] of Object.entries(space)) {
    if (!Array.isArray(spec)) throw new TypeError(`gridSearch: '${name}' is a range; a grid needs a list of values`);
    if (spec.length === 0) throw new RangeError(`gridSearch: '${name}' has no values`);
    configs = configs.flatMap((c) => (spec as readonly ParamValue[]).map((v) => ({ ...c, [name]: v })));
  }
  return configs;
}

/** `trials` configurations drawn from the space with a generator seeded by `seed`. */
export function randomConfigs(space: SearchSpace, trials: number, seed = 0): SearchConfig[] {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`randomSearch: trials must be a positive integer, got ${trials}`);
  const g = new Generator(seed);
  const out: SearchConfig[] = [];
  for (let t = 0; t < trials; t++) {
    const config: SearchConfig = {};
    for (const [name, spec] of Object.entries(space)) {
      if (Array.isArray(spec)) {
        if (spec.length === 0) throw new RangeError(`randomSearch: '${name}' has no values`);
        config[name] = (spec as readonly ParamValue[])[g.nextInt(0, spec.length)]!;
      } else {
        const r = spec as ParamRange;
        if (r.kind === 'uniform') config[name] = r.low + g.nextDouble() * (r.high - r.low);
        else if (r.kind === 'logUniform') config[name] = Math.exp(Math.log(r.low) + g.nextDouble() * (Math.log(r.high) - Math.log(r.low)));
        else config[name] = g.nextInt(r.low, r.high + 1);
      }
    }
    out.push(config);
  }
  return out;
}

/** Settings of a search. */
export interface SearchOptions {
  space: SearchSpace;
  /** The options of one trial's fit for a configuration (fresh model, optimizer and data each time). */
  build: (config: SearchConfig) => FitOptions;
  /** 'grid' (default): every combination; 'random': `trials` draws. */
  strategy?: 'grid' | 'random';
  /** Random search: configurations to try (default 10). */
  trials?: number;
  /** Random search: seed of the draws (default 0). */
  seed?: number;
  /** The metric that ranks trials (default 'loss'): its best epoch value on the validation data (train data without). */
  metric?: string;
  /** Whether larger is better (default: false for loss, mae, mse, perplexity; true otherwise). */
  higherIsBetter?: boolean;
}

/** One trial: its configuration, the ranking value, where it was reached, and how long the trial took. */
export interface TrialResult {
  config: SearchConfig;
  /** Best value of the metric over the trial's epochs (NaN if it never had one). */
  value: number;
  /** Epoch of that value (1-based). */
  bestEpoch: number;
  epochs: number;
  seconds: number;
}

/** The trials sorted best first, and the table as text. */
export interface SearchResult {
  metric: string;
  split: 'valid' | 'train';
  trials: TrialResult[];
  best: TrialResult;
  /** A fixed-width table of the trials, best first. */
  format(): string;
}

const LOWER_IS_BETTER = new Set(['loss', 'mae', 'mse', 'perplexity']);

/** Runs one fit per configuration of the space and ranks them by the best epoch value of the metric. */
export function search(options: SearchOptions): SearchResult {
  const metric = options.metric ?? 'loss';
  const higher = options.higherIsBetter ?? !LOWER_IS_BETTER.has(metric);
  const strategy = options.strategy ?? 'grid';
  if (strategy !== 'grid' && strategy !== 'random') throw new RangeError(`search: strategy must be 'grid' or 'random', got '${String(strategy)}'`);
  if (typeof options.build !== 'function') throw new TypeError('search: build must be a function config => fit options');
  const configs = strategy === 'grid' ? gridConfigs(options.space) : randomConfigs(options.space, options.trials ?? 10, options.seed ?? 0);
  let split: 'valid' | 'train' = 'valid';
  const trials = configs.map((config) => {
    const started = Date.now();
    const fitOptions = options.build(config);
    const history = fit({ progress: 'none', ...fitOptions });
    split = fitOptions.validData !== undefined ? 'valid' : 'train';
    const series = history.series(metric, split);
    if (series.length === 0) throw new RangeError(`search: the trials record no ${split} '${metric}' (metrics recorded: ${Object.keys(history.train).join(', ')})`);
    let bestEpoch = -1, value = NaN;
    series.forEach((v, i) => {
      if (Number.isNaN(v)) return;
      if (bestEpoch < 0 || (higher ? v > value : v < value)) { value = v; bestEpoch = i; }
    });
    return { config, value, bestEpoch: bestEpoch < 0 ? 0 : history.epochs[bestEpoch]!, epochs: history.epochs.length, seconds: (Date.now() - started) / 1000 };
  });
  const rank = (t: TrialResult): number => (Number.isNaN(t.value) ? Infinity : higher ? -t.value : t.value);
  trials.sort((a, b) => rank(a) - rank(b));
  return { metric, split, trials, best: trials[0]!, format: () => formatTable(trials, `${split} ${metric}`) };
}

function formatTable(trials: readonly TrialResult[], valueName: string): string {
  const keys = Object.keys(trials[0]?.config ?? {});
  const show = (v: ParamValue): string => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));
  const header = ['rank', ...keys, valueName, 'epoch', 'seconds'];
  const rows = trials.map((t, i) => [String(i + 1), ...keys.map((k) => show(t.config[k]!)), formatNumber(t.value), String(t.bestEpoch), t.seconds.toFixed(1)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((s, c) => s.padStart(widths[c]!)).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
