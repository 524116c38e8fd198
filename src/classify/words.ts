// Splitting normalised text into words with their stems, and marking the words a negation or an
// "if" covers. Both marks matter for rights: "не удаляйте аккаунт" and "если вы удалите аккаунт,
// я потеряю сертификаты" mention erasure without asking for it.
import type { Language } from '../domain.js';
import { stemKazakh } from './kazakh-stemmer.js';
import { stemEnglish, stemRussian } from './natural.js';
import { fold } from './normalize.js';
import { latinToCyrillic } from './translit.js';

export interface Word {
  /** Normalised, translit mapped to Cyrillic, Kazakh letters folded; punctuation for stops. */
  surface: string;
  /** Stem, a placeholder (#email, #phone, #url, #date, #num), or '' for punctuation. */
  stem: string;
  /** Under a negation: "не"/"not" shortly before, "не нужно"/"емес"/"жоқ" after, or a Kazakh
   * negative verb form ("жоймаңыз"). */
  negated: boolean;
  /** Negated as "no need to": "присылать не нужно", "no need to", "керегі жоқ". Unlike a plain
   * "не присылайте рекламу", this cancels the objects too. */
  strong: boolean;
  /** Inside the condition of an "if" ("если вы удалите ..., то"), or in a threat that follows one
   * ("..., я буду вынужден потребовать удаления"). */
  hypothetical: boolean;
}

// Emails, links, phone numbers and dates become placeholders: a new phone number or birth date
// hints at a correction, the literal value is noise (and personal data).
const PIECES =
  /(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,})|(?<url>(https?:\/\/|www\.)\S+)|(?<date>\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b)|(?<phone>\+?\d[\d ()-]{7,}\d)|(?<word>[\p{L}\p{N}']+)|(?<stop>[.,;:!?()\n\u2026-]+)/gu;

const SENTENCE_END = /[.!?\n\u2026]/;

// Words that negate the next few words of their clause.
const NEGATORS = new Set([
  'не', 'ни', 'нет', 'без', 'not', 'no', 'never', "don't", 'dont', "doesn't", 'without', "didn't", "isn't",
  "aren't", "won't", 'nothing', 'instead', 'вместо',
]);
const NEGATION_SPAN = 6;
// "не" + one of these is "no need": it also covers the words before ("копию присылать не нужно").
const NEED = new Set(['нужно', 'надо', 'требуется', 'стоит', 'нужна', 'нужен', 'нужны', 'need', 'needs']);
// Words that negate the words before them: Kazakh "жою қажет емес", "керегі жоқ".
const POST_NEGATORS = new Set(['емес', 'жок', 'орнына']); // "жою керек емес", "жоюдың орнына"
// Kazakh "I do not ask / want" negates what it governs, which stands before it: "жоюды сұрамаймын".
const ASK_STEMS = new Set(['сура', 'кала', 'тиле']);
const BACK_SPAN = 5;
const ASKING = new Set(['прошу', 'требую', 'настаиваю']);
// A contrast ends the negation: "не удаляйте аккаунт, а только исправьте", "don't delete it but fix".
// So does "and" before the next request: "не присылайте рекламу и удалите аккаунт".
const CONTRAST = new Set([
  'но', 'а', 'только', 'лишь', 'просто', 'but', 'just', 'only', 'тек', 'бирак', 'алайда', 'и', 'and', 'жане', 'also',
  'также',
]);

const IF_WORDS = new Set(['если', 'эсли', 'if', 'егер']); // "esli" transliterates to "эсли"
// "буду благодарен, если удалите", "егер жойсаңыз, алғыс айтар едім" and "if you could delete"
// are polite requests, not conditions.
const POLITE = /^(благодар|признател|grateful|appreciat|thankful|алгыс)/;
const POLITE_IN_IF = new Set(['could', 'would', 'can', 'можете', 'могли', 'сможете', 'возможно', 'можно', 'possible']);
const THEN_WORDS = new Set(['то', 'тогда', 'then']);
// A threat after a condition: what follows in the sentence is not asked for now.
const THREAT = /^(вынужден|вынуждена|вынуждены|придется|потребую|обращусь|напишу|пожалуюсь|подам|will|i'll|we'll|мажбур|жазамын|шагымданамын)$/;
// "иначе я потребую удаления", "otherwise I will ask for deletion": the rest is a threat.
const OTHERWISE = new Set(['иначе', 'otherwise', 'айтпесе']);

export function readWords(text: string, language: Language, translit: boolean): Word[] {
  const out: Word[] = [];
  let negateNext = 0;
  let strongNext = false;
  let clauseStart = 0;
  let sentenceStart = 0;
  let inCondition = false;
  let sentenceHasIf = false;
  let threatened = false;
  for (const match of text.matchAll(PIECES)) {
    const g = match.groups ?? {};
    if (g.stop !== undefined) {
      out.push({ surface: g.stop.replace(/\n/g, '.'), stem: '', negated: false, strong: false, hypothetical: false });
      negateNext = 0;
      strongNext = false;
      inCondition = false;
      clauseStart = out.length;
      if (SENTENCE_END.test(g.stop)) {
        if (sentenceHasIf) unlessPolite(out, sentenceStart);
        if (sentenceHasIf) unlessFallback(out, sentenceStart);
        sentenceStart = out.length;
        sentenceHasIf = false;
        threatened = false;
      }
      continue;
    }
    const placeholder = g.email ? '#email' : g.url ? '#url' : g.date ? '#date' : g.phone ? '#phone' : null;
    if (placeholder) {
      out.push({ surface: placeholder, stem: placeholder, negated: false, strong: false, hypothetical: inCondition || threatened });
      continue;
    }
    let word = g.word ?? '';
    if (/^\d+$/.test(word)) {
      out.push({ surface: word, stem: '#num', negated: false, strong: false, hypothetical: inCondition || threatened });
      continue;
    }
    if (translit && /^[a-z']+$/.test(word)) word = latinToCyrillic(word);
    const surface = fold(word);
    if (POST_NEGATORS.has(surface)) markBefore(out, clauseStart);
    const previous = out[out.length - 1];
    // "удалять данные не прошу": "I do not ask for" negates what stands before it.
    if (ASKING.has(surface) && previous?.surface === 'не') markBefore(out, clauseStart);
    if (NEED.has(surface) && previous && NEGATORS.has(previous.surface)) {
      markBefore(out, clauseStart);
      strongNext = true;
    }
    if (CONTRAST.has(surface)) {
      negateNext = 0;
      strongNext = false;
    }
    // "не нужно больше присылать рекламу" is "stop sending", not "no need to send".
    if (surface === 'больше' && previous && NEED.has(previous.surface) && out[out.length - 2]?.surface === 'не') {
      negateNext = 0;
      strongNext = false;
    }
    if (IF_WORDS.has(surface)) {
      inCondition = true;
      sentenceHasIf = true;
    } else if (THEN_WORDS.has(surface) || (inCondition && POLITE_IN_IF.has(surface))) {
      inCondition = false;
    }
    if (OTHERWISE.has(surface)) threatened = true;
    if (sentenceHasIf && !inCondition && THREAT.test(surface)) {
      threatened = true;
      // Kazakh puts the verb last: "..., деректерімді жоюды талап етуге мәжбүр боламын".
      for (let i = clauseStart; i < out.length; i++) (out[i] as Word).hypothetical = true;
      demandedUnlessDone(out, sentenceStart, clauseStart);
    }
    const { stem, negated } = stemWord(word, language);
    if (negated && ASK_STEMS.has(stem)) markBefore(out, clauseStart);
    out.push({
      surface,
      stem: stem.length < 2 ? '' : stem,
      negated: negated || negateNext > 0,
      strong: strongNext && negateNext > 0,
      hypothetical: inCondition || threatened,
    });
    if (isNegator(word, language)) {
      negateNext = NEGATION_SPAN;
      strongNext = false;
    } else {
      negateNext = Math.max(0, negateNext - 1);
    }
  }
  if (sentenceHasIf) unlessPolite(out, sentenceStart);
  if (sentenceHasIf) unlessFallback(out, sentenceStart);
  return out;
}

/** A fallback, "если удалить нельзя, то хотя бы отпишите", "if you can't delete it, at least
 * unsubscribe me", "кем дегенде": both are asked for, the condition's request included. */
function unlessFallback(out: Word[], sentenceStart: number): void {
  const sentence = out.slice(sentenceStart);
  const at = sentence.findIndex(
    (w, i) =>
      (w.surface === 'хотя' && sentence[i + 1]?.surface === 'бы') ||
      (w.surface === 'least' && sentence[i - 1]?.surface === 'at') ||
      w.surface === 'дегенде' ||
      (w.surface === 'крайней' && sentence[i - 1]?.surface === 'по'),
  );
  if (at < 0) return;
  sentence.forEach((w, i) => {
    w.hypothetical = false;
    // "if it is not possible to delete": the negation is of the possibility, not of the request.
    if (i < at) w.negated = w.strong = false;
  });
}

/** An ultimatum, "если не удалите аккаунт, напишу жалобу" / "if you don't delete it, I will
 * complain": the negated condition is what is demanded, now. */
function demandedUnlessDone(out: Word[], sentenceStart: number, conditionEnd: number): void {
  const condition = out.slice(sentenceStart, conditionEnd);
  if (!condition.some((w) => NEGATORS.has(w.surface))) return;
  for (const w of condition) {
    w.hypothetical = false;
    w.negated = false;
    w.strong = false;
  }
}

/** Kazakh "не" is "what" ("профилімде не жазылғанын көргім келеді"), not "not". */
function isNegator(word: string, language: Language): boolean {
  return NEGATORS.has(word) && !(language === 'kk' && word === 'не');
}

/** A sentence with "if" and a word of thanks is a polite request: nothing in it is hypothetical. */
function unlessPolite(out: Word[], sentenceStart: number): void {
  const sentence = out.slice(sentenceStart);
  if (!sentence.some((w) => POLITE.test(w.surface))) return;
  for (const w of sentence) w.hypothetical = false;
}

/** Mark the words before a postposed negation ("удалять не нужно", "керегі жоқ") inside the
 * clause, as strong negation. */
function markBefore(out: Word[], clauseStart: number): void {
  let marked = 0;
  for (let i = out.length - 1; i >= clauseStart && marked < BACK_SPAN; i--) {
    const w = out[i];
    if (!w || w.stem === '' || w.stem.startsWith('#') || NEGATORS.has(w.surface)) continue;
    w.negated = true;
    w.strong = true;
    marked++;
  }
}

function stemWord(word: string, language: Language): { stem: string; negated: boolean } {
  if (/^[a-z']+$/.test(word)) return { stem: stemEnglish(word.replace(/'/g, '')), negated: false };
  if (language === 'kk') return stemKazakh(word);
  return { stem: stemRussian(word), negated: false };
}
