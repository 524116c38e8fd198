// The rights classifier's public API. Everything here is pure except loadClassifier, which reads
// the shipped model JSON once per process.
import { readFileSync } from 'node:fs';
import { createClassifier, type Classifier } from './classifier.js';
import type { ModelJson } from './model.js';

export type { Classification, Classifier } from './classifier.js';
export { RIGHT_THRESHOLD, REQUEST_THRESHOLD } from './classifier.js';
export { detectLanguage, isForeign } from './language.js';
export { newText } from './quotes.js';
export { MAX_CLASSIFIED_CHARS } from './prepare.js';

/** Where the shipped model lives; scripts/train-classifier.ts writes it. */
export const MODEL_URL = new URL('./model.json', import.meta.url);

let cached: Classifier | undefined;

/** The classifier over the shipped model; loaded on first call, then shared. */
export function loadClassifier(): Classifier {
  cached ??= createClassifier(JSON.parse(readFileSync(MODEL_URL, 'utf8')) as ModelJson);
  return cached;
}
