// nn-lm export-arpa: the ARPA back-off file of a saved n-gram model, for KenLM, SRILM and other toolkits.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@nn/core';
import { parseCommand } from './args.js';
import { loadModelDirectory } from './model-dir.js';

export const EXPORT_ARPA_USAGE = `usage: nn-lm export-arpa MODEL_DIR OUT.arpa

Writes the n-gram model in MODEL_DIR as a standard ARPA file (\\data\\, \\1-grams: ... \\end\\), after checking that it
reads back. Character-level models list characters as words, with spaces written as U+2581.
`;

/** Runs `nn-lm export-arpa`; returns the exit status. */
export function exportArpaCommand(args: readonly string[]): number {
  const cmd = parseCommand('export-arpa', args, {}, { min: 2, max: 2, names: 'MODEL_DIR and OUT.arpa' });
  if (cmd.help) {
    process.stdout.write(EXPORT_ARPA_USAGE);
    return 0;
  }
  const [dir, outPath] = cmd.positionals as [string, string];
  // Loading parses and validates the whole file, so a damaged model is reported instead of copied.
  const loaded = loadModelDirectory('export-arpa', dir);
  if (loaded.kind !== 'ngram') throw new Error(`nn-lm export-arpa: ${dir} holds a neural model; only n-gram models have an ARPA form`);
  writeFileAtomic('nn-lm export-arpa', outPath, [readFileSync(loaded.arpaPath!, 'utf8')]);
  const model = loaded.model as { order: number; ngramCounts?: readonly number[] };
  process.stdout.write(`wrote ${outPath}: order ${model.order}, n-grams per order ${model.ngramCounts?.join(' / ') ?? 'n/a'}\n`);
  return 0;
}
