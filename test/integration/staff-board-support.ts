import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { outbox, staffLoginRequests, type OutboxRow } from '../../src/db/schema.js';
import { revealSecretLinks } from '../../src/outbox/secret-link.js';
import { createWebServer, type WebServer } from '../../src/web/server.js';
import { linkFormToken } from '../../src/web/staff/routes-signin.js';
import { makeFixture, type Fixture } from './verify-support.js';

// Shared by the staff board tests: the real web server on a loopback port, sign-in through the
// real flow (the link read back from the staff_login mail in the outbox), and form posts.

export const STAFF_ENV = { STAFF_ADDRESSES: 'anna@mexrontal.com, boris@mexrontal.com, @desk.example.org', STAFF_LANGUAGE: 'en' };

export interface Board {
  fx: Fixture;
  web: WebServer;
  base: string;
}

export async function startBoard(database: Database, env: Record<string, string> = {}): Promise<Board> {
  const fx = await makeFixture(database, { ...STAFF_ENV, ...env });
  const web = createWebServer(fx.ctx, fx.deps);
  await web.start();
  const base = `http://127.0.0.1:${web.address().port}`;
  fx.config.http.publicBaseUrl = base;
  return { fx, web, base };
}

export function postForm(b: Board, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${b.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

export function get(b: Board, path: string, cookie?: string): Promise<Response> {
  return fetch(`${b.base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** The newest sign-in mail to `to`, or undefined. */
export async function loginMail(database: Database, to: string): Promise<OutboxRow | undefined> {
  const [row] = await database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.template, 'staff_login'), eq(outbox.toAddress, to)))
    .orderBy(desc(outbox.id))
    .limit(1);
  return row;
}

export async function loginMailCount(database: Database): Promise<number> {
  return (await database.db.select().from(outbox).where(eq(outbox.template, 'staff_login'))).length;
}

/** The token of a sign-in mail as it goes on the wire. */
export function tokenOf(b: Board, mail: OutboxRow): string {
  const wire = revealSecretLinks(mail, mail.secretLinks, b.fx.config.secret);
  const m = /\/staff\/login\/([A-Za-z0-9_-]{43})\b/.exec(wire.text);
  if (!m) throw new Error('no sign-in link in the mail');
  return m[1]!;
}

/** The session cookie (`pd_staff=...`) a response sets, or undefined. */
export function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('pd_staff='));
}

export function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

/** Asks for a link, uses it, and returns the `pd_staff=...` pair to send as Cookie. */
export async function signIn(b: Board, database: Database, email: string): Promise<string> {
  const asked = await postForm(b, '/staff/login', { email });
  if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}`);
  const mail = await loginMail(database, email.toLowerCase());
  if (!mail) throw new Error(`no sign-in mail to ${email}`);
  const token = tokenOf(b, mail);
  const res = await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token) });
  const set = sessionCookie(res);
  if (res.status !== 303 || !set) throw new Error(`sign-in answered ${res.status}`);
  return cookiePair(set);
}

/** The CSRF field of a page (every board form carries the same one). */
export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf field on the page');
  return m[1]!;
}

export async function clearLoginRequests(database: Database): Promise<void> {
  await database.db.delete(staffLoginRequests);
}
