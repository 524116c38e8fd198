// The classifier: text preparation, the model's per-head probabilities, then the cue rules, then
// the decision. Pure: the model JSON comes in, a Classification goes out.
import { RIGHTS, type Language, type Right } from '../domain.js';
import { applyCues } from './cues.js';
import { messageFeatures } from './features.js';
import { MAX_CLASSIFIED_CHARS } from './prepare.js';
import { restoreHeads, type Heads, type ModelJson } from './model.js';
import { forwardedLetter } from './quotes.js';

export interface Classification {
  /** Requested rights in canonical order; empty when nothing passed the threshold (triage). */
  rights: Right[];
  /** 0..1 per right, all six present. */
  confidence: Partial<Record<Right, number>>;
  language: Language;
  /** Russian typed in Latin letters. */
  translit: boolean;
  isRequest: boolean;
  /** Confidence in the whole answer: the weakest of its yes/no decisions. */
  score: number;
}

export interface Classifier {
  classify(input: { subject: string; text: string }): Classification;
}

/** A right is requested when its confidence reaches this. */
export const RIGHT_THRESHOLD = 0.5;
/** A message is a request when the request head (after cues) reaches this. */
export const REQUEST_THRESHOLD = 0.5;
/** The same for a message in which no right reaches RIGHT_THRESHOLD. */
export const VAGUE_REQUEST_THRESHOLD = 0.9;

export function createClassifier(model: ModelJson): Classifier {
  const heads = restoreHeads(model);
  return {
    classify(input) {
      const first = classifyOnce(heads, input);
      if (first.isRequest) return first;
      // A forwarded earlier letter under a note ("Пересылаю, письмо ушло не на тот адрес") is the
      // request itself.
      const forwarded = forwardedLetter(input.text.slice(0, MAX_CLASSIFIED_CHARS));
      if (forwarded === null) return first;
      const second = classifyOnce(heads, { subject: input.subject, text: forwarded });
      return second.isRequest ? second : first;
    },
  };
}

function classifyOnce(heads: Heads, input: { subject: string; text: string }): Classification {
  const { prepared, cues, tokens } = messageFeatures(input);
  const base = { language: prepared.language, translit: prepared.translit };
  if (prepared.body.trim() === '') {
    // Nothing new was written (empty body, only a signature or a quote): nothing to act on.
    return { ...base, rights: [], confidence: zeroes(), isRequest: false, score: 1 };
  }
  if (prepared.foreign) {
    // German, French, a pasted log: our words would match by accident ("halt" is no request to
    // pause). Staff read it (the ticket goes to triage).
    return { ...base, rights: [], confidence: zeroes(), isRequest: false, score: 1 };
  }
  const { rights: confidence, request } = applyCues(heads.score(tokens), cues);
  const asked = RIGHTS.filter((r) => confidence[r] >= RIGHT_THRESHOLD);
  // A request that names no right must be clearly one ("I want to exercise my rights under the
  // personal data law"); otherwise it is ordinary support mail under the request subject.
  const isRequest = request >= (asked.length > 0 ? REQUEST_THRESHOLD : VAGUE_REQUEST_THRESHOLD);
  const rights = isRequest ? asked : [];
  return { ...base, rights, confidence, isRequest, score: overallScore(confidence, request, isRequest) };
}

function zeroes(): Record<Right, number> {
  return Object.fromEntries(RIGHTS.map((r) => [r, 0])) as Record<Right, number>;
}

function overallScore(confidence: Record<Right, number>, request: number, isRequest: boolean): number {
  const sure = (p: number): number => Math.max(p, 1 - p);
  let score = sure(request);
  if (isRequest) for (const r of RIGHTS) score = Math.min(score, sure(confidence[r]));
  return Number(score.toFixed(4));
}
