import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { compileLexicon, type CompiledLexicon, type LexiconFile } from '../analysis/incivility/lexicon.js';
import type { IncivilityModel } from '../analysis/incivility/model.js';
import { findDataDir } from '../platform/data-dir.js';
import { loadLexiconFiles } from './load-lexicons.js';
import { loadCompiledNameCalling } from './load-name-calling.js';
import { IncivilityModelFileSchema, type IncivilityModelFile } from './model-file.schema.js';

/** data/models/incivility.json of this checkout or install. */
export function findBundledModelFile(): string {
  const dir = findDataDir('models', 'incivility.json');
  if (dir === null) throw new Error('data/models/incivility.json not found (run npm run train:incivility)');
  return join(dir, 'incivility.json');
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

/** What identifies a lexicon for a model: the files' content, in their order. */
export function lexiconFingerprint(files: readonly LexiconFile[]): string {
  return createHash('sha256').update(JSON.stringify(files)).digest('hex');
}

/**
 * The lexicon a model was trained with, compiled; an error when the files at hand differ from the
 * ones it was trained with (the features would not be the ones its weights were fitted on).
 */
function lexiconFor(model: IncivilityModelFile, file: string, lexiconFiles: readonly LexiconFile[] | undefined): CompiledLexicon | null {
  if (model.lexicon === null) return null;
  const files = lexiconFiles ?? loadLexiconFiles();
  if (lexiconFingerprint(files) !== model.lexicon.fingerprint) {
    throw new Error(`${file}: trained with the lexicon ${model.lexicon.versions.join(', ')} (${model.lexicon.fingerprint.slice(0, 12)}), but data/lexicons/ holds ${files.map((f) => f.version).join(', ')} (${lexiconFingerprint(files).slice(0, 12)}); run npm run train:incivility`);
  }
  return compileLexicon(files);
}

/** The engine's form of a model file: weights decoded and checked against the bucket count, its lexicon compiled. */
export function modelFromFile(model: IncivilityModelFile, file = 'model', lexiconFiles?: readonly LexiconFile[]): IncivilityModel {
  return {
    version: model.version,
    buckets: model.buckets,
    lexicon: lexiconFor(model, file, lexiconFiles),
    offense: { weights: decodeWeights(file, 'offense', model.offense.weights, model.buckets), scale: model.offense.scale, bias: model.offense.bias, platt: model.offense.platt },
    fine: { weights: decodeWeights(file, 'fine', model.fine.weights, model.buckets * 3), scale: model.fine.scale, bias: model.fine.bias },
    thresholds: model.thresholds,
  };
}

/**
 * Reads, validates and decodes the model (LOUPE_INCIVILITY_MODEL or the bundled file), with the
 * bundled name-calling lexicons (data/name-calling/) that the engine reads beside it.
 */
export function loadIncivilityModel(file: string = findBundledModelFile()): IncivilityModel {
  return { ...modelFromFile(parseModelFile(file, readFileSync(file, 'utf8')), file), nameCalling: loadCompiledNameCalling() };
}
