// Phrase-disjoint validation inside the TRAINING split (development only; never reads held-out):
//   npx tsx scripts/devsplit-classifier.ts [--folds 5] [--errors]
// Rebuilds the training letters with the authoring generator (checked to equal train.jsonl), groups
// them by the pool phrases their labelled passages came from, and for each fold trains on the
// letters that share no phrase with the fold, then classifies the fold's letters. This mimics how
// the held-out split is built (its phrasings never occur in training).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Language, Right } from '../src/domain.js';
import { createClassifier } from '../src/classify/classifier.js';
import { buildCorpus } from '../src/classify/data/authoring/corpus.js';
import { TRAIN_DATA_URL, type LabelledMessage } from '../src/classify/dataset.js';
import { computeMetrics, formatMetrics, type Outcome } from '../src/classify/metrics.js';
import { FRESH_DEV } from '../src/classify/data/authoring/fresh-dev.js';
import { FRESH_DEV2 } from '../src/classify/data/authoring/fresh-dev2.js';
import { FRESH_DEV3 } from '../src/classify/data/authoring/fresh-dev3.js';
import { FRESH_DEV4 } from '../src/classify/data/authoring/fresh-dev4.js';
import { FRESH_DEV5 } from '../src/classify/data/authoring/fresh-dev5.js';
import { FRESH_DEV6 } from '../src/classify/data/authoring/fresh-dev6.js';
import { FRESH_DEV7 } from '../src/classify/data/authoring/fresh-dev7.js';
import { FRESH_DEV8 } from '../src/classify/data/authoring/fresh-dev8.js';
import { DEFAULT_OPTIONS, trainingRow, trainModel } from '../src/classify/train.js';

const { values } = parseArgs({
  options: {
    folds: { type: 'string' },
    errors: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    // Comma-separated batch numbers of the fresh development letters, e.g. --fresh 1,7.
    fresh: { type: 'string' },
    skip: { type: 'string' },
  },
});
const STANDARD_SUBJECT: Record<Language, string> = { ru: 'Запрос на управление данными', kk: 'Деректерді басқаруға сұраныс', en: 'Personal data request' };
const folds = values.folds ? Number(values.folds) : 5;

const composed = buildCorpus().train;
const generated = composed.map((c) => JSON.stringify(c.example)).join('\n') + '\n';
if (generated !== readFileSync(TRAIN_DATA_URL, 'utf8')) console.warn('warning: train.jsonl differs from the generator output');

const foldOf = (key: string): number => createHash('sha1').update(key).digest().readUInt32BE(0) % folds;
const letterFolds = composed.map((c) => new Set((c.sources.length > 0 ? c.sources : [c.example.text]).map(foldOf)));
const messages = composed.map((c) => c.example as LabelledMessage);
const rows = messages.map(trainingRow);

const outcomes: Array<Outcome & { message: LabelledMessage }> = [];
const freshBatches = (values.fresh ?? '').split(',').filter((b) => b !== '').map(Number);
if (freshBatches.length > 0) {
  // The fresh development letters, classified by a model trained on all training letters: wording
  // written apart from every pool.
  const classifier = createClassifier(trainModel(rows, 'fresh', DEFAULT_OPTIONS));
  for (const message of freshBatches.flatMap(freshLetters)) {
    const c = classifier.classify({ subject: message.subject ?? '', text: message.text });
    outcomes.push({
      message,
      gold: { rights: message.rights, isRequest: message.isRequest, language: message.language, translit: message.translit ?? false },
      predicted: { rights: c.rights, isRequest: c.isRequest, language: c.language, translit: c.translit },
    });
  }
}
for (let f = 0; f < (freshBatches.length > 0 ? 0 : folds); f++) {
  if (values.skip !== undefined && Number(values.skip) === f) continue;
  const train = rows.filter((_, i) => !letterFolds[i]?.has(f));
  const classifier = createClassifier(trainModel(train, `dev-${f}`, DEFAULT_OPTIONS));
  messages.forEach((message, i) => {
    // A letter is validated in the first fold it touches, once.
    if (Math.min(...(letterFolds[i] ?? [])) !== f) return;
    const c = classifier.classify({ subject: message.subject ?? '', text: message.text });
    outcomes.push({
      message,
      gold: { rights: message.rights, isRequest: message.isRequest, language: message.language, translit: message.translit ?? false },
      predicted: { rights: c.rights, isRequest: c.isRequest, language: c.language, translit: c.translit },
    });
  });
}
const m = computeMetrics(outcomes);
if (!values.quiet) console.log(formatMetrics(m, `Rights classifier, training split, ${folds} phrase-disjoint folds`));
if (values.errors) {
  for (const o of outcomes) {
    if (o.gold.rights.join(',') === o.predicted.rights.join(',') && o.gold.isRequest === o.predicted.isRequest) continue;
    console.log(
      `- gold [${o.gold.rights.join(',')}]${o.gold.isRequest ? '' : ' no-request'} | got [${o.predicted.rights.join(',')}]${o.predicted.isRequest ? '' : ' no-request'}` +
        `\n    ${JSON.stringify(o.message.text.slice(0, 400))}`,
    );
  }
}
const r = (x: number): number => Number(x.toFixed(4));
console.log(
  JSON.stringify({
    macroF1: r(m.macroF1),
    exactSet: r(m.exactSet),
    isRequest: r(m.isRequestAccuracy),
    f1: Object.fromEntries(Object.entries(m.perRight).map(([k, v]) => [k, [r(v.precision), r(v.recall), r(v.f1)]])),
  }),
);

/** One batch of fresh letters as labelled messages. Batches 1-6 are lines "language|labels|text"
 * and are read under the request subject of their language; batches 7 and 8 are whole letters. */
function freshLetters(batch: number): LabelledMessage[] {
  if (batch === 7 || batch === 8) {
    return (batch === 7 ? FRESH_DEV7 : FRESH_DEV8).map((l) => ({
      text: l.text,
      subject: l.subject ?? STANDARD_SUBJECT[l.language],
      rights: l.isRequest ? l.rights : [],
      isRequest: l.isRequest,
      language: l.language,
      ...(l.translit === true ? { translit: true } : {}),
    }));
  }
  const lines = [FRESH_DEV, FRESH_DEV2, FRESH_DEV3, FRESH_DEV4, FRESH_DEV5, FRESH_DEV6][batch - 1];
  if (lines === undefined) throw new Error(`no fresh batch ${batch} (there are 1 to 8)`);
  return lines
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [language, labels, text] = line.split('|') as [Language, string, string];
      const isRequest = labels !== '-';
      const rights = isRequest && labels !== '?' ? (labels.split(',') as Right[]) : [];
      return { text, subject: STANDARD_SUBJECT[language], rights, isRequest, language };
    });
}
