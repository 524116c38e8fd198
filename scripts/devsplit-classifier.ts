// Phrase-disjoint validation inside the TRAINING split (development only; never reads held-out):
//   npx tsx scripts/devsplit-classifier.ts [--folds 5] [--errors]
// Rebuilds the training letters with the authoring generator (checked to equal train.jsonl), groups
// them by the pool phrases their labelled passages came from, and for each fold trains on the
// letters that share no phrase with the fold, then classifies the fold's letters. This mimics how
// the held-out split is built (its phrasings never occur in training).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
import { DEFAULT_OPTIONS, trainingRow, trainModel } from '../src/classify/train.js';

const { values } = parseArgs({
  options: {
    folds: { type: 'string' },
    errors: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    fresh2: { type: 'boolean', default: false },
    fresh3: { type: 'boolean', default: false },
    fresh4: { type: 'boolean', default: false },
    fresh5: { type: 'boolean', default: false },
    fresh6: { type: 'boolean', default: false },
    skip: { type: 'string' },
  },
});
const folds = values.folds ? Number(values.folds) : 5;

const composed = buildCorpus().train;
const generated = composed.map((c) => JSON.stringify(c.example)).join('\n') + '\n';
if (generated !== readFileSync(TRAIN_DATA_URL, 'utf8')) console.warn('warning: train.jsonl differs from the generator output');

const foldOf = (key: string): number => createHash('sha1').update(key).digest().readUInt32BE(0) % folds;
const letterFolds = composed.map((c) => new Set((c.sources.length > 0 ? c.sources : [c.example.text]).map(foldOf)));
const messages = composed.map((c) => c.example as LabelledMessage);
const rows = messages.map(trainingRow);

const outcomes: Array<Outcome & { message: LabelledMessage }> = [];
if (values.fresh || values.fresh2 || values.fresh3 || values.fresh4 || values.fresh5 || values.fresh6) {
  // The fresh development letters (fresh-dev.ts), classified by a model trained on all training
  // letters: wording written apart from every pool.
  const classifier = createClassifier(trainModel(rows, 'fresh', DEFAULT_OPTIONS));
  for (const line of (values.fresh6 ? FRESH_DEV6 : values.fresh5 ? FRESH_DEV5 : values.fresh4 ? FRESH_DEV4 : values.fresh3 ? FRESH_DEV3 : values.fresh2 ? FRESH_DEV2 : FRESH_DEV).split('\n')) {
    if (line.trim() === '') continue;
    const [language, labels, text] = line.split('|') as [string, string, string];
    const isRequest = labels !== '-';
    const rights = isRequest && labels !== '?' ? (labels.split(',') as LabelledMessage['rights']) : [];
    const message = { text, rights, isRequest, language } as LabelledMessage;
    // Most letters come under the request form's subject; every fresh letter is read under it.
    const subject = { ru: 'Запрос на управление данными', kk: 'Деректерді басқаруға сұраныс', en: 'Personal data request' }[language] ?? '';
    const c = classifier.classify({ subject, text });
    outcomes.push({
      message,
      gold: { rights, isRequest, language: message.language, translit: false },
      predicted: { rights: c.rights, isRequest: c.isRequest, language: c.language, translit: c.translit },
    });
  }
}
for (let f = 0; f < (values.fresh || values.fresh2 || values.fresh3 || values.fresh4 || values.fresh5 || values.fresh6 ? 0 : folds); f++) {
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
