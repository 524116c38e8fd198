// The ways real letters differ from clean text: typos, Russian typed in Latin letters, Kazakh
// typed on a Russian keyboard, everything in lower case.
import type { Random } from './random.js';

const TRANSLIT_STYLES: Array<Record<string, string>> = [
  // the common informal one: zh, kh, ts, ch, sh, sch, y, yu, ya
  { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' },
  // j-style: j, h, c, ju, ja, apostrophe for the soft sign
  { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: "'", э: 'e', ю: 'ju', я: 'ja' },
  // i-style: i for й, h for х, ia/iu
  { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia' },
];

/** Russian text as people type it on a Latin keyboard. */
export function toTranslit(text: string, rnd: Random): string {
  const style = rnd.pick(TRANSLIT_STYLES);
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const latin = style[lower];
    if (latin === undefined) {
      out += ch;
    } else {
      out += ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    }
  }
  return out;
}

const KAZAKH_TO_RUSSIAN: Record<string, string> = {
  ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и',
  Ә: 'А', Ғ: 'Г', Қ: 'К', Ң: 'Н', Ө: 'О', Ұ: 'У', Ү: 'У', Һ: 'Х', І: 'И',
};

/** Kazakh typed on a keyboard without Kazakh letters; sometimes only "і" becomes Latin "i". */
export function withoutKazakhLetters(text: string, rnd: Random): string {
  if (rnd.chance(0.3)) return text.replace(/і/g, 'i').replace(/І/g, 'I');
  let out = '';
  for (const ch of text) out += KAZAKH_TO_RUSSIAN[ch] ?? ch;
  return out;
}

/** A few typos: known misspellings first, otherwise swapped, dropped or doubled letters. */
export function withTypos(text: string, misspellings: Array<[string, string]>, rnd: Random): string {
  let out = text;
  const known = rnd.shuffle(misspellings).filter(([right]) => out.toLowerCase().includes(right));
  for (const [right, wrong] of known.slice(0, 2)) out = replaceWord(out, right, wrong);
  const count = 1 + rnd.int(2);
  // Never inside an address: a typo must not turn example.com into someone's real domain.
  for (let i = 0; i < count; i++) {
    const words = [...out.matchAll(/[\p{L}]{6,}/gu)].filter((m) => !insideAddress(out, m.index ?? 0, m[0].length));
    if (words.length === 0) break;
    const match = rnd.pick(words);
    const word = match[0];
    const at = 1 + rnd.int(word.length - 2);
    const kind = rnd.int(3);
    const typo =
      kind === 0
        ? word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2)
        : kind === 1
          ? word.slice(0, at) + word.slice(at + 1)
          : word.slice(0, at) + (word[at] ?? '') + word.slice(at);
    out = out.slice(0, match.index) + typo + out.slice((match.index ?? 0) + word.length);
  }
  return out;
}

function insideAddress(text: string, at: number, length: number): boolean {
  const start = Math.max(text.lastIndexOf(' ', at), text.lastIndexOf('\n', at)) + 1;
  const end = text.slice(at + length).search(/\s/);
  const token = text.slice(start, end < 0 ? undefined : at + length + end);
  return token.includes('@') || /\.(com|org|net)\b/.test(token);
}

function replaceWord(text: string, right: string, wrong: string): string {
  const at = text.toLowerCase().indexOf(right);
  if (at < 0) return text;
  const original = text.slice(at, at + right.length);
  const cased = original[0] !== original[0]?.toLowerCase() ? wrong.charAt(0).toUpperCase() + wrong.slice(1) : wrong;
  return text.slice(0, at) + cased + text.slice(at + right.length);
}

/** A hurried one-liner: lower case, no final full stop. */
export function casual(text: string): string {
  // (A loop, not /[.!]+\s*$/: that regex retries at every mark of a long run.)
  const lower = text.toLowerCase();
  const trimmed = lower.trimEnd();
  let end = trimmed.length;
  while (end > 0 && (trimmed[end - 1] === '.' || trimmed[end - 1] === '!')) end--;
  return end < trimmed.length ? lower.slice(0, end) : lower;
}
