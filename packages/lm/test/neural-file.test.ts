// Neural language model files: a directory of config.json and model.safetensors that round-trips, and clear load errors.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSafetensors, saveSafetensors, tensor } from '@nn/core';
import { afterAll, describe, expect, it } from 'vitest';
import { languageModelVocabulary, loadMLPLanguageModel, MLPLanguageModel, saveMLPLanguageModel, type MLPModelFileConfig } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'nn-lm-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let serial = 0;
const freshDir = (): string => join(root, `m${serial++}`);

const corpus = ['the cat sat', 'the dog sat down', 'a cat ran'].map((l) => l.split(' '));
const build = (): MLPLanguageModel => new MLPLanguageModel({
  vocabulary: languageModelVocabulary(corpus), contextSize: 2, embeddingDim: 3, hiddenSize: 5, directConnections: true, init: 'scaled', seed: 9,
});
const saved = (): string => {
  const dir = freshDir();
  saveMLPLanguageModel(build(), dir, { metadata: { level: 'word' } });
  return dir;
};
const editConfig = (dir: string, edit: (c: Record<string, unknown>) => void): void => {
  const path = join(dir, 'config.json');
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(config);
  writeFileSync(path, JSON.stringify(config));
};

describe('saveMLPLanguageModel / loadMLPLanguageModel', () => {
  it('round-trips the weights, the configuration, the vocabulary and the metadata', () => {
    const model = build();
    const dir = freshDir();
    saveMLPLanguageModel(model, dir, { metadata: { level: 'word', corpus: 'x.txt' } });
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'model.safetensors']);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as MLPModelFileConfig;
    expect(config).toMatchObject({ format: 'nn-lm-mlp', version: 1, contextSize: 2, embeddingDim: 3, hiddenSize: 5, directConnections: true, init: 'scaled' });
    expect(config.vocabulary.tokens).toEqual(model.tokenVocabulary.tokens);
    expect(Object.keys(loadSafetensors(join(dir, 'model.safetensors')).tensors).sort())
      .toEqual(['direct.weight', 'embedding.weight', 'hidden.bias', 'hidden.weight', 'output.bias', 'output.weight']);
    const { model: back, metadata } = loadMLPLanguageModel(dir);
    expect(metadata).toEqual({ level: 'word', corpus: 'x.txt' });
    expect(back.vocabulary).toEqual(model.vocabulary);
    expect(back.directConnections).toBe(true);
    for (const [name, t] of Object.entries(model.stateDict())) expect(back.stateDict()[name]!.toFlatArray(), name).toEqual(t.toFlatArray());
    expect(back.distribution(['the', 'cat'])).toEqual(model.distribution(['the', 'cat']));
    // Saving again over the same directory replaces the files, leaving no temporary files behind.
    saveMLPLanguageModel(back, dir);
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'model.safetensors']);
    expect(loadMLPLanguageModel(dir).metadata).toEqual({});
  });

  it('names the directory or file that is missing or malformed', () => {
    expect(() => loadMLPLanguageModel(join(root, 'nowhere'))).toThrow(/loadMLPLanguageModel: .*nowhere is not a model directory \(expected config.json and model.safetensors in it\)/);
    const empty = freshDir();
    mkdirSync(empty);
    expect(() => loadMLPLanguageModel(empty)).toThrow(/loadMLPLanguageModel: cannot read .*config.json/);
    const noWeights = saved();
    rmSync(join(noWeights, 'model.safetensors'));
    expect(() => loadMLPLanguageModel(noWeights)).toThrow(/model.safetensors is missing \(the weights of the model in .*config.json\)/);
    const badJson = saved();
    writeFileSync(join(badJson, 'config.json'), '{"format": "nn-lm-mlp",');
    expect(() => loadMLPLanguageModel(badJson)).toThrow(/config.json is not valid JSON/);
  });

  it('checks every field of the config and the vocabulary', () => {
    const cases: Array<[string, (c: Record<string, unknown>) => void, RegExp]> = [
      ['format', (c) => { c['format'] = 'other'; }, /"format" must be "nn-lm-mlp", got "other"/],
      ['version', (c) => { c['version'] = 2; }, /unsupported "version" 2/],
      ['hiddenSize', (c) => { c['hiddenSize'] = 0; }, /"hiddenSize" must be a positive integer, got 0/],
      ['directConnections', (c) => { c['directConnections'] = 'yes'; }, /"directConnections" must be true or false, got "yes"/],
      ['init', (c) => { c['init'] = 'he'; }, /"init" must be "default" or "scaled", got "he"/],
      ['metadata', (c) => { c['metadata'] = { level: 3 }; }, /"metadata" must be an object of strings/],
      ['vocabulary', (c) => { (c['vocabulary'] as { tokens: string[] }).tokens[4] = 'the'; }, /config.json "vocabulary": not a valid vocabulary: "tokens"\[4\] "the" repeats/],
    ];
    for (const [field, edit, message] of cases) {
      const dir = saved();
      editConfig(dir, edit);
      expect(() => loadMLPLanguageModel(dir), field).toThrow(message);
    }
  });

  it('reports weights that do not match the config, naming each tensor and both shapes', () => {
    const hidden = saved();
    editConfig(hidden, (c) => { c['hiddenSize'] = 7; });
    expect(() => loadMLPLanguageModel(hidden)).toThrow(
      /model.safetensors does not match its config \(vocabulary \d+, contextSize 2, embeddingDim 3, hiddenSize 7, directConnections true\): tensor "hidden.weight" has shape \[5, 6\], the config needs \[7, 6\]/,
    );
    const direct = saved();
    editConfig(direct, (c) => { c['directConnections'] = false; });
    expect(() => loadMLPLanguageModel(direct)).toThrow(/unexpected tensor "direct.weight"/);
    const missing = saved();
    const { tensors } = loadSafetensors(join(missing, 'model.safetensors'));
    delete tensors['output.bias'];
    tensors['embedding.weight'] = tensor(new Float64Array(tensors['embedding.weight']!.numel()), { shape: tensors['embedding.weight']!.shape, dtype: 'float64' });
    saveSafetensors(join(missing, 'model.safetensors'), tensors);
    expect(() => loadMLPLanguageModel(missing)).toThrow(/tensor "embedding.weight" is float64, expected float32; .*tensor "output.bias" is missing/);
  });

  it('rejects metadata that is not strings', () => {
    expect(() => saveMLPLanguageModel(build(), freshDir(), { metadata: { steps: 3 as unknown as string } })).toThrow(/saveMLPLanguageModel: metadata values must be strings; "steps" is a number/);
  });
});
