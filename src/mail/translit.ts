// Russian typed in Latin letters ("Zapros na upravlenie dannymi") mapped back to Cyrillic. Covers
// the common informal schemes (GOST-like, passport, "volapuk"); the result feeds fuzzy matching,
// so a letter or two off is fine.

const MULTI: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'], ['tz', 'ц'], ['ch', 'ч'],
  ['sh', 'ш'], ['yu', 'ю'], ['ju', 'ю'], ['iu', 'ю'], ['ya', 'я'], ['ja', 'я'], ['ia', 'я'],
  ['yo', 'е'], ['jo', 'е'], ['ye', 'е'], ['je', 'е'], ['yi', 'ый'], ['iy', 'ий'], ['ij', 'ий'],
];

const SINGLE: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', w: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', j: 'й', k: 'к', l: 'л',
  m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', y: 'ы',
  x: 'кс', q: 'к', "'": 'ь', '`': 'ъ',
};

export function translitToCyrillic(text: string): string {
  let out = '';
  const s = text.toLowerCase();
  let i = 0;
  outer: while (i < s.length) {
    for (const [lat, cyr] of MULTI) {
      if (s.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    const c = s[i]!;
    out += SINGLE[c] ?? c;
    i++;
  }
  return out;
}
