// Neural language model files: a directory with config.json (shape, init, vocabulary, metadata) and model.safetensors.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadSafetensors, saveSafetensors, writeFileAtomic, type Tensor } from '@nn/core';
import { Vocabulary, type VocabularyJSON } from '@nn/data';
import { MLPLanguageModel, type MLPInit } from './mlp.js';

/** File of the configuration inside a model directory. */
export const MODEL_CONFIG_FILE = 'config.json';
/** File of the weights inside a model directory. */
export const MODEL_WEIGHTS_FILE = 'model.safetensors';

/** The JSON form of config.json. */
export interface MLPModelFileConfig {
  format: 'nn-lm-mlp';
  version: 1;
  contextSize: number;
  embeddingDim: number;
  hiddenSize: number;
  directConnections: boolean;
  init: MLPInit;
  vocabulary: VocabularyJSON;
  /** Free-form strings saved with the model (how its text was tokenised, what it was trained on). */
  metadata: Record<string, string>;
}

/** A model read by {@link loadMLPLanguageModel} and the metadata saved with it. */
export interface LoadedMLPLanguageModel {
  model: MLPLanguageModel;
  metadata: Record<string, string>;
}

/**
 * Saves `model` into directory `dir` (created if needed): the weights as model.safetensors (readable by PyTorch's
 * safetensors) and config.json. Each file is written atomically (a temporary file renamed into place), weights first.
 */
export function saveMLPLanguageModel(model: MLPLanguageModel, dir: string, options: { metadata?: Record<string, string> } = {}): void {
  const fn = 'saveMLPLanguageModel';
  if (!(model instanceof MLPLanguageModel)) throw new TypeError(`${fn}: expected an MLPLanguageModel`);
  const metadata = options.metadata ?? {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string') throw new TypeError(`${fn}: metadata values must be strings; ${JSON.stringify(k)} is a ${typeof v}`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(`${fn}: cannot create the directory ${dir}: ${(e as Error).message}`);
  }
  saveSafetensors(join(dir, MODEL_WEIGHTS_FILE), model.stateDict(), { format: 'pt' });
  const config: MLPModelFileConfig = {
    format: 'nn-lm-mlp', version: 1,
    contextSize: model.contextSize, embeddingDim: model.embeddingDim, hiddenSize: model.hiddenSize,
    directConnections: model.directConnections, init: model.init,
    vocabulary: model.tokenVocabulary.toJSON(), metadata: { ...metadata },
  };
  writeFileAtomic(fn, join(dir, MODEL_CONFIG_FILE), [`${JSON.stringify(config, null, 1)}\n`]);
}

function readJson(fn: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${fn}: cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${fn}: ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Checks every field of config.json; errors name the file and the field. */
export function parseMLPModelConfig(json: unknown, source: string): MLPModelFileConfig {
  const fail = (what: string): never => {
    throw new Error(`${source}: not a neural language model config: ${what}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('expected a JSON object');
  const c = json as Record<string, unknown>;
  if (c['format'] !== 'nn-lm-mlp') fail(`"format" must be "nn-lm-mlp", got ${JSON.stringify(c['format'])}`);
  if (c['version'] !== 1) fail(`unsupported "version" ${JSON.stringify(c['version'])} (this reader knows version 1)`);
  for (const key of ['contextSize', 'embeddingDim', 'hiddenSize']) {
    const v = c[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(`"${key}" must be a positive integer, got ${JSON.stringify(v)}`);
  }
  if (typeof c['directConnections'] !== 'boolean') fail(`"directConnections" must be true or false, got ${JSON.stringify(c['directConnections'])}`);
  if (c['init'] !== 'default' && c['init'] !== 'scaled') fail(`"init" must be "default" or "scaled", got ${JSON.stringify(c['init'])}`);
  const metadata = c['metadata'] ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || Object.values(metadata).some((v) => typeof v !== 'string')) {
    fail('"metadata" must be an object of strings');
  }
  return { ...(c as unknown as MLPModelFileConfig), metadata: metadata as Record<string, string> };
}

/**
 * Reads a model saved by {@link saveMLPLanguageModel}. Throws an Error naming the file and the problem: a missing
 * directory or file, malformed JSON or fields, a vocabulary without `<s>`/`</s>`, missing or extra tensors, or a
 * tensor whose shape does not match the config.
 */
export function loadMLPLanguageModel(dir: string): LoadedMLPLanguageModel {
  const fn = 'loadMLPLanguageModel';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${fn}: ${dir} is not a model directory (expected ${MODEL_CONFIG_FILE} and ${MODEL_WEIGHTS_FILE} in it)`);
  const configPath = join(dir, MODEL_CONFIG_FILE), weightsPath = join(dir, MODEL_WEIGHTS_FILE);
  const config = parseMLPModelConfig(readJson(fn, configPath), `${fn}: ${configPath}`);
  const vocabulary = Vocabulary.fromJSON(config.vocabulary, `${fn}: ${configPath} "vocabulary"`);
  // A fixed seed keeps loading from drawing on the global generator; every weight is overwritten below.
  let model: MLPLanguageModel;
  try {
    model = new MLPLanguageModel({
      vocabulary, contextSize: config.contextSize, embeddingDim: config.embeddingDim, hiddenSize: config.hiddenSize,
      directConnections: config.directConnections, init: config.init, seed: 0,
    });
  } catch (e) {
    throw new Error(`${fn}: ${configPath}: ${(e as Error).message}`);
  }
  if (!existsSync(weightsPath)) throw new Error(`${fn}: ${weightsPath} is missing (the weights of the model in ${configPath})`);
  const { tensors } = loadSafetensors(weightsPath);
  checkTensors(fn, weightsPath, model.stateDict(), tensors, config);
  model.loadStateDict(tensors);
  return { model, metadata: config.metadata };
}

function checkTensors(fn: string, path: string, expected: Record<string, Tensor>, found: Record<string, Tensor>, config: MLPModelFileConfig): void {
  const problems: string[] = [];
  for (const [name, t] of Object.entries(expected)) {
    const f = found[name];
    if (f === undefined) problems.push(`tensor "${name}" is missing`);
    else if (f.dtype !== t.dtype) problems.push(`tensor "${name}" is ${f.dtype}, expected ${t.dtype}`);
    else if (f.shape.join() !== t.shape.join()) problems.push(`tensor "${name}" has shape [${f.shape.join(', ')}], the config needs [${t.shape.join(', ')}]`);
  }
  for (const name of Object.keys(found)) if (!(name in expected)) problems.push(`unexpected tensor "${name}"`);
  if (problems.length > 0) {
    const shape = `vocabulary ${config.vocabulary.tokens.length}, contextSize ${config.contextSize}, embeddingDim ${config.embeddingDim}, hiddenSize ${config.hiddenSize}, directConnections ${config.directConnections}`;
    throw new Error(`${fn}: ${path} does not match its config (${shape}): ${problems.join('; ')}`);
  }
}
