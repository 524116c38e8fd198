// The shape of one right's words (one file per right beside this one).
import type { Right } from '../../domain.js';

/** Patterns that count only in a sentence matching `requires`, or not matching `unless`. */
export interface GuardedPatterns {
  patterns: string[];
  negatable: boolean;
  requires?: string;
  unless?: string;
  /** A description rather than a request ("неверный адрес", "my new number", "ескі нөмір"): it
   * counts only in a letter that asks for no other right, or in a sentence giving the new value.
   * "I believe my data is inaccurate; stop processing it" asks for restriction alone. */
  weak?: boolean;
}

export interface RightLexicon {
  right: Right;
  /** The words that ask for the right; a negation before one cancels it ("не удаляйте"). */
  words: string[];
  /** Words whose negation is itself the request ("не присылайте рекламу", "пайдаланбаңыз"). */
  refusals?: string[];
  guarded?: GuardedPatterns[];
  /** A mention in a sentence matching this does not count ("change my password"). */
  exclusion?: string;
  /** A mention counts only when its sentence (or the one before) matches this. */
  requirement?: string;
  /** Key stems also found when misspelt by one letter (see FUZZY_STEMS). */
  fuzzy?: string[];
}
