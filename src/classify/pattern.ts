// A cue pattern compiled for Prepared.cueText (lower case, folded, single spaces; see lexicon.ts).
import { fold } from './normalize.js';

// A word ending (`\S*`, `\S+`) is bounded: unbounded, a run of one stem repeated without spaces
// ("информацияинформация…") makes each start scan the whole run, quadratic in its length. No word
// of a real letter has a 40-character ending.

// Most of the ~550 patterns match nowhere in a letter. Led by the word-start lookbehind, V8 tries
// each one at every offset; the same pattern without it is found (or not) by a fast scan for its
// first letters. So each compiled pattern keeps that looser twin: where the twin finds nothing,
// the pattern cannot match (its matches are a subset), and it is not run at all. About three
// times less time for the lexicon, the same answers.
const LOOSE = new WeakMap<RegExp, RegExp>();

/** Compile a pattern for cueText: folded, anchored at a word start, global, Unicode. */
export function compile(pattern: string): RegExp {
  const bounded = fold(pattern).replaceAll('\\S*', '\\S{0,40}').replaceAll('\\S+', '\\S{1,40}');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${bounded})`, 'gu');
  LOOSE.set(re, new RegExp(bounded, 'u'));
  return re;
}

/** The looser twin of a pattern from compile (none for any other). */
export function looseTwin(re: RegExp): RegExp | undefined {
  return LOOSE.get(re);
}

/** False when `re` (from compile) surely does not match `text`; true when it may. */
export function mayMatch(re: RegExp, text: string): boolean {
  return LOOSE.get(re)?.test(text) ?? true;
}
