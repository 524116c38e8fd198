// The addresses a display name carries. The name is free text the sender chooses, and many mail
// clients show it alone: `"help@mexrontal.com" <someone@evil.example>` reads as our own address.
// So the name is folded the way a reader's eye folds it before we look: width forms (＠),
// case, Cyrillic and Greek letters drawn like Latin ones, invisible characters, and spaces around
// the @. Only tokens with an @ come out, so ordinary names (Cyrillic ones too) yield nothing.

/** Zero-width, joiner, bidi-control and filler characters: they change nothing a reader sees. */
const INVISIBLE_RE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/** What ends an address inside a sentence: spaces, brackets, quotes and punctuation other than . - _ + @. */
const SEPARATOR_RE = /[\s<>()[\]{}"'`«»“”‘’„,;:!?|\\/*=]+/u;

/** Letters of other scripts that look like the Latin letter they stand for (both cases). */
const LOOKALIKE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  һ: 'h', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', ԛ: 'q', ԝ: 'w',
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x',
  Һ: 'h', І: 'i', Ј: 'j', Ѕ: 's', Ӏ: 'l',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  Α: 'a', Β: 'b', Ε: 'e', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Χ: 'x', Υ: 'y', Ζ: 'z',
};

function trimDots(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && token[start] === '.') start++;
  while (end > start && token[end - 1] === '.') end--;
  return token.slice(start, end);
}

/** Pure: the address-like tokens in a display name, folded to lower-case Latin. */
export function addressesInName(name: string | null | undefined): string[] {
  if (!name) return [];
  const nfkc = name.normalize('NFKC').replace(INVISIBLE_RE, '');
  if (!nfkc.includes('@')) return [];
  const folded = Array.from(nfkc, (c) => LOOKALIKE[c] ?? c).join('').toLowerCase();
  // «help @ mexrontal.com» reads as one address: the spaces around each @ go.
  const joined = folded.split('@').map((part) => part.trim()).join('@');
  return joined
    .split(SEPARATOR_RE)
    .map(trimDots)
    .filter((t) => {
      const at = t.indexOf('@');
      return at > 0 && at < t.length - 1;
    });
}
