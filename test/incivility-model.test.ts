import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEvalDir } from '../src/eval/load-eval-sets.js';
import { findBundledModelFile, loadIncivilityModel, parseModelFile } from '../src/incivility/load-model.js';
import { findTrainingDir } from '../src/incivility/training-data.js';
import { trainIncivility } from '../src/incivility/train-incivility.js';

// The shipped model must be exactly what `npm run train:incivility` makes from the shipped data:
// a change to the data, the eval sets it holds out, the features or the recipe that was not
// followed by retraining fails here.
describe('the shipped incivility model', () => {
  const file = findBundledModelFile();
  const shipped = readFileSync(file, 'utf8');

  it('is what training produces from the shipped data, byte for byte', () => {
    const trainingDir = findTrainingDir();
    const evalDir = findEvalDir();
    const trained = trainIncivility({ trainingDir, evalDir, germevalTest: join(evalDir, 'anchors', 'germeval2018.test.txt') });
    const json = `${JSON.stringify(trained, null, 1)}\n`;
    expect(trained.trainingDataHash).toBe(parseModelFile(file, shipped).trainingDataHash);
    expect(trained.version).toBe(parseModelFile(file, shipped).version);
    expect(json === shipped).toBe(true);
  }, 120_000);

  it('is at most 20 MB, records its sources and loads in well under 300 ms', () => {
    expect(statSync(file).size).toBeLessThan(20 * 1024 * 1024);
    const model = parseModelFile(file, shipped);
    expect(model.training.sources.map((s) => s.license)).toEqual(expect.arrayContaining(['CC BY 4.0']));
    const start = process.hrtime.bigint();
    const loaded = loadIncivilityModel(file);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(loaded.offense.weights.length).toBe(model.buckets);
    expect(ms).toBeLessThan(300);
  });

  it('rejects a damaged file with the file and field named', () => {
    const model = JSON.parse(shipped) as { offense: { weights: string } };
    model.offense.weights = model.offense.weights.slice(0, 400);
    expect(() => parseModelFile('m.json', '{')).toThrow(/m\.json: invalid JSON/);
    expect(() => loadIncivilityModelFrom(JSON.stringify(model))).toThrow(/offense\.weights holds 150 weights/);
  });
});

/** The loader run on a file holding `content`, as the service runs it. */
function loadIncivilityModelFrom(content: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-model-'));
  writeFileSync(join(dir, 'incivility.json'), content);
  return loadIncivilityModel(join(dir, 'incivility.json'));
}
