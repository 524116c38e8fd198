import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { staffLoginRequests, staffSessions } from '../../src/db/schema.js';
import { linkFormToken } from '../../src/web/staff/routes-signin.js';
import { MAX_LINKS_PER_ADDRESS_PER_HOUR, MAX_REQUESTS_PER_CLIENT_PER_HOUR } from '../../src/web/staff/signin.js';
import { describeEachDb } from '../helpers/db.js';
import {
  clearLoginRequests,
  csrfOf,
  get,
  loginMail,
  loginMailCount,
  postForm,
  sessionCookie,
  cookiePair,
  signIn,
  startBoard,
  tokenOf,
  type Board,
} from './staff-board-support.js';

// The staff board's sign-in and sessions over real HTTP, on both databases: the link by mail,
// single use and expiry, GET signing nothing in, the same answer for strangers, idle and maximum
// session life, sign-out (here and everywhere), CSRF and missing sessions.

describeEachDb('staff board sign-in', (db) => {
  let b: Board;

  beforeAll(async () => {
    b = await startBoard(db());
  });
  afterAll(async () => {
    await b?.web.stop();
  });
  beforeEach(async () => {
    b.fx.clock.set(new Date('2026-03-02T05:00:00Z'));
    await clearLoginRequests(db());
  });

  it('GET /staff shows the sign-in form with the strict CSP; other pages send a stranger to it (303)', async () => {
    const res = await get(b, '/staff');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="/staff/login"');
    expect(html).toContain('name="email"');
    expect(html).toMatch(/<label for="email">/);
    expect(html).not.toMatch(/<script/i);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/staff/tickets', '/staff/quarantine', '/staff/tickets/DSR-2026-000001', '/staff/messages/1.eml', '/staff/nothing']) {
      const r = await get(b, path);
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location')).toBe('/staff');
    }
    const css = await get(b, '/assets/board.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('mails a staff address a single-use link; GET shows a button and signs nothing in; POST signs in and 303s to the queue', async () => {
    const asked = await postForm(b, '/staff/login', { email: ' Anna@Mexrontal.com ' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('data-signin="sent"');
    const mail = (await loginMail(db(), 'anna@mexrontal.com'))!;
    expect(mail).toBeDefined();
    expect(mail.language).toBe('en');
    const token = tokenOf(b, mail);
    // The outbox row and the table hold no token: a placeholder and a hash.
    expect(mail.text).not.toContain(token);
    expect(mail.html).not.toContain(token);
    expect(mail.text).toContain(`${b.base}/staff/login/pd-secret-staff_login-`);
    const [req] = await db().db.select().from(staffLoginRequests).where(eq(staffLoginRequests.email, 'anna@mexrontal.com'));
    expect(req!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(req!.expiresAt.getTime() - req!.createdAt.getTime()).toBe(15 * 60_000);

    for (let i = 0; i < 2; i++) {
      const page = await get(b, `/staff/login/${token}`);
      expect(page.status).toBe(200);
      expect(sessionCookie(page)).toBeUndefined();
      const html = await page.text();
      expect(html).toContain(`action="/staff/login/${token}"`);
      expect(html).toContain('name="form_token"');
    }
    expect(await db().db.select().from(staffSessions)).toHaveLength(0);

    // Without the link's form token (a cross-site form) nothing happens.
    expect((await postForm(b, `/staff/login/${token}`, {})).status).toBe(403);
    expect((await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token) }, { origin: 'https://evil.example.net' })).status).toBe(403);

    const res = await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/tickets');
    const set = sessionCookie(res)!;
    expect(set).toMatch(/^pd_staff=[A-Za-z0-9_-]{43}; /);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/staff');
    expect(set).not.toContain('Secure');
    const cookie = cookiePair(set);
    const [session] = await db().db.select().from(staffSessions);
    expect(session!.email).toBe('anna@mexrontal.com');
    expect(session!.idHash).not.toBe(cookie.slice('pd_staff='.length));

    const queue = await get(b, '/staff/tickets', cookie);
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('anna@mexrontal.com');

    // Single use: the link is spent.
    expect((await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token) })).status).toBe(410);
    expect((await get(b, `/staff/login/${token}`)).status).toBe(410);
  });

  it('marks the cookies Secure when PUBLIC_BASE_URL is https', async () => {
    const plain = b.fx.config.http.publicBaseUrl;
    b.fx.config.http.publicBaseUrl = 'https://desk.example.com';
    try {
      await postForm(b, '/staff/login', { email: 'boris@mexrontal.com' });
      const mail = (await loginMail(db(), 'boris@mexrontal.com'))!;
      expect(mail.text).toContain('https://desk.example.com/staff/login/pd-secret-staff_login-');
      const token = tokenOf(b, mail);
      const res = await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token) });
      expect(res.status).toBe(303);
      expect(sessionCookie(res)).toMatch(/; Secure$/);
      const lang = (await get(b, '/staff?lang=ru')).headers.getSetCookie()[0]!;
      expect(lang).toMatch(/^pd_staff_lang=ru; .*Secure/);
    } finally {
      b.fx.config.http.publicBaseUrl = plain;
    }
  });

  it('mails an address under a listed @domain', async () => {
    const cookie = await signIn(b, db(), 'vera@desk.example.org');
    expect((await get(b, '/staff', cookie)).status).toBe(200);
  });

  it('gives a non-staff address the same answer, no mail, nothing kept of it, and no way in', async () => {
    const before = await loginMailCount(db());
    const staffPage = await (await postForm(b, '/staff/login', { email: 'anna@mexrontal.com' })).text();
    const strangers = ['mallory@example.com', 'anna@mexrontal.com.example.net', 'not an address'];
    for (const email of strangers) {
      const res = await postForm(b, '/staff/login', { email });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(staffPage);
      expect(sessionCookie(res)).toBeUndefined();
    }
    expect(await loginMailCount(db())).toBe(before + 1);
    const rows = await db().db.select().from(staffLoginRequests);
    expect(rows.filter((r) => r.email === null && r.tokenHash === null)).toHaveLength(strangers.length);
    expect(JSON.stringify(rows)).not.toContain('mallory');
  });

  it('refuses a link after 15 minutes, and an unknown or malformed one', async () => {
    await postForm(b, '/staff/login', { email: 'boris@mexrontal.com' });
    const token = tokenOf(b, (await loginMail(db(), 'boris@mexrontal.com'))!);
    b.fx.clock.advanceHours(16 / 60);
    expect((await get(b, `/staff/login/${token}`)).status).toBe(410);
    const res = await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token) });
    expect(res.status).toBe(410);
    expect(sessionCookie(res)).toBeUndefined();
    expect((await get(b, `/staff/login/${'x'.repeat(43)}`)).status).toBe(410);
    expect((await get(b, '/staff/login/%E0%A4%A')).status).toBe(410);
  });

  it('ends a session after 8 idle hours, keeps a used one alive, and ends every session after 7 days', async () => {
    const idle = await signIn(b, db(), 'anna@mexrontal.com');
    b.fx.clock.advanceHours(7.9);
    expect((await get(b, '/staff', idle)).status).toBe(200);
    b.fx.clock.advanceHours(7.9);
    expect((await get(b, '/staff', idle)).status).toBe(200);
    b.fx.clock.advanceHours(8.1);
    const gone = await get(b, '/staff/tickets', idle);
    expect(gone.status).toBe(303);
    expect(gone.headers.get('location')).toBe('/staff');

    b.fx.clock.set(new Date('2026-03-02T05:00:00Z'));
    await db().db.delete(staffLoginRequests);
    const busy = await signIn(b, db(), 'anna@mexrontal.com');
    for (let h = 0; h < 7 * 24 - 7; h += 7) {
      b.fx.clock.advanceHours(7);
      expect((await get(b, '/staff/tickets', busy)).status, `after ${h + 7} h`).toBe(200);
    }
    b.fx.clock.advanceHours(7);
    expect((await get(b, '/staff/tickets', busy)).status).toBe(303);
  });

  it('signs out one session, or all of an address with "sign out everywhere"', async () => {
    const one = await signIn(b, db(), 'anna@mexrontal.com');
    const two = await signIn(b, db(), 'anna@mexrontal.com');
    const other = await signIn(b, db(), 'boris@mexrontal.com');
    const csrf1 = csrfOf(await (await get(b, '/staff', one)).text());
    const out = await postForm(b, '/staff/logout', { csrf: csrf1 }, { cookie: one });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff?flash=signed_out');
    expect(sessionCookie(out)).toMatch(/^pd_staff=; .*Max-Age=0/);
    expect((await get(b, '/staff/tickets', one)).status).toBe(303);
    expect((await get(b, '/staff/tickets', two)).status).toBe(200);

    const three = await signIn(b, db(), 'anna@mexrontal.com');
    const csrf2 = csrfOf(await (await get(b, '/staff', two)).text());
    // Another session's token does not sign this one out.
    expect((await postForm(b, '/staff/logout/everywhere', { csrf: csrf1 }, { cookie: two })).status).toBe(403);
    expect((await postForm(b, '/staff/logout/everywhere', { csrf: csrf2 }, { cookie: two })).status).toBe(303);
    expect((await get(b, '/staff/tickets', two)).status).toBe(303);
    expect((await get(b, '/staff/tickets', three)).status).toBe(303);
    expect((await get(b, '/staff/tickets', other)).status).toBe(200);
  });

  it('refuses a POST without the CSRF token (403), from another origin (403), and without a session (303)', async () => {
    const cookie = await signIn(b, db(), 'boris@mexrontal.com');
    const csrf = csrfOf(await (await get(b, '/staff', cookie)).text());
    const path = '/staff/tickets/DSR-2026-000001/note';
    const fields = { updated_at: '2026-03-02T05:00:00.000Z', text: 'hello' };
    expect((await postForm(b, path, fields, { cookie })).status).toBe(403);
    expect((await postForm(b, path, { ...fields, csrf: 'x'.repeat(csrf.length) }, { cookie })).status).toBe(403);
    expect((await postForm(b, path, { ...fields, csrf }, { cookie, origin: 'https://evil.example.net' })).status).toBe(403);
    expect((await postForm(b, path, { ...fields, csrf }, { cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const none = await postForm(b, path, { ...fields, csrf });
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/staff');
    // With both: the placeholder answer, back to the ticket with a flash.
    const ok = await postForm(b, path, { ...fields, csrf }, { cookie });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/staff/tickets/DSR-2026-000001?flash=not_available');
    const q = await postForm(b, '/staff/quarantine/1/dismiss', { csrf }, { cookie });
    expect(q.headers.get('location')).toBe('/staff/quarantine?flash=not_available');
    // A ticket form must say which version of the ticket it was drawn from.
    expect((await postForm(b, path, { csrf, text: 'x' }, { cookie })).status).toBe(400);
  });

  it('limits links per staff address (silently) and requests per client (429)', async () => {
    for (let i = 0; i < MAX_LINKS_PER_ADDRESS_PER_HOUR + 2; i++) {
      const res = await postForm(b, '/staff/login', { email: 'anna@mexrontal.com' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('data-signin="sent"');
    }
    const mails = (await db().db.select().from(staffLoginRequests).where(eq(staffLoginRequests.email, 'anna@mexrontal.com'))).length;
    expect(mails).toBe(MAX_LINKS_PER_ADDRESS_PER_HOUR);
    for (let i = MAX_LINKS_PER_ADDRESS_PER_HOUR + 2; i < MAX_REQUESTS_PER_CLIENT_PER_HOUR; i++) {
      expect((await postForm(b, '/staff/login', { email: `x${i}@example.com` })).status).toBe(200);
    }
    const before = await loginMailCount(db());
    const limited = await postForm(b, '/staff/login', { email: 'boris@mexrontal.com' });
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain('data-signin="limited"');
    expect(await loginMailCount(db())).toBe(before);
    b.fx.clock.advanceHours(1.1);
    expect((await postForm(b, '/staff/login', { email: 'boris@mexrontal.com' })).status).toBe(200);
  });

  it('remembers the language chosen with ?lang= in a cookie', async () => {
    const res = await get(b, '/staff?lang=kk');
    expect(await res.text()).toContain('<html lang="kk">');
    const set = res.headers.getSetCookie().find((c) => c.startsWith('pd_staff_lang='))!;
    expect(set).toContain('Path=/staff');
    const again = await get(b, '/staff', cookiePair(set));
    expect(await again.text()).toContain('<html lang="kk">');
    expect(await (await get(b, '/staff')).text()).toContain('<html lang="en">');
  });
});
