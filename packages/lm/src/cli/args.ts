// Command-line parsing of nn-lm: node:util parseArgs with strict flags, typed flag values, and usage errors (exit 2).
import { parseArgs } from 'node:util';

/** A bad command line: printed with a pointer to --help, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The flags of one command: each a string or a boolean switch. */
export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parsed flags and positional arguments of a command; `help` is set for `--help`. */
export interface ParsedCommand {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  help: boolean;
}

/** Parses `args` against `flags` (plus --help); unknown flags and wrong arities are UsageErrors naming the command. */
export function parseCommand(command: string, args: readonly string[], flags: FlagSpec, positionals: { min: number; max: number; names: string }): ParsedCommand {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: { ...flags, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (e) {
    throw new UsageError(`nn-lm ${command}: ${(e as Error).message}`);
  }
  const help = parsed.values['help'] === true;
  const n = parsed.positionals.length;
  if (!help && (n < positionals.min || n > positionals.max)) {
    const got = n === 0 ? 'none' : parsed.positionals.map((p) => JSON.stringify(p)).join(' ');
    throw new UsageError(`nn-lm ${command}: expected ${positionals.names}, got ${got}`);
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/** Typed access to a command's flag values, each check naming the flag and the value. */
export class Flags {
  constructor(private readonly command: string, private readonly values: Record<string, string | boolean | undefined>) {}

  private raw(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : undefined;
  }

  private bad(name: string, want: string, raw: string): never {
    throw new UsageError(`nn-lm ${this.command}: --${name} must be ${want}, got ${JSON.stringify(raw)}`);
  }

  /** Whether a flag was given at all. */
  has(name: string): boolean {
    return this.values[name] !== undefined;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  bool(name: string): boolean {
    return this.values[name] === true;
  }

  choice<C extends string>(name: string, choices: readonly C[], fallback: C): C {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (!(choices as readonly string[]).includes(raw)) this.bad(name, `one of ${choices.join(', ')}`, raw);
    return raw as C;
  }

  /** An integer >= `min`. */
  int(name: string, fallback: number, min = 1): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isSafeInteger(v) || v < min) this.bad(name, `an integer >= ${min}`, raw);
    return v;
  }

  optionalInt(name: string, min = 1): number | undefined {
    return this.has(name) ? this.int(name, 0, min) : undefined;
  }

  /** A finite number in (low, high] (or [low, high] with `inclusiveLow`). */
  number(name: string, fallback: number, low: number, high = Infinity, inclusiveLow = false): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    const ok = raw.trim() !== '' && Number.isFinite(v) && (inclusiveLow ? v >= low : v > low) && v <= high;
    if (!ok) this.bad(name, `a number in ${inclusiveLow ? '[' : '('}${low}, ${high === Infinity ? 'inf)' : `${high}]`}`, raw);
    return v;
  }

  optionalNumber(name: string, low: number, high = Infinity): number | undefined {
    return this.has(name) ? this.number(name, 0, low, high) : undefined;
  }
}
