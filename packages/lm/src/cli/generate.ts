// nn-lm generate: sentences sampled from a saved model, greedy or with temperature, top-k and top-p, from a seed.
import { Generator } from '@nn/core';
import { generate } from '../generation.js';
import { Flags, parseCommand } from './args.js';
import { loadModelDirectory } from './model-dir.js';
import { detokenize, tokenizeLine } from './text.js';

export const GENERATE_USAGE = `usage: nn-lm generate MODEL_DIR [options]

Writes sentences from the model in MODEL_DIR, one per line, each ending at </s> or the length limit.

  -n, --count N        sentences to write (default 10)
  --prompt TEXT        text every sentence starts with (included in the output)
  --seed N             seed of the sampling (default 0)
  --temperature T      < 1 sharpens, > 1 flattens the distribution (default 1)
  --top-k K            sample among the K most probable tokens
  --top-p P            sample among the most probable tokens whose probability reaches P, in (0, 1]
  --greedy             always take the most probable token (every sentence is then the same)
  --max-length N       most tokens per sentence (default 100)
`;

/** Runs `nn-lm generate`; returns the exit status. */
export function generateCommand(args: readonly string[]): number {
  const cmd = parseCommand('generate', args, {
    count: { type: 'string', short: 'n' }, prompt: { type: 'string' }, seed: { type: 'string' }, temperature: { type: 'string' },
    'top-k': { type: 'string' }, 'top-p': { type: 'string' }, greedy: { type: 'boolean' }, 'max-length': { type: 'string' },
  }, { min: 1, max: 1, names: 'one MODEL_DIR' });
  if (cmd.help) {
    process.stdout.write(GENERATE_USAGE);
    return 0;
  }
  const flags = new Flags('generate', cmd.values);
  const count = flags.int('count', 10);
  const generator = new Generator(flags.int('seed', 0, 0));
  const temperature = flags.number('temperature', 1, 0);
  const topK = flags.optionalInt('top-k');
  const topP = flags.optionalNumber('top-p', 0, 1);
  const maxLength = flags.int('max-length', 100, 0);
  const greedy = flags.bool('greedy');
  const loaded = loadModelDirectory('generate', cmd.positionals[0]!);
  const prompt = tokenizeLine(flags.string('prompt', ''), loaded.level);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const tokens = generate(loaded.model, {
      prompt, maxLength, greedy, temperature, generator,
      ...(topK === undefined ? {} : { topK }), ...(topP === undefined ? {} : { topP }),
    });
    lines.push(detokenize([...prompt, ...tokens], loaded.level));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
