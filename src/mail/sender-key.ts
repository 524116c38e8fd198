import { addressKey } from './address-key.js';
import { HEADER_CAP_BYTES } from './inbox-file.js';

// The sender of a stored message, read cheaply from its raw header block when it is stored, before
// any parsing: intake processes several messages at once, but never two of one sender at the same
// time, so a request and its follow-up (or two requests of one person) keep their arrival order.
// This key only groups messages for that ordering; who the sender is for routing is decided by the
// full parse (mail/parse.ts, mail/sender.ts). Where the two might disagree (an odd From the parser
// reads differently), the cost is a missed grouping for that one message, never a wrong ticket.

/** Longer than any real From header; what is past it is not read (RFC 5321 caps an address at 256). */
const MAX_FROM_CHARS = 4096;
const SEPARATORS = new Set([' ', '\t', '<', '>', '(', ')', ',', ';', ':', '"', '\\', '[', ']']);

/** The grouping key of the first From address (address-key.ts form), or null when there is none. */
export function senderKeyOf(raw: Buffer): string | null {
  const from = firstHeader(headerText(raw), 'from');
  if (from === null) return null;
  const address = angled(from) ?? bare(from);
  if (address === null) return null;
  let end = address.length;
  while (end > 0 && address[end - 1] === '.') end--;
  const key = addressKey(address.slice(0, end));
  return key.length > 0 && key.length <= 320 ? key : null;
}

// Plain scans, no regular expressions: the header is untrusted and may be long (see regex-safety).

/** The first `<local@domain>`: a display name may hold an address-like text, this is the real one. */
function angled(value: string): string | null {
  let open = value.indexOf('<');
  while (open >= 0) {
    const close = value.indexOf('>', open + 1);
    if (close < 0) return null;
    const inner = value.slice(open + 1, close);
    const next = inner.lastIndexOf('<');
    const candidate = next >= 0 ? inner.slice(next + 1) : inner;
    if (candidate.includes('@') && !/\s/.test(candidate)) return candidate;
    open = value.indexOf('<', close + 1);
  }
  return null;
}

/** The first word with an @ outside quoted strings and comments: `jane@example.org (work)`. */
function bare(value: string): string | null {
  let word = '';
  let quoted = false;
  let comment = 0;
  for (const c of value) {
    if (quoted) {
      if (c === '"') quoted = false;
      continue;
    }
    if (comment > 0) {
      if (c === ')') comment--;
      else if (c === '(') comment++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '(') comment = 1;
    if (SEPARATORS.has(c)) {
      if (word.includes('@')) return word;
      word = '';
    } else {
      word += c;
    }
  }
  return word.includes('@') ? word : null;
}

function headerText(raw: Buffer): string {
  const slice = raw.subarray(0, HEADER_CAP_BYTES);
  const text = slice.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The unfolded value of the first header of that name. */
function firstHeader(head: string, name: string): string | null {
  const lines = head.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(0, colon).trim().toLowerCase() !== name) continue;
    let value = line.slice(colon + 1);
    while (i + 1 < lines.length && (lines[i + 1]!.startsWith(' ') || lines[i + 1]!.startsWith('\t')) && value.length < MAX_FROM_CHARS) {
      value += ' ' + lines[++i]!.trim();
    }
    return value.slice(0, MAX_FROM_CHARS).trim();
  }
  return null;
}
