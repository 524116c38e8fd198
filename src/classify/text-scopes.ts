// The stretches of a message's cueText a rule looks at around a mention: its sentence, its clause,
// or its sentence with the one before. Each rule's answer is computed once per stretch: a letter
// with thousands of mentions in one unpunctuated "sentence" would otherwise run every rule over
// that sentence again for each mention (quadratic, seconds for 80 KB).
import { mayMatch } from './pattern.js';

// Sentence ends: a punctuation word with . ! ? or … (line breaks became "."). The run before the
// first mark excludes the marks, so a long run of dots is split one way only (no backtracking).
const SENTENCE_BREAKS = / [^\s\p{L}\p{N}#.!?\u2026]*[.!?\u2026][^\s\p{L}\p{N}#]* /gu;
// Clause ends: a sentence end, a semicolon, or "and" / "and then" joining two requests. An
// exclusion ("оценку", "the duplicate payment") speaks only for its own clause: "исправьте
// отчество и выгрузите мои оценки" still corrects the name.
const CLAUSE_BREAKS = / (?:[^\s\p{L}\p{N}#.!?;\u2026]*[.!?;\u2026][^\s\p{L}\p{N}#]*|и|and|а также|also|then|затем|потом|после этого|after that|жане) /gu;

export interface TextScopes {
  /** The sentences, in order. */
  sentences: string[];
  sentenceOf(at: number): number;
  /** Whether `re` matches the sentence, the clause, or the sentence and the one before (not
   * reaching before `firstBody`), around offset `at`. */
  inSentence(re: RegExp, at: number): boolean;
  inClause(re: RegExp, at: number): boolean;
  withPrevious(re: RegExp, at: number): boolean;
}

/** `firstBody`: the offset where the body starts; the sentence before it (the subject) is never
 * "the sentence before" a body sentence. */
export function textScopes(cueText: string, firstBody: number): TextScopes {
  const sentenceSpans = spans(cueText, SENTENCE_BREAKS);
  const clauseSpans = spans(cueText, CLAUSE_BREAKS);
  const sentences = sentenceSpans.map(([from, to]) => cueText.slice(from, to));
  const sentenceOf = (at: number): number => spanAt(sentenceSpans, at);
  const bodySentence = firstBody > 0 ? sentenceOf(firstBody) : 0;
  const memo = new Map<RegExp, Map<string, boolean>>();
  const test = (re: RegExp, key: string, text: () => string): boolean => {
    let answers = memo.get(re);
    if (answers === undefined) memo.set(re, (answers = new Map()));
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = matches(re, text())));
    return answer;
  };
  return {
    sentences,
    sentenceOf,
    inSentence: (re, at) => {
      const i = sentenceOf(at);
      return test(re, `s${i}`, () => sentences[i] ?? '');
    },
    inClause: (re, at) => {
      const i = spanAt(clauseSpans, at);
      const [from, to] = clauseSpans[i] ?? [0, 0];
      return test(re, `c${i}`, () => cueText.slice(from, to));
    },
    withPrevious: (re, at) => {
      const i = sentenceOf(at);
      const text = (): string => (i > bodySentence ? `${sentences[i - 1] ?? ''} . ${sentences[i] ?? ''}` : (sentences[i] ?? ''));
      return test(re, `p${i}`, text);
    },
  };
}

/** The stretches between breaks, as [from, to) offsets; the breaks themselves belong to none. */
function spans(text: string, breaks: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (const m of text.matchAll(breaks)) {
    const at = m.index ?? 0;
    out.push([from, at]);
    from = at + m[0].length;
  }
  out.push([from, text.length]);
  return out;
}

/** The index of the span holding offset `at` (or the one just before it, for an offset inside a
 * break). */
function spanAt(list: Array<[number, number]>, at: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((list[mid]?.[0] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function matches(re: RegExp, text: string): boolean {
  if (!mayMatch(re, text)) return false;
  re.lastIndex = 0;
  return re.test(text);
}
