// The Bengio MLP on makemore's names.txt (32,033 names), shortened: a few thousand steps of the published recipe
// (context 3, embedding 10, 200 tanh units, batch 32, SGD 0.1 then 0.01). Skipped when the file is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArrayDataset, randomSplit, readNames } from '@nn/data';
import { describe, expect, it } from 'vitest';
import { evaluateLanguageModel, languageModelVocabulary, MLPLanguageModel, trainLanguageModel } from '../src/index.js';

const NAMES = fileURLToPath(new URL('../../../../shared/data/names.txt', import.meta.url));
const STEPS = 5000;
// Measured dev losses after 5,000 steps (seed 42): 2.258 with the scaled init, 2.305 with the layer defaults (3.30
// before training). The published full 200,000-step runs reach 2.17 (plain) and 2.10 (scaled init).
const DEV_BOUND = { scaled: 2.3, default: 2.35 };

describe.skipIf(!existsSync(NAMES))('MLPLanguageModel on names.txt', () => {
  const names = existsSync(NAMES) ? readNames(NAMES).map((n) => [...n]) : [];
  const [trainSet, devSet] = randomSplit(new ArrayDataset(names), [0.8, 0.1, 0.1], { seed: 42 });
  const pick = (s: typeof trainSet): string[][] => s!.indices.map((i) => names[i]!);

  it.each(['scaled', 'default'] as const)('beats the bound on the dev set after a short run (init %s)', (init) => {
    expect(names).toHaveLength(32033);
    const vocabulary = languageModelVocabulary(names, { unknown: false });
    expect(vocabulary.size).toBe(28); // a-z, </s> and <s> (context only): 27 classes
    const model = new MLPLanguageModel({ vocabulary, contextSize: 3, embeddingDim: 10, hiddenSize: 200, init, seed: 42 });
    const dev = pick(devSet);
    const start = evaluateLanguageModel(model, dev).nll;
    const history = trainLanguageModel(model, { train: pick(trainSet), valid: dev, steps: STEPS, seed: 42, fit: { progress: 'none' } });
    const end = evaluateLanguageModel(model, dev).nll;
    expect(history.valid['loss']!.at(-1)).toBeCloseTo(end, 4);
    if (init === 'scaled') expect(Math.abs(start - Math.log(27))).toBeLessThan(0.02);
    console.log(`names.txt, ${STEPS} steps, init ${init}: dev loss ${start.toFixed(4)} -> ${end.toFixed(4)}`);
    expect(end).toBeLessThan(DEV_BOUND[init]);
  }, 120_000);
});
