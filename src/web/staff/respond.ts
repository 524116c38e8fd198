import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../context.js';
import { isLanguage, type Language } from '../../domain.js';
import { esc } from '../html.js';
import { sendHtml, sendText } from '../http.js';
import { BOARD_COPY, type BoardCopy, type FlashKey } from './copy.js';
import { renderShell, type BoardSection } from './layout.js';
import { boardCookie, isSecureBase, LANG_COOKIE, readCookies, type StaffSession } from './session.js';

// One board request: its language (`?lang=` wins and is remembered in a cookie, then the cookie,
// then STAFF_LANGUAGE), its copy, and the ways the board answers (a page, a 303, a refusal).

const FLASHES: readonly FlashKey[] = ['not_available', 'signed_out'];
const LANG_COOKIE_SECONDS = 365 * 24 * 3600;

export interface BoardRequest {
  ctx: AppContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  lang: Language;
  c: BoardCopy;
}

export function boardRequest(ctx: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): BoardRequest {
  const query = url.searchParams.get('lang');
  const cookie = readCookies(req).get(LANG_COOKIE);
  let lang: Language = ctx.config.staffLanguage;
  if (query && isLanguage(query)) {
    lang = query;
    res.appendHeader('Set-Cookie', boardCookie(LANG_COOKIE, query, { secure: isSecureBase(ctx.config.http.publicBaseUrl), maxAgeSeconds: LANG_COOKIE_SECONDS }));
  } else if (cookie && isLanguage(cookie)) {
    lang = cookie;
  }
  return { ctx, req, res, url, lang, c: BOARD_COPY[lang] };
}

export function page(r: BoardRequest, status: number, p: { title: string; section: BoardSection; body: string; session?: StaffSession }): void {
  const flash = r.url.searchParams.get('flash');
  sendHtml(
    r.res,
    status,
    renderShell({
      lang: r.lang,
      orgName: r.ctx.config.org.name,
      title: p.title,
      section: p.section,
      body: p.body,
      ...(p.session ? { session: p.session } : {}),
      ...(flash && (FLASHES as readonly string[]).includes(flash) ? { flash: flash as FlashKey } : {}),
    }),
  );
}

/** 303 See Other to one of our own paths. */
export function seeOther(r: BoardRequest, location: string): void {
  sendText(r.res, 303, 'See Other\n', { Location: location });
}

export function forbidden(r: BoardRequest, status = 403, session?: StaffSession): void {
  page(r, status, { title: r.c.errors.forbiddenTitle, section: 'signin', body: `<p data-error="forbidden">${esc(r.c.errors.forbidden)}</p>`, ...(session ? { session } : {}) });
}

export function notFound(r: BoardRequest, session?: StaffSession): void {
  page(r, 404, { title: r.c.errors.notFoundTitle, section: 'signin', body: `<p data-error="not_found">${esc(r.c.errors.notFound)}</p>`, ...(session ? { session } : {}) });
}

export function methodNotAllowed(r: BoardRequest, allow: string): void {
  sendText(r.res, 405, 'Method Not Allowed\n', { Allow: allow });
}

/** The client's address for the per-client limit (the socket's; no proxy header is trusted). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
