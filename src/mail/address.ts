import { domainToASCII, domainToUnicode } from 'node:url';
import { isEmail } from '../config.js';

// Internationalised addresses (RFC 6532): `jdöe@mächine.example`, `aigerim@пример.қаз`. mailparser
// gives domains in Unicode even when the header had punycode. We keep one form: the domain as
// ASCII (punycode, what DNS and SMTP use, so one mailbox has one spelling for thread lookup and
// rate limits), the local part as written (NFC). People are shown the Unicode form.

/** Pure: the address in its stored form, or null when it is not a usable address. */
export function normalizeAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  const local = address.slice(0, at).normalize('NFC');
  const domain = domainToASCII(address.slice(at + 1).trim());
  if (domain === '') return null;
  const stored = `${local}@${domain}`.toLowerCase();
  return isEmail(stored) ? stored : null;
}

/** Pure: the local part has characters beyond ASCII, so the mail needs SMTPUTF8 to reach it. */
export function needsSmtpUtf8(address: string): boolean {
  return /[^\x00-\x7f]/.test(address.slice(0, address.lastIndexOf('@')));
}

/**
 * Pure: the address as a person reads it: the domain in Unicode, unless a label mixes Latin letters
 * with another script (`mexrоntal` with a Cyrillic о reads as our own name): then, as browsers do,
 * the punycode stays and shows that it is not what it looks like.
 */
export function displayAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const ascii = address.slice(at + 1);
  const unicode = domainToUnicode(ascii);
  const mixed = unicode.split('.').some((label) => /[a-z]/i.test(label) && /[^\x00-\x7f]/.test(label));
  return `${address.slice(0, at)}@${unicode === '' || mixed ? ascii : unicode}`;
}
