import { addressKey } from './address-key.js';
import { HEADER_CAP_BYTES } from './inbox-file.js';

// The sender of a stored message, read cheaply from its raw header block when it is stored, before
// any parsing: intake processes several messages at once, but never two of one sender at the same
// time, so a request and its follow-up (or two requests of one person) keep their arrival order.
// This key only groups messages for that ordering; who the sender is for routing is decided by the
// full parse (mail/parse.ts, mail/sender.ts). Where the two might disagree (an odd From the parser
// reads differently), the cost is a missed grouping for that one message, never a wrong ticket.

const ANGLE = /<([^<>\s]+@[^<>\s]+)>/g;
const BARE = /[^\s<>(),;:"\\[\]]+@[^\s<>(),;:"\\[\]]+/;

/** The grouping key of the first From address (address-key.ts form), or null when there is none. */
export function senderKeyOf(raw: Buffer): string | null {
  const head = headerText(raw);
  const from = firstHeader(head, 'from');
  if (from === null) return null;
  // A display name may hold an address-like text; the address in angle brackets is the real one.
  const angled = [...from.matchAll(ANGLE)].map((m) => m[1]!);
  const address = angled[0] ?? BARE.exec(from.replace(/"[^"]*"|\([^)]*\)/g, ' '))?.[0] ?? null;
  if (address === null) return null;
  const key = addressKey(address.replace(/\.+$/, ''));
  return key.length > 0 && key.length <= 320 ? key : null;
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
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1]!)) value += ' ' + lines[++i]!.trim();
    return value.trim();
  }
  return null;
}
