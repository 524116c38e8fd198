import { isEmail } from '../../config.js';
import type { AppContext } from '../../context.js';
import {
  countLoginLinksTo,
  countLoginRequestsFromClient,
  insertLoginRequest,
  loginTokenUsable,
  sweepStaffAuth,
  useLoginToken,
} from '../../db/queries/staff-auth.js';
import { isStaffAddress } from '../../mail/sender.js';
import { enqueueMail } from '../../outbox/enqueue.js';
import type { Renderer } from '../../outbox/render.js';
import { newSecretLink } from '../../outbox/secret-link.js';
import { hashToken, isWellFormedToken, tokenRef } from '../../verify/token.js';

// Sign-in without passwords: an address on STAFF_ADDRESSES gets a single-use link by mail. Every
// address gets the same page back, so the form cannot be used to learn who is staff; only the
// per-client limit (the same for everyone) answers differently. The link is a secret link
// (outbox/secret-link.ts): the outbox row holds a placeholder, the table only the token's hash.

export const LINK_TTL_MS = 15 * 60_000;
const HOUR = 3_600_000;
/** Links mailed to one staff address per hour; past it, no mail (the answer stays the same). */
export const MAX_LINKS_PER_ADDRESS_PER_HOUR = 5;
/** Sign-in requests from one client address per hour, staff or not; past it, 429. */
export const MAX_REQUESTS_PER_CLIENT_PER_HOUR = 20;

export type LinkRequestOutcome = 'mailed' | 'not_staff' | 'address_limited' | 'client_limited' | 'invalid';

export function signInUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/staff/login/${token}`;
}

/** Records the request and, for a staff address within its budget, queues the sign-in mail. */
export async function requestSignInLink(ctx: AppContext, renderer: Renderer, rawEmail: string, client: string): Promise<LinkRequestOutcome> {
  const now = ctx.now();
  const email = rawEmail.trim().toLowerCase();
  const log = ctx.log.child({ component: 'staff-board' });
  return ctx.database.db.transaction(async (tx) => {
    const hourAgo = new Date(now.getTime() - HOUR);
    if ((await countLoginRequestsFromClient(tx, client, hourAgo)) >= MAX_REQUESTS_PER_CLIENT_PER_HOUR) {
      log.info({ msg: 'staff sign-in refused: client over its limit', code: 'PD_STAFF_RATE_LIMITED' });
      return 'client_limited';
    }
    const staff = isEmail(email) && isStaffAddress(email, ctx.config.staffAddresses);
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
    if (!staff) {
      // Counted for the client's limit; the address typed is not kept.
      await insertLoginRequest(tx, { email: null, client, tokenHash: null, createdAt: now, expiresAt });
      return isEmail(email) ? 'not_staff' : 'invalid';
    }
    if ((await countLoginLinksTo(tx, email, hourAgo)) >= MAX_LINKS_PER_ADDRESS_PER_HOUR) {
      await insertLoginRequest(tx, { email: null, client, tokenHash: null, createdAt: now, expiresAt });
      log.info({ msg: 'staff sign-in link not sent: address over its limit', code: 'PD_STAFF_RATE_LIMITED' });
      return 'address_limited';
    }
    const link = newSecretLink(ctx.config.secret, 'staff_login');
    await insertLoginRequest(tx, { email, client, tokenHash: hashToken(link.token), createdAt: now, expiresAt });
    await enqueueMail(tx, { config: ctx.config, renderer, now: ctx.now }, {
      template: 'staff_login',
      language: ctx.config.staffLanguage,
      to: email,
      vars: { signInUrl: signInUrl(ctx.config.http.publicBaseUrl, link.placeholder), expiresAt },
      secretLinks: [link.ref],
    });
    await sweepStaffAuth(tx, now, new Date(now.getTime() - 24 * HOUR));
    log.info({ msg: 'staff sign-in link queued', tokenRef: tokenRef(link.token) });
    return 'mailed';
  });
}

/** Whether the link's GET page should offer the button. */
export async function signInLinkUsable(ctx: AppContext, token: string): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  return loginTokenUsable(ctx.database.db, hashToken(token), ctx.now());
}

/**
 * Uses the link (once) and returns the staff address it was for, or null: unknown, used, expired,
 * or the address has left STAFF_ADDRESSES since.
 */
export async function useSignInLink(ctx: AppContext, token: string): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const email = await useLoginToken(ctx.database.db, hashToken(token), ctx.now());
  if (!email || !isStaffAddress(email, ctx.config.staffAddresses)) return null;
  return email;
}
