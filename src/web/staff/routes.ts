import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../context.js';
import { addWorkingDays } from '../../deadlines/working-days.js';
import { quarantined } from '../../db/queries/messages.js';
import { queuePage } from '../../db/queries/staff-list.js';
import { rawMessage, ticketStory } from '../../db/queries/staff-ticket.js';
import type { Renderer } from '../../outbox/render.js';
import { loadDigest } from '../../sla/digest-load.js';
import { send, sameOriginPost } from '../http.js';
import { handleBoardPost, isTicketAction, type BoardTarget } from './actions.js';
import { DUE_SOON_DAYS } from './format.js';
import { dashboardBody } from './pages-dashboard.js';
import { PAGE_SIZE, parseQueueQuery, queueBody, queueQueryString } from './pages-queue.js';
import { quarantineBody } from './pages-quarantine.js';
import { ticketBody } from './pages-ticket.js';
import { boardRequest, forbidden, methodNotAllowed, notFound, page, seeOther, type BoardRequest } from './respond.js';
import { formOf, getLoginLink, postLogin, postLoginLink, postLogout, signInForm } from './routes-signin.js';
import { checkCsrf, currentSession, type StaffSession } from './session.js';

// The staff board's router: every path under /staff. The sign-in pages are open; every other page
// needs a session (303 to /staff without one), and every POST also the same-origin check and the
// session's CSRF token. Pages send the confirmation pages' CSP: no script at all.

export interface StaffRoutes {
  /** Answers the request; returns a route name for the log (never a token). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<string>;
}

export function isStaffPath(pathname: string): boolean {
  return pathname === '/staff' || pathname.startsWith('/staff/');
}

const LOGIN_LINK = /^\/staff\/login\/([^/]+)$/;
const TICKET = /^\/staff\/tickets\/([^/]+)$/;
const TICKET_ACTION = /^\/staff\/tickets\/([^/]+)\/([a-z_]+)$/;
const QUARANTINE_ACTION = /^\/staff\/quarantine\/(\d{1,15})\/(open|dismiss)$/;
const RAW_MESSAGE = /^\/staff\/messages\/(\d{1,15})\.eml$/;
/** Reply and note texts are longer than the sign-in form. */
const ACTION_FORM_LIMIT = 256 * 1024;

export function createStaffRoutes(ctx: AppContext, renderer: Renderer): StaffRoutes {
  return {
    async handle(req, res, url) {
      const r = boardRequest(ctx, req, res, url);
      const method = req.method ?? 'GET';
      const read = method === 'GET' || method === 'HEAD';
      const path = url.pathname.replace(/\/$/, '') || '/staff';

      // The open part: the sign-in form, the link request, the link.
      if (path === '/staff/login') {
        if (method === 'POST') await postLogin(r, renderer);
        else methodNotAllowed(r, 'POST');
        return 'staff:login';
      }
      const link = LOGIN_LINK.exec(path);
      if (link) {
        const token = decodeSafe(link[1]!);
        if (read) await getLoginLink(r, token);
        else if (method === 'POST') await postLoginLink(r, token);
        else methodNotAllowed(r, 'GET, HEAD, POST');
        return 'staff:login-link';
      }

      const session = await currentSession(ctx, req);
      if (path === '/staff' && read && !session) {
        signInForm(r);
        return 'staff:signin';
      }
      if (!session) {
        ctx.log.child({ component: 'staff-board' }).debug({ msg: 'staff page without a session', code: 'PD_STAFF_SESSION', method });
        seeOther(r, '/staff');
        return 'staff:no-session';
      }
      if (method === 'POST') return post(r, session, path);
      if (read) return get(r, session, path);
      methodNotAllowed(r, 'GET, HEAD, POST');
      return 'staff:method';
    },
  };

  async function get(r: BoardRequest, session: StaffSession, path: string): Promise<string> {
    const now = ctx.now();
    const view = { lang: r.lang, timeZone: ctx.config.org.timeZone, calendar: ctx.calendar, now, session };
    if (path === '/staff') {
      const digest = await loadDigest(ctx.database.db, ctx, now);
      page(r, 200, { title: r.c.dashboard.title, section: 'dashboard', session, body: dashboardBody(r.c, digest) });
      return 'staff:dashboard';
    }
    if (path === '/staff/tickets') {
      const query = parseQueueQuery(r.url.searchParams);
      const dueSoonUntil = addWorkingDays(now, DUE_SOON_DAYS, { calendar: ctx.calendar, timeZone: ctx.config.org.timeZone }).dueAt;
      const data = await queuePage(ctx.database.db, query.filter, { now, dueSoonUntil, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE });
      if (data.rows.length === 0 && data.total > 0) {
        // A page past the end (the queue shrank since the link was drawn): the last page instead.
        seeOther(r, `/staff/tickets${queueQueryString(query.filter, Math.ceil(data.total / PAGE_SIZE))}`);
        return 'staff:queue';
      }
      page(r, 200, { title: r.c.queue.title, section: 'queue', session, body: queueBody(r.c, query, data, view) });
      return 'staff:queue';
    }
    if (path === '/staff/quarantine') {
      const list = await quarantined(ctx.database.db);
      page(r, 200, { title: r.c.quarantine.title, section: 'quarantine', session, body: quarantineBody(r.c, list, view) });
      return 'staff:quarantine';
    }
    const t = TICKET.exec(path);
    if (t) {
      const story = await ticketStory(ctx.database.db, decodeSafe(t[1]!));
      if (!story) notFound(r, session);
      else page(r, 200, { title: story.ticket.number, section: 'ticket', session, body: ticketBody(r.c, story, view) });
      return 'staff:ticket';
    }
    const m = RAW_MESSAGE.exec(path);
    if (m) {
      const id = Number(m[1]);
      const raw = await rawMessage(ctx.database.db, id);
      if (!raw) {
        notFound(r, session);
        return 'staff:eml';
      }
      ctx.log.child({ component: 'staff-board' }).info({ msg: 'raw message downloaded', messageRowId: id, staff: session.email });
      send(r.res, 200, 'message/rfc822', raw, { 'Content-Disposition': `attachment; filename="message-${id}.eml"` });
      return 'staff:eml';
    }
    notFound(r, session);
    return 'staff:not-found';
  }

  async function post(r: BoardRequest, session: StaffSession, path: string): Promise<string> {
    if (path === '/staff/logout' || path === '/staff/logout/everywhere') {
      await postLogout(r, session, path === '/staff/logout/everywhere');
      return 'staff:logout';
    }
    const target = boardPostTarget(path);
    if (!target) {
      notFound(r, session);
      return 'staff:not-found';
    }
    const form = await formOf(r, ACTION_FORM_LIMIT);
    if (!form) return 'staff:action';
    if (!sameOriginPost(r.req, ctx.config.http.publicBaseUrl) || !checkCsrf(session, form.get('csrf'))) {
      ctx.log.child({ component: 'staff-board' }).info({ msg: 'board form refused', code: 'PD_CSRF', staff: session.email });
      forbidden(r, 403, session);
      return 'staff:action';
    }
    // A ticket form says which version of the ticket it was drawn from (the race check needs it).
    if (target.kind === 'ticket' && Number.isNaN(Date.parse(form.get('updated_at') ?? ''))) {
      forbidden(r, 400, session);
      return 'staff:action';
    }
    const answer = await handleBoardPost(ctx, session, { ...target, form });
    seeOther(r, answer.location);
    return 'staff:action';
  }
}

/** What a POST path acts on, or null. */
function boardPostTarget(path: string): BoardTarget | null {
  const t = TICKET_ACTION.exec(path);
  if (t) {
    const action = t[2]!;
    return isTicketAction(action) ? { kind: 'ticket', ticketNumber: decodeSafe(t[1]!), action } : null;
  }
  const q = QUARANTINE_ACTION.exec(path);
  if (q) return { kind: 'quarantine', messageId: Number(q[1]), action: q[2] as 'open' | 'dismiss' };
  return null;
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
