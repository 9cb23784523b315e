// nn-lm eval: the cross-entropy and perplexity of a saved model on a one-sentence-per-line file.
import { MLPLanguageModel } from '../neural/mlp.js';
import { evaluateLanguageModel } from '../neural/train.js';
import { evaluate } from '../scoring.js';
import { parseCommand } from './args.js';
import { loadModelDirectory } from './model-dir.js';
import { readCorpus } from './text.js';

export const EVAL_USAGE = `usage: nn-lm eval MODEL_DIR FILE

Scores every line of FILE (one sentence per line, tokenised as the model was trained) with the model in MODEL_DIR and
prints the tokens predicted (words or characters plus one end marker per sentence), the negative log-likelihood per
token in nats, the cross-entropy in bits per token and the perplexity.
`;

/** Runs `nn-lm eval`; returns the exit status. */
export function evalCommand(args: readonly string[]): number {
  const cmd = parseCommand('eval', args, {}, { min: 2, max: 2, names: 'MODEL_DIR and FILE' });
  if (cmd.help) {
    process.stdout.write(EVAL_USAGE);
    return 0;
  }
  const [dir, file] = cmd.positionals as [string, string];
  const loaded = loadModelDirectory('eval', dir);
  if (loaded.smoothing === 'stupid-backoff') throw new Error(`nn-lm eval: ${dir} uses stupid backoff, whose scores are not probabilities; perplexity is undefined`);
  const sentences = readCorpus('eval', file, loaded.level);
  const score = loaded.model instanceof MLPLanguageModel ? evaluateLanguageModel(loaded.model, sentences) : evaluate(loaded.model, sentences);
  process.stdout.write(`sentences ${score.sentences}  tokens ${score.tokens}  nll ${score.nll.toFixed(4)} nats/token  ` +
    `cross-entropy ${score.crossEntropy.toFixed(4)} bits/token  perplexity ${score.perplexity.toFixed(3)}\n`);
  return 0;
}
