// Shapes of the phrase pools the training letters are written from (one pool file per language).
import type { Language, Right } from '../../../domain.js';

/** A passage whose rights are known; a passage may ask for several rights or for none. */
export interface Tagged {
  rights: Right[];
  text: string;
}

export interface Pools {
  language: Language;
  greetings: string[];
  intros: string[];
  /** "Кроме того," ... put in front of a second request; the request's first letter is lowered. */
  connectors: string[];
  legal: string[];
  closings: string[];
  signatures: string[];
  /** Reasons that make a request plausible, without asking for anything themselves. */
  contexts: Record<Right, string[]>;
  /** One request each, complete sentences. */
  core: Record<Right, string[]>;
  /** Passages asking for several rights in one breath. */
  combos: Tagged[];
  /** A right refused or excluded ("не удаляйте"), with what is asked instead. */
  negations: Tagged[];
  /** "если ..." passages: fallbacks, threats, conditions. */
  conditionals: Tagged[];
  /** Cases the cue rules are for: a child's data, "stop the ads", "I am moving to ...",
   * "what do you know about me", "pause while I dispute". */
  cues: Tagged[];
  /** Mail under the request subject that asks for no right: prices, login trouble, thanks. */
  nonRequests: string[];
  /** About personal data, but too vague to name a right: staff decide. */
  vague: string[];
  /** Earlier mail the sender quotes below the reply; its header and its lines. */
  quoteHeaders: string[];
  quotes: string[];
  subjects: { standard: string[]; byRight: Record<Right, string[]>; other: string[] };
  /** Frequent misspellings: [right, wrong]. */
  misspellings: Array<[string, string]>;
}

/** A whole letter written start to end, used as it is (no wrapping, no slots filled). */
export interface WrittenLetter {
  text: string;
  /** Defaults to the standard request subject of the letter's language. */
  subject?: string;
  rights: Right[];
  isRequest: boolean;
  /** Russian typed in Latin letters. */
  translit?: boolean;
}

/** A batch of training-only wording from one author: phrases for the pools (used by the letter
 * generator like the pools' own) and whole letters. */
export interface ExtraBatch {
  language: Language;
  core?: Partial<Record<Right, string[]>>;
  contexts?: Partial<Record<Right, string[]>>;
  combos?: Tagged[];
  negations?: Tagged[];
  conditionals?: Tagged[];
  cues?: Tagged[];
  nonRequests?: string[];
  vague?: string[];
  letters?: WrittenLetter[];
}
