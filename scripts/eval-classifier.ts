// Evaluates the rights classifier:
//   npm run eval:classifier                      the shipped model on the held-out split
//   npm run eval:classifier -- --cv 5            k-fold cross-validation inside the training split
//                                                (for development; never touches held-out)
//   ... --errors                                 also list the misclassified messages
//   ... --kind logistic --features 300           model options for --cv
// Prints the figures as text, then one JSON line.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClassifier, type Classifier } from '../src/classify/classifier.js';
import { HELDOUT_DATA_URL, parseDataset, TRAIN_DATA_URL, type LabelledMessage } from '../src/classify/dataset.js';
import { loadClassifier } from '../src/classify/index.js';
import { computeMetrics, formatMetrics, type Outcome } from '../src/classify/metrics.js';
import type { ModelOptions } from '../src/classify/model.js';
import { DEFAULT_OPTIONS, hashData, trainingRow, trainModel } from '../src/classify/train.js';

const { values } = parseArgs({
  options: {
    cv: { type: 'string' },
    errors: { type: 'boolean', default: false },
    kind: { type: 'string' },
    features: { type: 'string' },
    'min-df': { type: 'string' },
    smoothing: { type: 'string' },
  },
});

function load(url: URL, name: string): LabelledMessage[] {
  return parseDataset(readFileSync(url, 'utf8'), name);
}

function run(classifier: Classifier, messages: LabelledMessage[]): Array<Outcome & { message: LabelledMessage }> {
  return messages.map((message) => {
    const c = classifier.classify({ subject: message.subject ?? '', text: message.text });
    return {
      message,
      gold: { rights: message.rights, isRequest: message.isRequest, language: message.language, translit: message.translit ?? false },
      predicted: { rights: c.rights, isRequest: c.isRequest, language: c.language, translit: c.translit },
    };
  });
}

function crossValidate(messages: LabelledMessage[], folds: number, options: ModelOptions): Array<Outcome & { message: LabelledMessage }> {
  const rows = messages.map(trainingRow);
  const out: Array<Outcome & { message: LabelledMessage }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (i: number): boolean => i % folds === fold;
    const model = trainModel(rows.filter((_, i) => !inFold(i)), `cv-${fold}`, options);
    out.push(...run(createClassifier(model), messages.filter((_, i) => inFold(i))));
  }
  return out;
}

const options: ModelOptions = {
  kind: values.kind === 'logistic' ? 'logistic' : DEFAULT_OPTIONS.kind,
  smoothing: values.smoothing ? Number(values.smoothing) : DEFAULT_OPTIONS.smoothing,
  featuresPerHead: values.features ? Number(values.features) : DEFAULT_OPTIONS.featuresPerHead,
  minDocFreq: values['min-df'] ? Number(values['min-df']) : DEFAULT_OPTIONS.minDocFreq,
};
const folds = values.cv ? Number(values.cv) : 0;
const split = folds > 0 ? `train, ${folds}-fold cross-validation` : 'held-out';
const outcomes =
  folds > 0 ? crossValidate(load(TRAIN_DATA_URL, 'train.jsonl'), folds, options) : run(loadClassifier(), load(HELDOUT_DATA_URL, 'heldout.jsonl'));
const metrics = computeMetrics(outcomes);

console.log(formatMetrics(metrics, `Rights classifier, ${split}`));
if (values.errors) {
  console.log('\nmisclassified:');
  for (const o of outcomes) {
    const wrongRights = o.gold.rights.join(',') !== o.predicted.rights.join(',');
    if (!wrongRights && o.gold.isRequest === o.predicted.isRequest && o.gold.language === o.predicted.language) continue;
    console.log(
      `- gold [${o.gold.rights.join(',')}]${o.gold.isRequest ? '' : ' no-request'} ${o.gold.language}` +
        ` | got [${o.predicted.rights.join(',')}]${o.predicted.isRequest ? '' : ' no-request'} ${o.predicted.language}` +
        `\n    ${JSON.stringify(o.message.text.slice(0, 300))}`,
    );
  }
}
const round = (x: number): number => Number(x.toFixed(4));
console.log(
  JSON.stringify({
    eval: 'classifier',
    split: folds > 0 ? `train-cv${folds}` : 'heldout',
    messages: metrics.messages,
    macroF1: round(metrics.macroF1),
    exactSet: round(metrics.exactSet),
    isRequestAccuracy: round(metrics.isRequestAccuracy),
    languageAccuracy: round(metrics.languageAccuracy),
    translitAccuracy: round(metrics.translitAccuracy),
    perRight: Object.fromEntries(
      Object.entries(metrics.perRight).map(([r, f]) => [r, { precision: round(f.precision), recall: round(f.recall), f1: round(f.f1), support: f.support }]),
    ),
    confusions: metrics.confusions,
    dataHash: hashData(readFileSync(TRAIN_DATA_URL, 'utf8')).slice(0, 12),
  }),
);
