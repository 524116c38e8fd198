// Typed bindings to the parts of natural we use: the Russian and English Porter stemmers and the
// Bayes / logistic regression classifiers. Loaded from their own modules because the package
// index pulls in every natural module (about a second, and a dotenv banner on stdout), which would
// break the "model loads in under 1 s" target and pollute CLI output.
import { createRequire } from 'node:module';

interface NaturalStemmer {
  stem(token: string): string;
}

export interface NaturalClassification {
  label: string;
  value: number;
}

/** The natural classifier API we rely on; documents are token arrays (our own stems). */
/** The model inside a natural classifier (natural's "apparatus" package), fed 0/1 vectors. */
export interface ApparatusClassifier {
  getClassifications(vector: number[]): NaturalClassification[];
}

export interface NaturalClassifier {
  features: Record<string, number>;
  classifier: ApparatusClassifier;
  docs: unknown[];
  addDocument(tokens: string[], label: string): void;
  train(): void;
  getClassifications(tokens: string[]): NaturalClassification[];
}

interface NaturalClassifierClass {
  /** natural's Bayes takes (stemmer, smoothing); logistic regression ignores both. */
  new (stemmer?: undefined, smoothing?: number): NaturalClassifier;
  restore(saved: object): NaturalClassifier;
}

const require = createRequire(import.meta.url);
const porterRu = require('natural/lib/natural/stemmers/porter_stemmer_ru.js') as NaturalStemmer;
const porterEn = require('natural/lib/natural/stemmers/porter_stemmer.js') as NaturalStemmer;

export type ClassifierKind = 'bayes' | 'logistic';

const CLASSIFIER_MODULES: Record<ClassifierKind, string> = {
  bayes: 'natural/lib/natural/classifiers/bayes_classifier.js',
  logistic: 'natural/lib/natural/classifiers/logistic_regression_classifier.js',
};

export function naturalClassifier(kind: ClassifierKind): NaturalClassifierClass {
  return require(CLASSIFIER_MODULES[kind]) as NaturalClassifierClass;
}

/** Russian stem. Plural imperatives ("исправьте", "удаляйте") are cut to the singular first, which
 * the Porter stemmer knows, so they meet the infinitive's stem. */
export function stemRussian(word: string): string {
  const singular = /[ьй]те$/.test(word) && word.length > 5 ? word.slice(0, -2) : word;
  return porterRu.stem(singular);
}

export function stemEnglish(word: string): string {
  return porterEn.stem(word);
}
