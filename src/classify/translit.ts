// Russian typed in Latin letters ("proshu udalit moi dannye") mapped back to Cyrillic, so the
// stemmer and the model see one spelling. Users mix several romanisations (ya/ia/ja, kh/h, y/i for
// й), so the rules are forgiving rather than reversible.

const DIGRAPHS: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'],
  ['yu', 'ю'], ['ju', 'ю'], ['ya', 'я'], ['ja', 'я'], ['yo', 'е'], ['jo', 'е'],
  // "iu"/"ia" are ю/я far more often than the rare Russian "иу"/"иа" (радиус, социальный).
  ['iu', 'ю'], ['ia', 'я'],
];

const SINGLE: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', j: 'й', k: 'к', l: 'л', m: 'м',
  n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', w: 'в', q: 'к',
  x: 'кс', "'": 'ь',
};

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** One lower-case Latin word to Cyrillic. Characters that are not Latin letters pass through. */
export function latinToCyrillic(word: string): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const prev = i > 0 ? word[i - 1] : undefined;
    const rest = word.slice(i);
    // The reflexive ending "-tsya" / "-tsja" / "-tsia" is "-тся" (trebuetsya, nravitsja), not "-ця".
    if (i > 0 && /^ts(ya|ja|ia)$/.test(rest)) {
      out += 'тся';
      break;
    }
    // "ye" after a consonant is the plural ending "-ые" (dannye, novye); elsewhere it is "е".
    if (rest.startsWith('ye')) {
      out += prev !== undefined && !VOWELS.has(prev) ? 'ые' : 'е';
      i += 2;
      continue;
    }
    const digraph = DIGRAPHS.find(([latin]) => rest.startsWith(latin));
    if (digraph) {
      out += digraph[1];
      i += digraph[0].length;
      continue;
    }
    const ch = word[i] ?? '';
    if (ch === 'y') {
      // After a vowel "y" is "й" (moy, vashey); after a consonant it is "ы" (vy, dannyh).
      out += prev === undefined || VOWELS.has(prev) ? 'й' : 'ы';
    } else if (ch === 'e' && prev === undefined) {
      out += 'э'; // word-initial e: eto, elektronnuyu
    } else {
      out += SINGLE[ch] ?? ch;
    }
    i += 1;
  }
  return out;
}
