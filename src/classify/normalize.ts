// Letter normalisation shared by language detection, cue rules and tokenisation.
// Two levels: `normalize` keeps Kazakh letters (language detection needs them), `fold` maps them to
// their Russian look-alikes so a Kazakh word typed on a Russian keyboard ("кайырлы" for "қайырлы")
// and the proper spelling meet in one token.

// Latin letters that look like Cyrillic ones; people mix them inside Cyrillic words by accident
// (keyboard switch, copy-paste), and Kazakh "і" is often typed as Latin "i".
const LATIN_LOOKALIKES: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', i: 'і',
};

const KAZAKH_FOLD: Record<string, string> = {
  ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и',
};

const CYRILLIC = /[а-яёәғқңөұүһі]/;
const LATIN = /[a-z]/;
// Hyphen splits words here so "e-mail-ом" keeps its Latin part.
const WORD = /[\p{L}\p{N}']+/gu;

/** Lower case, ё→е, typographic quotes and dashes made plain, look-alike Latin letters inside
 * Cyrillic words made Cyrillic. Kazakh letters stay. */
export function normalize(text: string): string {
  const lower = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[’‘`´]/g, "'")
    .replace(/[«»“”„]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\u00a0/g, ' ');
  return lower.replace(WORD, fixMixedWord);
}

function fixMixedWord(word: string): string {
  if (!CYRILLIC.test(word) || !LATIN.test(word)) return word;
  let out = '';
  for (const ch of word) out += LATIN_LOOKALIKES[ch] ?? ch;
  return out;
}

/** Kazakh-specific letters mapped to the Russian letter people type instead. Apply after
 * `normalize`. */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) out += KAZAKH_FOLD[ch] ?? ch;
  return out;
}
