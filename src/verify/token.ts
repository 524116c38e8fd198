import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Confirmation tokens: 256 bits in base64url (derived at send time from a stored nonce and
// APP_SECRET, outbox/secret-link.ts), sent in the link and never stored or logged; the database
// keeps their SHA-256. A lookup by hash leaks nothing useful through timing
// (an attacker cannot choose hashes), so the only secret compare in code is the form token below.

const TOKEN_BYTES = 32;
/** base64url of 32 bytes, without padding. */
export const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function isWellFormedToken(value: string): boolean {
  return TOKEN_RE.test(value);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What logs may say about a token: a short prefix of its hash, enough to match two log lines. */
export function tokenRef(token: string): string {
  return hashToken(token).slice(0, 10);
}

/**
 * The hidden form field of the confirmation page: an HMAC of the token's hash under the app
 * secret, so a form can only be posted for the link it was shown for.
 */
export function formToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`pd-form:${hashToken(token)}`).digest('base64url');
}

export function checkFormToken(secret: string, token: string, given: string | undefined): boolean {
  if (!given) return false;
  const want = Buffer.from(formToken(secret, token));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Where a link stands, decided from the stored row and the ticket it belongs to. */
export type LinkState =
  | 'valid' // unused, not expired, ticket waiting for confirmation
  | 'confirmed' // the request was confirmed (by this link or another one of the same ticket)
  | 'rejected' // the requester said "this was not me"
  | 'expired' // the link is past its time, the ticket still waits
  | 'request_expired' // the ticket itself expired unconfirmed
  | 'used'; // used, and the ticket moved on in a way none of the above covers

export interface TokenFacts {
  expiresAt: Date;
  usedAt: Date | null;
  usedFor: 'confirm' | 'reject' | null;
}

/** Pure decision: what this link means now, given its row and the ticket's status. */
export function linkState(token: TokenFacts, ticketStatus: string, now: Date): LinkState {
  if (ticketStatus === 'rejected') return 'rejected';
  if (ticketStatus === 'expired') return 'request_expired';
  // Confirmed, and since then worked on or closed by staff.
  if (ticketStatus !== 'unverified') return 'confirmed';
  // The ticket is unverified from here on.
  if (token.usedAt) return 'used';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}
