// Builds the shipped rights model from the training split:
//   npx tsx scripts/train-classifier.ts [--kind bayes|logistic] [--features N] [--min-df N]
// Deterministic: the same train.jsonl gives the same model.json. The held-out split is never read.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDataset, TRAIN_DATA_URL } from '../src/classify/dataset.js';
import { MODEL_URL } from '../src/classify/index.js';
import type { ModelOptions } from '../src/classify/model.js';
import { DEFAULT_OPTIONS, hashData, trainingRow, trainModel } from '../src/classify/train.js';

const { values } = parseArgs({
  options: { kind: { type: 'string' }, features: { type: 'string' }, 'min-df': { type: 'string' }, smoothing: { type: 'string' } },
});
const options: ModelOptions = {
  kind: values.kind === 'logistic' ? 'logistic' : DEFAULT_OPTIONS.kind,
  smoothing: values.smoothing ? Number(values.smoothing) : DEFAULT_OPTIONS.smoothing,
  featuresPerHead: values.features ? Number(values.features) : DEFAULT_OPTIONS.featuresPerHead,
  minDocFreq: values['min-df'] ? Number(values['min-df']) : DEFAULT_OPTIONS.minDocFreq,
};

const started = performance.now();
const content = readFileSync(TRAIN_DATA_URL, 'utf8');
const rows = parseDataset(content, 'train.jsonl').map(trainingRow);
const model = trainModel(rows, hashData(content), options);
writeFileSync(MODEL_URL, `${JSON.stringify(model)}\n`);
console.log(
  `trained ${options.kind} on ${rows.length} messages in ${Math.round(performance.now() - started)} ms -> ${MODEL_URL.pathname}`,
);
