import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RIGHTS } from '../../../src/domain.js';
import { HELDOUT_DATA_URL, parseDataset, TRAIN_DATA_URL } from '../../../src/classify/dataset.js';
import { MODEL_URL } from '../../../src/classify/index.js';
import type { LogisticState } from '../../../src/classify/logistic-train.js';
import { headDocument, NO, YES, type ModelJson } from '../../../src/classify/model.js';
import { naturalClassifier } from '../../../src/classify/natural.js';
import { selectFeatures } from '../../../src/classify/select.js';
import { DEFAULT_OPTIONS, hashData, trainingRow, trainLogisticHead, trainModel } from '../../../src/classify/train.js';

const trainText = readFileSync(TRAIN_DATA_URL, 'utf8');
const train = parseDataset(trainText, 'train.jsonl');
const heldout = parseDataset(readFileSync(HELDOUT_DATA_URL, 'utf8'), 'heldout.jsonl');
const all = [...train, ...heldout];
const share = (n: number): number => n / all.length;


// Training takes seconds on a quiet machine; a busy one must not turn that into a failure.
const TRAINING_TIMEOUT_MS = 120_000;
describe('training data', () => {
  it('has at least 600 labelled messages, at least 20% Kazakh and 15% English', () => {
    expect(all.length).toBeGreaterThanOrEqual(600);
    expect(share(all.filter((m) => m.language === 'kk').length)).toBeGreaterThanOrEqual(0.2);
    expect(share(all.filter((m) => m.language === 'en').length)).toBeGreaterThanOrEqual(0.15);
  });

  it('has at least 60 examples of every right, many multi-right letters, translit and non-requests', () => {
    for (const right of RIGHTS) expect(all.filter((m) => m.rights.includes(right)).length).toBeGreaterThanOrEqual(60);
    expect(all.filter((m) => m.rights.length > 1).length).toBeGreaterThanOrEqual(100);
    expect(all.filter((m) => m.translit === true).length).toBeGreaterThanOrEqual(30);
    expect(all.filter((m) => !m.isRequest).length).toBeGreaterThanOrEqual(60);
  });

  it('labels no rights on a message that is no request', () => {
    expect(all.filter((m) => !m.isRequest && m.rights.length > 0)).toEqual([]);
  });

  it('keeps a held-out split of 162 letters in all three languages, sharing no letter with training', () => {
    // The split is fixed: training grows, the held-out letters stay the ones first measured on.
    expect(heldout.length).toBe(162);
    for (const language of ['ru', 'kk', 'en'] as const) expect(heldout.filter((m) => m.language === language).length).toBeGreaterThanOrEqual(30);
    const trainTexts = new Set(train.map((m) => m.text));
    expect(heldout.filter((m) => m.text.trim() !== '' && trainTexts.has(m.text))).toEqual([]);
  });

  it('uses example domains only', () => {
    const domains = all.flatMap((m) => [...m.text.matchAll(/@([\w.-]+\.[a-z]{2,})/gi)].map((x) => (x[1] ?? '').toLowerCase()));
    expect(domains.length).toBeGreaterThan(0);
    expect(domains.filter((d) => !/(^|\.)example\.(com|org|net)$/.test(d))).toEqual([]);
  });
});

describe('the shipped model', () => {
  const model = JSON.parse(readFileSync(MODEL_URL, 'utf8')) as ModelJson;

  it('was trained on exactly the current training split (run scripts/train-classifier.ts after editing it)', () => {
    expect(model.dataHash).toBe(hashData(trainText));
    expect(model.trainedOn).toBe(train.length);
  });

  it('was trained with the default options', () => {
    expect(model.options).toEqual(DEFAULT_OPTIONS);
  });

  it('is rebuilt byte for byte from the training split by the training code', () => {
    const rebuilt = trainModel(train.map(trainingRow), hashData(trainText));
    expect(`${JSON.stringify(rebuilt)}\n`).toBe(readFileSync(MODEL_URL, 'utf8'));
  }, TRAINING_TIMEOUT_MS);
});

describe('training', () => {
  it("trains natural's logistic regression on sparse rows to the weights natural itself would give", () => {
    const rows = train.slice(0, 120).map(trainingRow);
    const docs = rows.map((row) => new Set(row.tokens));
    const labels = rows.map((row) => row.rights.includes('erasure'));
    const selected = selectFeatures(docs, labels, 80, 2).sort();
    const documents = docs.map((doc) => headDocument(doc, selected, false));
    const Logistic = naturalClassifier('logistic');
    const natural = new Logistic();
    documents.forEach((doc, i) => natural.addDocument(doc, labels[i] ? YES : NO));
    natural.train();
    const ours = trainLogisticHead(documents, labels);
    expect(Object.keys(ours.features)).toEqual(Object.keys(natural.features));
    const theirState = natural.classifier as unknown as LogisticState;
    const ourState = ours.classifier as LogisticState;
    expect(ourState.classifications).toEqual(theirState.classifications);
    ourState.theta.forEach((weights, c) =>
      weights.elements.forEach((w, j) => expect(w).toBeCloseTo(theirState.theta[c]?.elements[j] ?? NaN, 12)),
    );
    // And natural, restored from our state, classifies with it.
    const restored = Logistic.restore({ features: ours.features, classifier: structuredClone(ours.classifier), docs: [], lastAdded: 0 });
    for (const doc of documents.slice(0, 20)) {
      const [ourBest, theirBest] = [restored.getClassifications(doc)[0], natural.getClassifications(doc)[0]];
      expect(ourBest?.label).toBe(theirBest?.label);
      expect(ourBest?.value).toBeCloseTo(theirBest?.value ?? NaN, 12);
    }
  }, TRAINING_TIMEOUT_MS);

  it('is deterministic: the same rows give the same model JSON', () => {
    const rows = train.slice(0, 60).map(trainingRow);
    const options = { ...DEFAULT_OPTIONS, featuresPerHead: 40 };
    expect(JSON.stringify(trainModel(rows, 'x', options))).toBe(JSON.stringify(trainModel(rows, 'x', options)));
  });
});
