// The words people use for each right, in Russian (also reached from translit), Kazakh and
// English. A mention is counted with its polarity: asked for, negated ("не удаляйте") or
// hypothetical ("если вы удалите ..."). Mentions become model features ("@erasure") and drive the
// cue rules; a lexicon generalises across paraphrases and languages where a few hundred letters of
// training data cannot.
//
// Patterns run on Prepared.cueText: lower case, ё as е, Kazakh letters folded to Russian ones (the
// patterns are written with Kazakh letters and folded when compiled), words separated by single
// spaces, punctuation as separate words. A pattern matches at the start of a word. Each right's
// words are in lexicon/<right>.ts.
import type { Right } from '../domain.js';
import { access } from './lexicon/access.js';
import { consentWithdrawal } from './lexicon/consent-withdrawal.js';
import { erasure } from './lexicon/erasure.js';
import { portability } from './lexicon/portability.js';
import { rectification } from './lexicon/rectification.js';
import { restriction } from './lexicon/restriction.js';
import type { RightLexicon } from './lexicon/types.js';
import { fold } from './normalize.js';
import { compile } from './pattern.js';

export { compile, mayMatch } from './pattern.js';

export interface LexiconEntry {
  right: Right;
  pattern: string;
  /** Skip the mention when its sentence matches this (see WEAK_ACCESS). */
  unless?: string;
  /** Count the mention only when its sentence also matches this (see MARKETING_OBJECTS). */
  requires?: string;
  /** A negation before the word cancels it ("не удаляйте"). False for words whose negation is
   * itself the request ("не присылайте рекламу"). */
  negatable: boolean;
  /** A description rather than a request (see GuardedPatterns.weak). */
  weak?: boolean;
}

const RIGHT_LEXICONS: RightLexicon[] = [access, rectification, erasure, restriction, portability, consentWithdrawal];

export const LEXICON: LexiconEntry[] = RIGHT_LEXICONS.flatMap(({ right, words, refusals = [], guarded = [] }) => [
  ...words.map((pattern): LexiconEntry => ({ right, negatable: true, pattern })),
  ...refusals.map((pattern): LexiconEntry => ({ right, negatable: false, pattern })),
  ...guarded.flatMap(({ patterns, negatable, requires, unless, weak }) =>
    patterns.map((pattern): LexiconEntry => ({
      right,
      negatable,
      pattern,
      ...(weak === true ? { weak } : {}),
      ...(requires === undefined ? {} : { requires }),
      ...(unless === undefined ? {} : { unless }),
    })),
  ),
]);

/** A mention in a sentence matching its right's exclusion does not count: "change my password"
 * is no correction of personal data, "extend my access to the course" no access request. */
export const EXCLUSIONS: Partial<Record<Right, RegExp>> = Object.fromEntries(
  RIGHT_LEXICONS.filter((l) => l.exclusion !== undefined).map((l) => [l.right, compile(l.exclusion as string)]),
);

/** A mention counts only in a sentence that matches its right's requirement: a correction is of
 * the person's data ("fix the wrong time in the schedule" asks for nothing). */
export const REQUIREMENTS: Partial<Record<Right, RegExp>> = Object.fromEntries(
  RIGHT_LEXICONS.filter((l) => l.requirement !== undefined).map((l) => [l.right, compile(l.requirement as string)]),
);

/** Key stems found also when misspelt by one letter ("удлить", "отываю", "unsubscibe"): typos
 * are common in these letters and a missed key word costs the whole right. Only long stems that
 * one edit does not turn into another common word ("change"/"charge", "предостав"/"представ",
 * Kazakh "жойыңыз"/"қойыңыз" are out). */
export const FUZZY_STEMS: Array<[Right, string]> = RIGHT_LEXICONS.flatMap(({ right, fuzzy = [] }) =>
  fuzzy.map((stem): [Right, string] => [right, fold(stem)]),
);

/** Whether a word begins with `stem` up to one typo (a letter added, dropped, changed or two
 * swapped). */
export function fuzzyStartsWith(word: string, stem: string): boolean {
  if (word.length < stem.length - 1) return false;
  for (const len of [stem.length - 1, stem.length, stem.length + 1]) {
    if (len > word.length) continue;
    if (distanceAtMostOne(word.slice(0, len), stem)) return true;
  }
  return false;
}

function distanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export interface CompiledEntry extends LexiconEntry {
  regex: RegExp;
  unlessRegex?: RegExp;
  requiresRegex?: RegExp;
}

export const COMPILED: CompiledEntry[] = LEXICON.map((entry) => ({
  ...entry,
  regex: compile(entry.pattern),
  ...(entry.unless ? { unlessRegex: compile(entry.unless) } : {}),
  ...(entry.requires ? { requiresRegex: compile(entry.requires) } : {}),
}));
