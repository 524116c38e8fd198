import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Our Message-IDs say which ticket a mail belongs to and prove that we made them, after
// FreeScout's signed `reply-<id>-<hmac>`: `<pd-DSR-2026-000042-<random>-<hmac>@domain>`, or
// `pd-none-...` for mail outside a ticket (the digest). A reply's In-Reply-To/References then route
// it to the ticket without trusting the subject, and a forged id with a ticket number in it is
// rejected because its signature is wrong.

const PREFIX = 'pd';
const NONE = 'none';
const RANDOM_BYTES = 8;
/** 96 bits of HMAC-SHA256: plenty against guessing, short enough for a header. */
const SIG_HEX = 24;
const TICKET = /^DSR-\d{4}-\d{6,}$/;
const OURS = /^<?pd-(none|DSR-\d{4}-\d{6,})-([0-9a-f]{16})-([0-9a-f]{24})@([^<>@\s]+)>?$/i;

function sign(secret: string, ticket: string, random: string): string {
  return createHmac('sha256', secret).update(`message-id\0${ticket}\0${random}`).digest('hex').slice(0, SIG_HEX);
}

/** A new signed Message-ID, angle brackets included. */
export function makeMessageId(secret: string, domain: string, ticketNumber: string | null): string {
  const ticket = ticketNumber === null ? NONE : ticketNumber.toUpperCase();
  if (ticket !== NONE && !TICKET.test(ticket)) throw new TypeError(`not a ticket number: ${JSON.stringify(ticketNumber)}`);
  if (!/^[a-z0-9.-]+$/i.test(domain)) throw new TypeError(`not a domain: ${JSON.stringify(domain)}`);
  const random = randomBytes(RANDOM_BYTES).toString('hex');
  return `<${PREFIX}-${ticket}-${random}-${sign(secret, ticket, random)}@${domain.toLowerCase()}>`;
}

/**
 * The ticket a Message-ID of ours belongs to (null for mail outside a ticket), or null when the id
 * is not ours or its signature does not match. Case-insensitive: some servers change the case.
 */
export function parseOurMessageId(messageId: string, secret: string): { ticketNumber: string | null } | null {
  const m = OURS.exec(messageId.trim());
  if (!m) return null;
  const ticket = m[1]!.toUpperCase();
  const random = m[2]!.toLowerCase();
  const expected = Buffer.from(sign(secret, ticket === 'NONE' ? NONE : ticket, random), 'hex');
  const given = Buffer.from(m[3]!.toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { ticketNumber: ticket === 'NONE' ? null : ticket };
}

/** The domain part for our Message-IDs: the support address's domain. */
export function messageIdDomain(supportAddress: string): string {
  return supportAddress.slice(supportAddress.lastIndexOf('@') + 1).toLowerCase() || 'localhost';
}
