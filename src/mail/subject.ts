import { TICKET_NUMBER_RE } from '../tickets/ticket.js';
import { latinToCyrillic } from '../classify/translit.js';

// Does a subject name the request? People type the policy's subject by hand: in any case, with
// quotes, reply/forward prefixes, list tags, trailing words, a typo or two, on a Latin keyboard.
// The phrase must open the subject: the same words inside another sentence (a newsletter titled
// «Как работает запрос на управление данными») are no request.

const PREFIX_RE =
  /^(?:(?:re|fwd?|fw|aw|wg|sv|vs|tr|rv|enc|odp|antw|отв|ответ|пер|перес|переслано|жауап)\s*(?:(?:\[\d+\]|\(\d+\))\s*)?[:：]\s*|\[[^\]]{0,80}\]\s*|\([^)]{0,40}\)\s*)/iu;

/** Lower case, ё→е, prefixes and tags gone, quotes and punctuation gone, spaces collapsed. */
export function normalizeSubject(subject: string): string {
  let s = subject.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
  s = s.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u2060\ufeff]/g, ' ').trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(/^[\s«»"'“”„‟‹›`]+/u, '').replace(PREFIX_RE, '');
    if (next === s) break;
    s = next;
  }
  return s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
      for (const form of forms) if (opensWith(form, p, max)) return true;
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
