import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncivilityModel } from '../analysis/incivility/model.js';
import { IncivilityModelFileSchema, type IncivilityModelFile } from './model-file.schema.js';

/** data/models/incivility.json of this checkout or install. */
export function findBundledModelFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data', 'models', 'incivility.json');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('data/models/incivility.json not found (run npm run train:incivility)');
}

export function parseModelFile(file: string, content: string): IncivilityModelFile {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (e) {
    throw new Error(`${file}: invalid JSON (${(e as Error).message})`);
  }
  const parsed = IncivilityModelFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || 'model'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function decodeWeights(file: string, field: string, text: string, length: number): Int16Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength !== length * 2) throw new Error(`${file}: ${field}.weights holds ${bytes.byteLength / 2} weights, expected ${length}`);
  const out = new Int16Array(length);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The engine's form of a model file: weights decoded and checked against the bucket count. */
export function modelFromFile(model: IncivilityModelFile, file = 'model'): IncivilityModel {
  return {
    version: model.version,
    buckets: model.buckets,
    offense: { weights: decodeWeights(file, 'offense', model.offense.weights, model.buckets), scale: model.offense.scale, bias: model.offense.bias, platt: model.offense.platt },
    fine: { weights: decodeWeights(file, 'fine', model.fine.weights, model.buckets * 3), scale: model.fine.scale, bias: model.fine.bias },
    thresholds: model.thresholds,
  };
}

/** Reads, validates and decodes the model (LOUPE_INCIVILITY_MODEL or the bundled file). */
export function loadIncivilityModel(file: string = findBundledModelFile()): IncivilityModel {
  return modelFromFile(parseModelFile(file, readFileSync(file, 'utf8')), file);
}
