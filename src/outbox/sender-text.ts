import { isRequesterTemplate, type TemplateName } from './templates.js';

// Text that came from a sender (the display name of a From header) and goes into mail we send to
// someone else. A forger picks the From, so "Prize Desk - claim your reward at https://evil.example"
// would otherwise go out in our greeting, from our address, to whoever the forger named. Rules:
//   - mail to an address nobody has confirmed yet greets without a name;
//   - elsewhere a name is shown only if it carries no URL, no email address and nothing that reads
//     as a domain (`evil.example`, `evil[.]example`); otherwise it is left out, never half-cleaned.
// Mail to staff is internal and shows what the sender wrote.

/** Requester mail sent before the address is confirmed: whoever the From names may not have written. */
export const UNVERIFIED_TEMPLATES: readonly TemplateName[] = ['confirm_request', 'confirm_reminder', 'confirm_expired', 'too_large'];

/** Longer display names are not names. */
export const MAX_NAME_CHARS = 64;

const LINK_LIKE: readonly RegExp[] = [
  /:\/\//, // any scheme://, whatever the scheme
  /\b(?:https?|hxxps?|ftp|mailto|www)\b/i,
  /[@]|[[(]\s*at\s*[\])]/i, // an address, or one spelled out
];

// A dot spelled out, `[.]` or `(dot)`, with at most one blank either side once blanks are collapsed.
// NFKC has already turned full-width dots into `.`; the ideographic full stop is mapped here.
const SPELLED_DOT = / ?[[(] ?(?:\.|dot) ?[\])] ?/giu;
const LETTERS_DIGITS_DOTS = /[\p{L}\p{N}.-]+/gu;
const ENDS_IN_LETTER_OR_DIGIT = /[\p{L}\p{N}]$/u;
const LETTER = /\p{L}/u;

// Domain-like: label.label...tld, the last label two or more letters: `evil.example`, `x.co.uk`, not
// `Dr. Smith`. Found by splitting runs of letters, digits and dots instead of one regular expression:
// a pattern of repeated labels backtracks quadratically on a long run of them.
function carriesDomain(text: string): boolean {
  const t = text.replace(/\s+/g, ' ').replace(SPELLED_DOT, '.').replaceAll('\u3002', '.');
  for (const [run] of t.matchAll(LETTERS_DIGITS_DOTS)) {
    const labels = run.split('.');
    for (let i = 1; i < labels.length; i++) {
      const tld = labels[i]!;
      let letters = 0;
      while (letters < tld.length && LETTER.test(tld[letters]!)) letters++;
      if (letters >= 2 && (letters === tld.length || tld[letters] === '-') && ENDS_IN_LETTER_OR_DIGIT.test(labels[i - 1]!)) return true;
    }
  }
  return false;
}

/** Pure: does this text carry a URL, an email address or a domain name? */
export function carriesLinkOrAddress(text: string): boolean {
  const t = text.normalize('NFKC');
  return LINK_LIKE.some((re) => re.test(t)) || carriesDomain(t);
}

/** Pure: the name as it may appear in our mail, or null to greet without one. */
export function safeDisplayName(name: string | null | undefined): string | null {
  if (!name) return null;
  // Controls and bidi overrides could reorder what the reader sees.
  const clean = name
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length === 0 || clean.length > MAX_NAME_CHARS) return null;
  return carriesLinkOrAddress(clean) ? null : clean;
}

/** Pure: the template's variables with the sender's name made safe for this mail (requester mail only). */
export function withSafeSenderText<V>(template: TemplateName, vars: V): V {
  if (!isRequesterTemplate(template) || typeof vars !== 'object' || vars === null || !('requesterName' in vars)) return vars;
  const name = (vars as { requesterName: string | null }).requesterName;
  const shown = UNVERIFIED_TEMPLATES.includes(template) ? null : safeDisplayName(name);
  return { ...vars, requesterName: shown };
}
