import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Renderer } from '../../outbox/render.js';
import { hashToken, isWellFormedToken, tokenRef } from '../../verify/token.js';
import { BodyError, readForm, sameOriginPost } from '../http.js';
import { linkButtonBody, linkInvalidBody, linkSentBody, limitedBody, signInFormBody } from './pages-signin.js';
import { clientAddress, forbidden, page, seeOther, type BoardRequest } from './respond.js';
import { boardCookie, checkCsrf, endSession, isSecureBase, MAX_LIFE_MS, SESSION_COOKIE, startSession, type StaffSession } from './session.js';
import { requestSignInLink, signInLinkUsable, useSignInLink } from './signin.js';

// The sign-in and sign-out routes. POST /staff/login answers the same page for every address;
// GET /staff/login/<token> shows a button and signs nothing in; only its POST, with the form token
// of that very link, uses the link and starts a session.

export function signInForm(r: BoardRequest, status = 200): void {
  page(r, status, { title: r.c.signIn.title, section: 'signin', body: signInFormBody(r.c) });
}

export async function postLogin(r: BoardRequest, renderer: Renderer): Promise<void> {
  const form = await formOf(r);
  if (!form) return;
  if (!sameOriginPost(r.req, r.ctx.config.http.publicBaseUrl)) return forbidden(r);
  const outcome = await requestSignInLink(r.ctx, renderer, form.get('email') ?? '', clientAddress(r.req));
  if (outcome === 'client_limited') {
    page(r, 429, { title: r.c.signIn.limitedTitle, section: 'signin', body: limitedBody(r.c) });
    return;
  }
  // Mailed, not staff, over the address's budget or not an address at all: the same page.
  page(r, 200, { title: r.c.signIn.sentTitle, section: 'signin', body: linkSentBody(r.c) });
}

/** The hidden field of the link's page: good only for that link. */
export function linkFormToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`pd-staff-login-form:${hashToken(token)}`).digest('base64url');
}

function linkFormOk(secret: string, token: string, given: string | null): boolean {
  if (!given || !isWellFormedToken(token)) return false;
  const want = Buffer.from(linkFormToken(secret, token));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

export async function getLoginLink(r: BoardRequest, token: string): Promise<void> {
  if (!(await signInLinkUsable(r.ctx, token))) {
    page(r, 410, { title: r.c.signIn.invalidTitle, section: 'signin', body: linkInvalidBody(r.c) });
    return;
  }
  page(r, 200, { title: r.c.signIn.linkTitle, section: 'signin', body: linkButtonBody(r.c, `/staff/login/${token}`, linkFormToken(r.ctx.config.secret, token)) });
}

export async function postLoginLink(r: BoardRequest, token: string): Promise<void> {
  const form = await formOf(r);
  if (!form) return;
  const log = r.ctx.log.child({ component: 'staff-board' });
  if (!sameOriginPost(r.req, r.ctx.config.http.publicBaseUrl) || !linkFormOk(r.ctx.config.secret, token, form.get('form_token'))) {
    log.info({ msg: 'staff sign-in form refused', code: 'PD_CSRF', tokenRef: tokenRef(token) });
    return forbidden(r);
  }
  const email = await useSignInLink(r.ctx, token);
  if (!email) {
    log.info({ msg: 'staff sign-in link refused', code: 'PD_STAFF_LINK_INVALID', tokenRef: tokenRef(token) });
    page(r, 410, { title: r.c.signIn.invalidTitle, section: 'signin', body: linkInvalidBody(r.c) });
    return;
  }
  const id = await startSession(r.ctx, email);
  r.res.appendHeader(
    'Set-Cookie',
    boardCookie(SESSION_COOKIE, id, { secure: isSecureBase(r.ctx.config.http.publicBaseUrl), maxAgeSeconds: Math.floor(MAX_LIFE_MS / 1000) }),
  );
  log.info({ msg: 'staff signed in', staff: email, tokenRef: tokenRef(token) });
  seeOther(r, '/staff/tickets');
}

export async function postLogout(r: BoardRequest, session: StaffSession, everywhere: boolean): Promise<void> {
  const form = await formOf(r);
  if (!form) return;
  if (!sameOriginPost(r.req, r.ctx.config.http.publicBaseUrl) || !checkCsrf(session, form.get('csrf'))) return forbidden(r, 403, session);
  await endSession(r.ctx, session, everywhere);
  r.res.appendHeader('Set-Cookie', boardCookie(SESSION_COOKIE, '', { secure: isSecureBase(r.ctx.config.http.publicBaseUrl), maxAgeSeconds: 0 }));
  r.ctx.log.child({ component: 'staff-board' }).info({ msg: everywhere ? 'staff signed out everywhere' : 'staff signed out', staff: session.email });
  seeOther(r, '/staff?flash=signed_out');
}

/** The posted form, or null after answering a 4xx for a body that is not one. */
export async function formOf(r: BoardRequest, limit?: number): Promise<URLSearchParams | null> {
  try {
    return await readForm(r.req, limit);
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    forbidden(r, err.status);
    return null;
  }
}
