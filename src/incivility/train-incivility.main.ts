import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findEvalDir } from '../eval/load-eval-sets.js';
import { findTrainingDir } from './training-data.js';
import { trainIncivility } from './train-incivility.js';

// npm run train:incivility: trains the incivility model from data/training/incivility/ and writes
// data/models/incivility.json (`--out FILE` elsewhere). Deterministic; about ten seconds.
const started = process.hrtime.bigint();
const trainingDir = findTrainingDir();
const root = join(trainingDir, '..', '..', '..');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1]! : join(root, 'data', 'models', 'incivility.json');
const model = trainIncivility({ trainingDir, evalDir: findEvalDir(), germevalTest: join(root, 'data', 'eval', 'anchors', 'germeval2018.test.txt') });
const json = `${JSON.stringify(model, null, 1)}\n`;
writeFileSync(out, json);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const t = model.metrics.germeval2018Test;
process.stdout.write(
  `model ${model.version} -> ${out} (${(json.length / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s)\n` +
    `training: ${model.training.documents} documents (${model.training.offensive} offensive), ${model.training.heldOutEvalTexts} eval texts held out\n` +
    `5-fold CV coarse macro-F1 ${model.metrics.cvMacroF1} at threshold ${model.metrics.threshold}\n` +
    `GermEval 2018 test (${t.items} tweets, never trained on): coarse macro-F1 ${t.coarseMacroF1}, fine macro-F1 ${t.fineMacroF1}\n`,
);
