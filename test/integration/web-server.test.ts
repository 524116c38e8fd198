import { connect, type Socket } from 'node:net';
import { request as httpRequest, Agent } from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tickets } from '../../src/db/schema.js';
import { formToken } from '../../src/verify/token.js';
import { createWebServer, type WebServer } from '../../src/web/server.js';
import { createTestDatabase, describeEachDb } from '../helpers/db.js';
import { boardIntake, insertTicket, latestLink, mailsOf, makeFixture, request, ticketOf, tokensOf, type Fixture } from './verify-support.js';

// The web server over real HTTP on a loopback port: pages, the form and its checks, headers,
// health and metrics, and a stop that answers 503 and closes keep-alive sockets.

describeEachDb('web server', (db, kind) => {
  let fx: Fixture;
  let web: WebServer;
  let base: string;
  let n = 0;
  const addr = () => `web${++n}@example.com`;

  beforeAll(async () => {
    fx = await makeFixture(db());
    web = createWebServer(fx.ctx, fx.deps, boardIntake(fx));
    await web.start();
    base = `http://127.0.0.1:${web.address().port}`;
    fx.config.http.publicBaseUrl = base;
  });
  afterAll(async () => {
    await web?.stop();
  });
  beforeEach(() => {
    fx.clock.set(new Date('2026-03-02T05:00:00Z'));
  });

  async function newLink(over: Parameters<typeof insertTicket>[1] = {}) {
    const t = await insertTicket(db(), { email: addr(), ...over });
    await request(fx, t);
    return { ticket: t, token: await latestLink(db(), t.id) };
  }

  function post(token: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(`${base}/confirm/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  }
  const form = (token: string, action: string) => ({ action, form_token: formToken(fx.config.secret, token) });

  it('GET shows the request with a form and changes nothing, however often it is opened (also HEAD)', async () => {
    const { ticket, token } = await newLink({ rights: ['access', 'portability'] });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/confirm/${token}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(ticket.number);
      expect(html).toContain('w***@e***.com');
      expect(html).not.toContain(ticket.requesterEmail);
      expect(html).toContain('name="form_token"');
      expect(html).toContain('data-page="form"');
    }
    const head = await fetch(`${base}/confirm/${token}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await ticketOf(db(), ticket.id)).status).toBe('unverified');
    expect((await tokensOf(db(), ticket.id))[0]!.usedAt).toBeNull();
    expect(await mailsOf(db(), ticket.id)).toHaveLength(1);
  });

  it('sends the security headers on pages', async () => {
    const { token } = await newLink();
    const res = await fetch(`${base}/confirm/${token}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const css = await fetch(`${base}/assets/page.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('switches language with ?lang= and follows the ticket language otherwise', async () => {
    const { token } = await newLink({ language: 'kk' });
    expect(await (await fetch(`${base}/confirm/${token}`)).text()).toContain('<html lang="kk">');
    const en = await (await fetch(`${base}/confirm/${token}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Confirm request');
    expect(en).toContain(`action="/confirm/${token}?lang=en"`);
  });

  it('POST confirm opens the ticket; a second click says already confirmed (200)', async () => {
    const { ticket, token } = await newLink();
    const res = await post(token, form(token, 'confirm'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-page="confirmed"');
    expect((await ticketOf(db(), ticket.id)).status).toBe('open');

    const again = await post(token, form(token, 'confirm'));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('data-page="already_confirmed"');
    const get = await fetch(`${base}/confirm/${token}`);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('data-page="already_confirmed"');
    expect((await mailsOf(db(), ticket.id)).map((m) => m.template)).toEqual(['confirm_request', 'acknowledgement', 'staff_new_ticket']);
  });

  it('POST reject closes the ticket; the link then answers 409', async () => {
    const { ticket, token } = await newLink();
    const res = await post(token, form(token, 'reject'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-page="rejected"');
    expect((await ticketOf(db(), ticket.id)).status).toBe('rejected');
    expect((await fetch(`${base}/confirm/${token}`)).status).toBe(409);
    expect((await post(token, form(token, 'confirm'))).status).toBe(409);
  });

  it('refuses a POST without the right form token or from another site (CSRF)', async () => {
    const { ticket, token } = await newLink();
    const other = await newLink();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ action: 'confirm' }, {}],
      [{ action: 'confirm', form_token: 'x' }, {}],
      [{ action: 'confirm', form_token: formToken(fx.config.secret, other.token) }, {}],
      [{ action: 'confirm', form_token: formToken('another-secret-another-secret-000', token) }, {}],
      [form(token, 'confirm'), { origin: 'https://evil.example' }],
      [form(token, 'confirm'), { 'sec-fetch-site': 'cross-site' }],
    ];
    for (const [fields, headers] of cases) {
      const res = await post(token, fields, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('data-page="forbidden"');
    }
    const wrongType = await fetch(`${base}/confirm/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    const badAction = await post(token, form(token, 'delete-everything'));
    expect(badAction.status).toBe(400);
    expect((await ticketOf(db(), ticket.id)).status).toBe('unverified');

    // Our own origin, or the "null" origin a no-referrer page sends, is fine.
    const ok = await post(token, form(token, 'confirm'), { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect((await ticketOf(db(), ticket.id)).status).toBe('open');
  });

  it('answers unknown, tampered and expired links with clear pages and 404/410', async () => {
    const { ticket, token } = await newLink();
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const path of [`/confirm/${tampered}`, '/confirm/short', '/confirm/..%2F..%2Fetc', '/confirm/']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('data-page="unknown"');
    }
    expect((await post(tampered, form(tampered, 'confirm'))).status).toBe(404);

    fx.clock.advanceHours(73);
    const expired = await fetch(`${base}/confirm/${token}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('data-page="link_expired"');
    expect((await post(token, form(token, 'confirm'))).status).toBe(410);
    expect((await ticketOf(db(), ticket.id)).status).toBe('unverified');
  });

  it('never logs a token', async () => {
    const { token } = await newLink();
    await fetch(`${base}/confirm/${token}`);
    await post(token, { action: 'confirm' });
    await post(token, form(token, 'confirm'));
    expect(JSON.stringify(fx.logs.lines)).not.toContain(token);
  });

  it('has no other routes or methods', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/admin`)).status).toBe(404);
    const put = await fetch(`${base}/healthz`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    const del = await fetch(`${base}/confirm/x`, { method: 'DELETE' });
    expect(del.status).toBe(405);
  });

  /** One raw HTTP exchange: what is written goes out byte for byte; resolves with all that came back. */
  function rawExchange(port: number, request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(request);
      socket.end();
    });
  }
  const portOf = () => Number(new URL(base).port);
  const hasSecurityHeaders = (head: string) => {
    expect(head).toMatch(/^content-security-policy: default-src 'none'/im);
    expect(head).toMatch(/^x-content-type-options: nosniff/im);
    expect(head).toMatch(/^x-frame-options: DENY/im);
    expect(head).toMatch(/^referrer-policy: no-referrer/im);
  };

  it("builds the 404 page's language links from the route, never from a crafted path", async () => {
    // "/.//evil.example/phish" normalises to the path "//evil.example/phish": as a link, another site.
    const res = await rawExchange(portOf(), `GET /.//evil.example/phish?lang=kk HTTP/1.1\r\nHost: 127.0.0.1:${portOf()}\r\nConnection: close\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 404/);
    expect(res).not.toContain('evil.example');
    expect(res).toContain('href="?lang=ru"');
    expect(res).toContain('href="?lang=en"');
  });

  it('answers a Host it does not serve (DNS rebinding) with 421 and its security headers', async () => {
    const answer = (host: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port: portOf(), path: '/healthz', headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        }).on('error', reject).end();
      });
    const evil = await answer(`rebind.evil.example:${portOf()}`);
    expect(evil.status).toBe(421);
    expect(evil.body).not.toContain('database');
    expect(evil.headers['content-security-policy']).toContain("default-src 'none'");
    expect(evil.headers['x-content-type-options']).toBe('nosniff');
    expect((await answer(`localhost:${portOf()}`)).status).not.toBe(421);
    expect((await answer(new URL(base).host)).status).not.toBe(421);
  });

  it("sends the security headers on Node's own answers to malformed requests (400) and huge headers (431)", async () => {
    const bad = await rawExchange(portOf(), 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNot a header line\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    hasSecurityHeaders(bad);
    const huge = await rawExchange(portOf(), `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    hasSecurityHeaders(huge);
  });

  it('refuses connections beyond HTTP_MAX_CONNECTIONS, answering those within it', async () => {
    const before = fx.config.http.maxConnections;
    fx.config.http.maxConnections = 2;
    const local = createWebServer(fx.ctx, fx.deps, boardIntake(fx));
    fx.config.http.maxConnections = before;
    await local.start();
    const port = local.address().port;
    const open = async () => {
      const s = connect(port, '127.0.0.1');
      await new Promise<void>((r) => s.once('connect', () => r()));
      return s;
    };
    const ask = (s: Socket) =>
      new Promise<string>((resolve) => {
        let answered = '';
        s.on('data', (d: Buffer) => {
          answered += d.toString('latin1');
          if (answered.includes('\r\n\r\n')) resolve(answered);
        });
        s.once('close', () => resolve(answered));
        s.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      });
    const sockets: Socket[] = [];
    try {
      sockets.push(await open());
      // Within the limit: answered, and the connection stays open (keep-alive).
      expect(await ask(sockets[0]!)).toMatch(/^HTTP\/1\.1 (200|503)/);
      sockets.push(await open());
      expect(await ask(sockets[1]!)).toMatch(/^HTTP\/1\.1 (200|503)/);
      // The third is accepted by the kernel and closed by the server at once, unanswered.
      sockets.push(await open());
      expect(await ask(sockets[2]!)).toBe('');
    } finally {
      for (const s of sockets) s.destroy();
      await local.stop();
    }
  });

  it('/healthz reports the database, mailbox and outbox', async () => {
    fx.ctx.status.succeeded('mailbox', undefined, fx.clock.now());
    let res = await fetch(`${base}/healthz`);
    let body = (await res.json()) as Record<string, unknown> & { mailbox: Record<string, unknown>; outbox: Record<string, unknown> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database).toEqual({ ok: true });
    expect(body.mailbox).toMatchObject({ ok: true, secondsSinceLastPoll: 0, lastSuccessAt: fx.clock.now().toISOString() });
    expect(typeof body.outbox.pending).toBe('number');

    // Ten minutes without a successful poll (three intervals of 120 s): failing, and why.
    fx.clock.advanceHours(10 / 60);
    res = await fetch(`${base}/healthz`);
    body = (await res.json()) as typeof body;
    expect(res.status).toBe(503);
    expect(body.status).toBe('failing');
    expect(JSON.stringify(body.reasons)).toContain('mailbox: last successful poll 600 s ago');
  });

  it('/healthz fails with 503 when the database is down', async () => {
    const broken = await createTestDatabase(kind);
    await broken.close();
    const local = createWebServer({ ...fx.ctx, database: broken.database }, fx.deps, boardIntake(fx));
    await local.start();
    try {
      const res = await fetch(`http://127.0.0.1:${local.address().port}/healthz`);
      const body = (await res.json()) as { status: string; database: { ok: boolean; error: string } };
      expect(res.status).toBe(503);
      expect(body.status).toBe('failing');
      expect(body.database.ok).toBe(false);
      expect(body.database.error.length).toBeGreaterThan(0);
    } finally {
      await local.stop();
    }
  });

  it('/metrics counts tickets, messages and the outbox in Prometheus text', async () => {
    fx.ctx.status.count('imap_reconnects_total', 2);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const open = (await db().db.select().from(tickets).where(eq(tickets.status, 'open'))).length;
    expect(text).toContain(`privacy_desk_tickets{status="open"} ${open}`);
    expect(text).toMatch(/privacy_desk_messages_total\{outcome="ticket"\} [1-9]/);
    expect(text).toMatch(/privacy_desk_outbox_backlog\{status="pending"\} [1-9]/);
    expect(text).toContain('privacy_desk_mailbox_seconds_since_last_poll');
    expect(text).toContain('privacy_desk_imap_reconnects_total 2');
  });

  it('stop answers 503 to a request arriving on a kept-alive socket, closes it, and resolves', async () => {
    const local = createWebServer(fx.ctx, fx.deps, boardIntake(fx));
    await local.start();
    const port = local.address().port;
    // An idle keep-alive socket must not hold stop() open.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject).end();
    });

    // A POST in flight (its body not sent yet), then stop, then a second request pipelined behind
    // it. "Expect: 100-continue" makes the server say when it has taken the POST in hand.
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    let received = '';
    let sawContinue: () => void = () => {};
    const continued = new Promise<void>((r) => (sawContinue = r));
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (received.includes('100 Continue')) sawContinue();
    });
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const body = 'action=confirm';
    socket.write(
      `POST /confirm/unknown HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await continued;
    const stopped = local.stop();
    socket.write(`${body}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await closed;
    await stopped;
    agent.destroy();
    const statuses = [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
    expect(statuses).toEqual(['100', '404', '503']);
    expect(received).toMatch(/connection: close/i);
  });
});
