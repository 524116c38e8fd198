import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../../context.js';
import { deleteSession, deleteSessionsOf, insertSession, liveSession, sweepStaffAuth, touchSession } from '../../db/queries/staff-auth.js';
import { isStaffAddress } from '../../mail/sender.js';
import { generateToken, hashToken, isWellFormedToken } from '../../verify/token.js';

// Staff sessions: a random 256-bit id in a cookie (HttpOnly, SameSite=Strict, Path=/staff, Secure
// over https), its SHA-256 in the database with an expiry, so any instance can read it and a
// database dump cannot be replayed as a cookie. A session lives 8 hours past its last request and
// 7 days at most. Forms carry a CSRF token derived from the session (HMAC under APP_SECRET), so a
// token is good for one session only and nothing extra is stored.

export const SESSION_COOKIE = 'pd_staff';
export const LANG_COOKIE = 'pd_staff_lang';
export const IDLE_MS = 8 * 3_600_000;
export const MAX_LIFE_MS = 7 * 24 * 3_600_000;
/** A session's last-seen time is written at most this often (a page load reads, rarely writes). */
const TOUCH_EVERY_MS = 60_000;

export interface StaffSession {
  email: string;
  idHash: string;
  csrf: string;
}

/** The expiry of a session created at `createdAt` and last seen at `seenAt`. */
export function sessionExpiry(createdAt: Date, seenAt: Date): Date {
  return new Date(Math.min(seenAt.getTime() + IDLE_MS, createdAt.getTime() + MAX_LIFE_MS));
}

export function csrfToken(secret: string, idHash: string): string {
  return createHmac('sha256', secret).update(`pd-staff-csrf:${idHash}`).digest('base64url');
}

export function checkCsrf(session: StaffSession, given: string | null): boolean {
  if (!given) return false;
  const want = Buffer.from(session.csrf);
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Cookies of a request by name (the first of a name wins). */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** A Set-Cookie value for the board: `maxAgeSeconds` 0 deletes it. */
export function boardCookie(name: string, value: string, opts: { secure: boolean; maxAgeSeconds: number; httpOnly?: boolean }): string {
  const parts = [`${name}=${value}`, 'Path=/staff', 'SameSite=Strict', `Max-Age=${opts.maxAgeSeconds}`];
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

export function isSecureBase(publicBaseUrl: string): boolean {
  return publicBaseUrl.startsWith('https:');
}

/** Starts a session; returns the cookie value (the only place the id exists). */
export async function startSession(ctx: AppContext, email: string): Promise<string> {
  const id = generateToken();
  const now = ctx.now();
  await insertSession(ctx.database.db, { idHash: hashToken(id), email, now, expiresAt: sessionExpiry(now, now) });
  // Housekeeping at each sign-in: expired sessions and day-old sign-in requests go.
  await sweepStaffAuth(ctx.database.db, now, new Date(now.getTime() - 24 * 3_600_000));
  return id;
}

/** The session of a request, extended by this request; null without a live one. */
export async function currentSession(ctx: AppContext, req: IncomingMessage): Promise<StaffSession | null> {
  const id = readCookies(req).get(SESSION_COOKIE);
  if (!id || !isWellFormedToken(id)) return null;
  const idHash = hashToken(id);
  const now = ctx.now();
  const row = await liveSession(ctx.database.db, idHash, now);
  // An address taken off STAFF_ADDRESSES loses its sessions at its next request.
  if (!row || !isStaffAddress(row.email, ctx.config.staffAddresses)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(ctx.database.db, row.id, now, sessionExpiry(row.createdAt, now));
  }
  return { email: row.email, idHash, csrf: csrfToken(ctx.config.secret, idHash) };
}

export async function endSession(ctx: AppContext, session: StaffSession, everywhere: boolean): Promise<void> {
  if (everywhere) await deleteSessionsOf(ctx.database.db, session.email);
  else await deleteSession(ctx.database.db, session.idHash);
}
