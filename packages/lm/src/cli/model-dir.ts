// Model directories of nn-lm: config.json plus model.arpa (n-gram) or model.safetensors (neural), and reading either back.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@nn/core';
import type { NextTokenModel } from '../generation.js';
import { ArpaModel } from '../ngram/arpa-read.js';
import { writeArpa } from '../ngram/arpa-write.js';
import type { NgramModel } from '../ngram/model.js';
import { loadMLPLanguageModel, MODEL_CONFIG_FILE, saveMLPLanguageModel } from '../neural/model-file.js';
import type { MLPLanguageModel } from '../neural/mlp.js';
import type { ScoringModel } from '../scoring.js';
import { TEXT_LEVELS, type TextLevel } from './text.js';

/** File of an n-gram model's probabilities inside its directory. */
export const ARPA_FILE = 'model.arpa';

/** A model read from a directory, with how its text is tokenised. */
export interface LoadedModel {
  kind: 'ngram' | 'mlp';
  model: ScoringModel & NextTokenModel;
  level: TextLevel;
  /** The n-gram smoothing (n-gram models only). */
  smoothing?: string;
  /** The ARPA file (n-gram models only). */
  arpaPath?: string;
}

/** Writes an n-gram model directory: model.arpa and config.json { format, order, smoothing, metadata }. */
export function saveNgramDirectory(model: NgramModel, dir: string, metadata: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeArpa(model, join(dir, ARPA_FILE));
  const config = { format: 'nn-lm-ngram', version: 1, order: model.order, smoothing: model.smoothing, metadata };
  writeFileAtomic('nn-lm train', join(dir, MODEL_CONFIG_FILE), [`${JSON.stringify(config, null, 1)}\n`]);
}

/** Writes a neural model directory (see saveMLPLanguageModel). */
export function saveMlpDirectory(model: MLPLanguageModel, dir: string, metadata: Record<string, string>): void {
  saveMLPLanguageModel(model, dir, { metadata });
}

function levelOf(metadata: unknown, source: string): TextLevel {
  const level = (metadata as Record<string, unknown> | undefined)?.['level'];
  if (!(TEXT_LEVELS as readonly unknown[]).includes(level)) throw new Error(`${source}: "metadata.level" must be "char" or "word", got ${JSON.stringify(level)}`);
  return level as TextLevel;
}

/** Reads the model directory `dir`, n-gram or neural, naming the file and the problem when it cannot. */
export function loadModelDirectory(command: string, dir: string): LoadedModel {
  const fn = `nn-lm ${command}`;
  const configPath = join(dir, MODEL_CONFIG_FILE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${fn}: ${dir} is not a model directory (train one with nn-lm train)`);
  if (!existsSync(configPath)) throw new Error(`${fn}: ${configPath} is missing; ${dir} is not a model directory written by nn-lm train`);
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${fn}: ${configPath} is not valid JSON: ${(e as Error).message}`);
  }
  if (config['format'] === 'nn-lm-mlp') {
    const { model, metadata } = loadMLPLanguageModel(dir);
    return { kind: 'mlp', model, level: levelOf(metadata, configPath) };
  }
  if (config['format'] !== 'nn-lm-ngram') throw new Error(`${fn}: ${configPath} has "format" ${JSON.stringify(config['format'])}; expected "nn-lm-ngram" or "nn-lm-mlp"`);
  const arpaPath = join(dir, ARPA_FILE);
  if (!existsSync(arpaPath)) throw new Error(`${fn}: ${arpaPath} is missing (the probabilities of the n-gram model in ${configPath})`);
  return { kind: 'ngram', model: ArpaModel.read(arpaPath), level: levelOf(config['metadata'], configPath), smoothing: String(config['smoothing']), arpaPath };
}
