// The shipped model: one natural classifier per head (each right, and "is this a request at all"),
// each over its own selected stems, stored as natural's own JSON so it restores without training.
import { RIGHTS, type Right } from '../domain.js';
import { naturalClassifier, type ClassifierKind, type NaturalClassifier } from './natural.js';

export const HEADS = [...RIGHTS, 'request'] as const;
export type Head = Right | 'request';

/** Every document carries this token so that none is empty after feature selection (natural
 * silently drops empty documents, which would skew the class priors). */
export const BIAS_TOKEN = '#bias';
export const YES = 'yes';
export const NO = 'no';

export interface HeadJson {
  /** natural's feature table (stem -> count); its key order is the feature vector's order. */
  features: Record<string, number>;
  /** natural's (apparatus) classifier state. */
  classifier: object;
}

export interface ModelOptions {
  kind: ClassifierKind;
  /** Bayes only: the count given to a stem never seen with a label. natural's default of 1 is
   * large next to our class sizes and makes rare stems vote for the smaller class. */
  smoothing: number;
  featuresPerHead: number;
  minDocFreq: number;
}

export interface ModelJson {
  format: 'privacy-desk-classifier/1';
  /** sha256 of the training file the model was built from. */
  dataHash: string;
  trainedOn: number;
  options: ModelOptions;
  heads: Record<Head, HeadJson>;
}

export type HeadScores = Record<Head, number>;

export interface Heads {
  score(tokens: string[]): HeadScores;
}

/** Marks a selected stem that the message does not contain. */
export const ABSENT = '~';

/** What one head's classifier sees of a message: every selected stem, either as itself (present)
 * or as "~stem" (absent). natural's Bayes only multiplies the features that are present, so
 * without the absent ones a long letter collects weak "yes" votes from every stem it has and none
 * of the "no" votes from the stems it lacks; with them it is a proper Bernoulli model. */
export function headDocument(tokens: ReadonlySet<string>, selected: readonly string[], withAbsent: boolean): string[] {
  if (!withAbsent) return [BIAS_TOKEN, ...selected.filter((stem) => tokens.has(stem))];
  return [BIAS_TOKEN, ...selected.map((stem) => (tokens.has(stem) ? stem : `${ABSENT}${stem}`))];
}

interface RestoredHead {
  head: Head;
  classifier: NaturalClassifier;
  /** natural's feature order, each entry: which stem, and whether it stands for its absence. */
  slots: Array<{ stem: string; absent: boolean }>;
}

/** Restore natural classifiers from the model JSON. */
export function restoreHeads(model: ModelJson): Heads {
  const Classifier = naturalClassifier(model.options.kind);
  const restored = HEADS.map((head): RestoredHead => {
    const { features, classifier } = model.heads[head];
    return {
      head,
      classifier: Classifier.restore({ features, classifier: structuredClone(classifier), docs: [], lastAdded: 0 }),
      slots: Object.keys(features).map((key) =>
        key.startsWith(ABSENT) ? { stem: key.slice(ABSENT.length), absent: true } : { stem: key, absent: false },
      ),
    };
  });
  return {
    score(tokens) {
      const present = new Set(tokens);
      present.add(BIAS_TOKEN);
      const scores = {} as HeadScores;
      for (const { head, classifier, slots } of restored) {
        // The same 0/1 vector natural's textToFeatures would build from headDocument(), made
        // with a set lookup per feature instead of natural's list search (100x faster).
        const vector = slots.map(({ stem, absent }) => (present.has(stem) !== absent ? 1 : 0));
        scores[head] = probabilityYes(classifier.classifier.getClassifications(vector));
      }
      return scores;
    },
  };
}

function probabilityYes(classes: Array<{ label: string; value: number }>): number {
  const yes = classes.find((c) => c.label === YES)?.value ?? 0;
  const no = classes.find((c) => c.label === NO)?.value ?? 0;
  return yes + no > 0 ? yes / (yes + no) : 0.5;
}
