import { TICKET_NUMBER_RE } from '../tickets/ticket.js';
import { latinToCyrillic } from '../classify/translit.js';

// Does a subject name the request? People type the policy's subject by hand: in any case, with
// quotes, reply/forward prefixes, list tags, a pasted «Тема:» label, trailing words, a typo or two,
// on a Latin keyboard, with a possessive or an adjective put in («…моими персональными данными»).
// The phrase must open the subject: the same words inside another sentence (a newsletter titled
// «Как работает запрос на управление данными») are no request.

const PREFIX_RE =
  /^(?:(?:re|fwd?|fw|aw|wg|sv|vs|tr|rv|enc|odp|antw|отв|ответ|пер|перес|переслано|жауап)\s*(?:(?:\[\d+\]|\(\d+\))\s*)?[:：]\s*|\[[^\]]{0,80}\]\s*|\([^)]{0,40}\)\s*)/iu;

/** The field's name copied along with its value from a form or another mail: «Тема: …», "Subject: …". */
const LABEL_RE = /^(?:тема(?:\s(?:письма|сообщения))?|subject|subj|тақырып|такырып)\s*[:：]\s*/iu;

/** Lower case, ё→е, prefixes, labels and tags gone, quotes and punctuation gone, spaces collapsed. */
export function normalizeSubject(subject: string): string {
  let s = subject.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
  s = s.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g, ' ').trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(/^[\s«»"'“”„‟‹›`]+/u, '').replace(PREFIX_RE, '').replace(LABEL_RE, '');
    if (next === s) break;
    s = next;
  }
  return s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map(oneScript)
    .join(' ');
}

// Keyboard layouts get mixed: «Зaпрос» with a Latin a, "Dаta" with a Cyrillic а. In a word that mixes
// the two alphabets, the letters that look alike are read in the word's main alphabet.
const LATIN_TO_CYRILLIC: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', b: 'в', h: 'н' };
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC).filter(([l]) => l !== 'b' && l !== 'h').map(([l, c]) => [c, l]),
);

/**
 * Pure: a word with both Latin and Cyrillic letters written in one alphabet, when all the letters of
 * the other one have look-alikes (the fewer of them are the ones mistyped); otherwise as it was.
 */
export function oneScript(word: string): string {
  const chars = [...word];
  const latin = chars.filter((ch) => ch >= 'a' && ch <= 'z');
  const cyrillic = chars.filter((ch) => ch >= 'а' && ch <= 'я');
  if (latin.length === 0 || cyrillic.length === 0) return word;
  const toLatin = cyrillic.every((ch) => ch in CYRILLIC_TO_LATIN);
  const toCyrillic = latin.every((ch) => ch in LATIN_TO_CYRILLIC);
  const map = toLatin && (!toCyrillic || cyrillic.length <= latin.length) ? CYRILLIC_TO_LATIN : toCyrillic ? LATIN_TO_CYRILLIC : null;
  return map ? chars.map((ch) => map[ch] ?? ch).join('') : word;
}

/** Kazakh letters folded to the Russian ones people type instead on a Russian keyboard. */
function foldKazakh(s: string): string {
  return s.replace(/[әғқңөұүһі]/g, (c) => KAZAKH_FOLD[c] ?? c);
}
const KAZAKH_FOLD: Record<string, string> = {
  ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и',
};

/** Levenshtein distance with an early exit once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * True when `text` opens with `phrase`, allowing `max` typos. The phrase may be followed only by
 * the end or a word boundary, so «запрос на управление данными срочно» matches and
 * «запрос на управление данныминеправильно» does not.
 */
function opensWith(text: string, phrase: string, max: number): boolean {
  for (let len = Math.max(1, phrase.length - max); len <= phrase.length + max && len <= text.length; len++) {
    if (len < text.length && text[len] !== ' ') continue;
    if (editDistance(text.slice(0, len), phrase, max) <= max) return true;
  }
  return false;
}

function allowedTypos(phrase: string): number {
  return phrase.length >= 16 ? 2 : phrase.length >= 8 ? 1 : 0;
}

/**
 * Words that may stand inside (or just before) the phrase without changing what it asks: whose
 * data and which data. Kazakh words are listed as typed on a Russian keyboard too (foldKazakh).
 */
const MODIFIER_WORDS = new Set([
  'мои', 'мой', 'моя', 'мое', 'свои', 'свой', 'все', 'всех', 'их', 'наши', 'наш',
  'жеке', 'дербес', 'менің', 'менин', 'өзімнің', 'озимнин', 'барлық', 'барлык', 'біздің', 'биздин',
  'my', 'our', 'own', 'all', 'the', 'personal', 'private', 'user', 'customer',
]);
/** Russian adjectives and possessives in the cases that go with the phrase's nouns (моими, личных, срочный). */
const RU_MODIFIER_ENDINGS = ['ыми', 'ими', 'ых', 'их', 'ый', 'ий', 'ой'];
/** At most this many modifier words in all: a longer run is another sentence, not the phrase. */
const MAX_INSERTED = 3;

function isModifier(word: string): boolean {
  if (MODIFIER_WORDS.has(word)) return true;
  return word.length >= 4 && /^[а-я]+$/.test(word) && RU_MODIFIER_ENDINGS.some((e) => word.endsWith(e));
}

/**
 * True when `words` open with the phrase's words in order, with up to MAX_INSERTED modifier words
 * before or between them (never other words), each word within one typo if it is long, `max` in all.
 * «Запрос на управление подпиской» stays no request: «подпиской» is no word of the phrase.
 */
function opensWithWords(words: readonly string[], phrase: readonly string[], max: number): boolean {
  let i = 0;
  let inserted = 0;
  let typos = 0;
  for (const p of phrase) {
    for (;;) {
      const w = words[i++];
      if (w === undefined) return false;
      const limit = Math.min(max - typos, p.length >= 6 ? 1 : 0);
      const d = editDistance(w, p, limit);
      if (d <= limit) {
        typos += d;
        break;
      }
      if (!isModifier(w) || ++inserted > MAX_INSERTED) return false;
    }
  }
  return true;
}

export function matchesRequestSubject(subject: string | null | undefined, subjects: readonly string[]): boolean {
  if (!subject) return false;
  const norm = normalizeSubject(subject);
  if (!norm) return false;
  const forms = new Set([norm, foldKazakh(norm)]);
  if (/[a-z]/.test(norm)) forms.add(foldKazakh(norm.split(' ').map(latinToCyrillic).join(' ')));
  for (const configured of subjects) {
    const phrase = normalizeSubject(configured);
    if (!phrase) continue;
    const phrases = new Set([phrase, foldKazakh(phrase)]);
    for (const p of phrases) {
      const max = allowedTypos(p);
      const words = p.split(' ');
      for (const form of forms) if (opensWith(form, p, max) || opensWithWords(form.split(' '), words, max)) return true;
    }
  }
  return false;
}

/** The ticket number in a subject tag such as `[DSR-2026-000042] Re: …`, upper-cased. */
export function extractTicketNumber(subject: string | null | undefined): string | null {
  if (!subject) return null;
  const m = TICKET_NUMBER_RE.exec(subject);
  return m ? `DSR-${m[1]}-${m[2]}` : null;
}
