#!/usr/bin/env node
// nn-lm: train, evaluate and sample n-gram and neural language models from the command line.
import { UsageError } from './cli/args.js';
import { EVAL_USAGE, evalCommand } from './cli/evaluate.js';
import { EXPORT_ARPA_USAGE, exportArpaCommand } from './cli/export-arpa.js';
import { GENERATE_USAGE, generateCommand } from './cli/generate.js';
import { TRAIN_USAGE, trainCommand } from './cli/train.js';

const USAGE = `usage: nn-lm <command> [options]

Language models from text with one sentence (or one name) per line.

commands:
  train        train an n-gram or neural language model and save it to a directory
  eval         perplexity of a saved model on a file
  generate     sample sentences from a saved model
  export-arpa  write a saved n-gram model as an ARPA file

Run nn-lm <command> --help for the options of a command.

example:
  nn-lm train --model mlp --level char --steps 20000 --out names-model names.txt
  nn-lm generate names-model -n 5 --seed 1 --temperature 0.8
`;

const COMMANDS: Record<string, { run: (args: readonly string[]) => number; usage: string }> = {
  train: { run: trainCommand, usage: TRAIN_USAGE },
  eval: { run: evalCommand, usage: EVAL_USAGE },
  generate: { run: generateCommand, usage: GENERATE_USAGE },
  'export-arpa': { run: exportArpaCommand, usage: EXPORT_ARPA_USAGE },
};

/** Runs nn-lm with `args` (without node and the script) and returns the exit status: 0, 1 (failure) or 2 (usage). */
export function main(args: readonly string[]): number {
  const [name, ...rest] = args;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    process.stdout.write(topic?.usage ?? USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (command === undefined) {
      throw new UsageError(`nn-lm: unknown command ${JSON.stringify(name)}; the commands are ${Object.keys(COMMANDS).join(', ')}`);
    }
    return command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\nRun nn-lm ${command === undefined ? '' : `${name} `}--help for usage.\n`);
      return 2;
    }
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
