// Command-line flags of the examples: parsing with node:util parseArgs, checked values, and clean error exits.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A bad command line: printed as its message alone (no stack trace), with exit status 2. */
export class FlagError extends Error {
  override name = 'FlagError';
}

type StringOptions = Record<string, { type: 'string'; default: string; short?: string }>;

/**
 * Parses `process.argv` (or `args`) against string options with defaults, rejecting unknown flags and positional
 * arguments with a message that starts with the script's name. `--help` prints `usage` and exits.
 */
export function parseFlags<O extends StringOptions>(script: string, usage: string, options: O, args?: string[]): { [K in keyof O]: string } {
  const config: ParseArgsConfig = { options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false, ...(args ? { args } : {}) };
  let values: Record<string, unknown>;
  try {
    values = parseArgs(config).values;
  } catch (e) {
    throw new FlagError(`${script}: ${(e as Error).message}\n${usage}`);
  }
  if (values['help'] === true) {
    console.log(usage);
    process.exit(0);
  }
  return values as { [K in keyof O]: string };
}

/** Reads a flag as a number that passes `ok`; otherwise a FlagError `script: --flag must be <want>, got <raw>`. */
export function numberFlag(script: string, flag: string, raw: string, ok: (v: number) => boolean, want: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !ok(v)) throw new FlagError(`${script}: --${flag} must be ${want}, got ${raw}`);
  return v;
}

/** A positive integer flag. */
export const positiveInt = (script: string, flag: string, raw: string): number =>
  numberFlag(script, flag, raw, (v) => Number.isSafeInteger(v) && v >= 1, 'a positive integer');

/** A non-negative integer flag (seeds). */
export const nonNegativeInt = (script: string, flag: string, raw: string): number =>
  numberFlag(script, flag, raw, (v) => Number.isSafeInteger(v) && v >= 0, 'a non-negative integer');

/** A positive finite number flag (learning rates). */
export const positiveNumber = (script: string, flag: string, raw: string): number =>
  numberFlag(script, flag, raw, (v) => v > 0, 'a positive number');

/** A flag that must be one of `choices`. */
export function choiceFlag<C extends string>(script: string, flag: string, raw: string, choices: readonly C[]): C {
  if (!(choices as readonly string[]).includes(raw)) throw new FlagError(`${script}: --${flag} must be one of ${choices.join(', ')}, got ${raw}`);
  return raw as C;
}

/** Runs an example's main function: a FlagError prints its message and exits with status 2; other errors propagate. */
export function runMain(main: () => void): void {
  try {
    main();
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  }
}
