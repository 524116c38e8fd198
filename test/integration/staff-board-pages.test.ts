import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messages, tickets } from '../../src/db/schema.js';
import type { Right, TicketStatus } from '../../src/domain.js';
import { describeEachDb } from '../helpers/db.js';
import { csrfOf, get, signIn, startBoard, type Board } from './staff-board-support.js';
import { insertTicket, request } from './verify-support.js';

// The staff board's pages on both databases: the queue's order, filters, search and paging; a
// ticket's story with hostile mail text shown only as text; the .eml download; quarantine; the
// dashboard figures.

const NOW = new Date('2026-03-02T05:00:00Z'); // a Monday

describeEachDb('staff board pages', (db) => {
  let b: Board;
  let cookie: string;
  let seq = 900_000;

  async function addTicket(over: { status: TicketStatus; dueAt?: Date | null; rights?: Right[]; triage?: boolean; assignee?: string; email?: string }) {
    const number = `DSR-2026-${++seq}`;
    const [t] = await db()
      .db.insert(tickets)
      .values({
        number,
        status: over.status,
        requesterEmail: over.email ?? `req${seq}@example.com`,
        language: 'ru',
        rights: over.rights ?? ['access'],
        triage: over.triage ?? false,
        receivedAt: new Date('2026-02-20T05:00:00Z'),
        dueAt: over.dueAt ?? null,
        assignee: over.assignee ?? null,
      })
      .returning();
    return t!;
  }

  const numbersOn = (html: string) => [...html.matchAll(/<tr data-ticket="([^"]+)"/g)].map((m) => m[1]!);

  beforeAll(async () => {
    b = await startBoard(db());
    b.fx.clock.set(NOW);
    cookie = await signIn(b, db(), 'anna@mexrontal.com');
  });
  afterAll(async () => {
    await b?.web.stop();
  });
  beforeEach(() => {
    b.fx.clock.set(NOW);
  });

  describe('the queue', () => {
    const who = 'queue@mexrontal.com';
    const t: Record<string, string> = {};
    beforeAll(async () => {
      t.overdue = (await addTicket({ status: 'open', dueAt: new Date('2026-02-27T18:59:59Z'), assignee: who })).number;
      t.soon = (await addTicket({ status: 'in_progress', dueAt: new Date('2026-03-04T18:59:59Z'), rights: ['erasure'], assignee: who, email: 'zhanna.unique@example.org' })).number;
      t.later = (await addTicket({ status: 'open', dueAt: new Date('2026-03-20T18:59:59Z'), rights: ['erasure', 'access'], assignee: who })).number;
      t.triage = (await addTicket({ status: 'unverified', rights: [], triage: true, assignee: who })).number;
      t.closed = (await addTicket({ status: 'closed', dueAt: new Date('2026-02-20T18:59:59Z'), assignee: who })).number;
    });
    const list = async (query: string) => {
      const res = await get(b, `/staff/tickets?assignee=${encodeURIComponent(who)}${query}`, cookie);
      expect(res.status).toBe(200);
      return res.text();
    };

    it('puts the most urgent first and leaves finished tickets out by default', async () => {
      const html = await list('');
      expect(numbersOn(html)).toEqual([t.overdue, t.soon, t.later, t.triage]);
      expect(html).toMatch(/<th scope="col">Number<\/th>/);
      expect(html).toContain('<caption>');
      expect(numbersOn(await list('&status=all'))).toEqual([t.overdue, t.soon, t.later, t.triage, t.closed]);
      expect(numbersOn(await list('&status=closed'))).toEqual([t.closed]);
    });

    it('says how a due date stands in words and with a class', async () => {
      const html = await list('');
      const row = (n: string) => html.slice(html.indexOf(`data-ticket="${n}"`), html.indexOf('</tr>', html.indexOf(`data-ticket="${n}"`)));
      expect(row(t.overdue!)).toContain('due-overdue');
      expect(row(t.overdue!)).toMatch(/overdue by <strong>1<\/strong> working day</);
      expect(row(t.soon!)).toContain('due-soon');
      expect(row(t.soon!)).toMatch(/<strong>2<\/strong> working days left/);
      expect(row(t.later!)).toContain('due-ok');
      expect(row(t.triage!)).toContain('needs triage');
      expect(row(t.triage!)).toContain('no due date');
    });

    it('filters by overdue, due soon, triage, right and assignee', async () => {
      expect(numbersOn(await list('&overdue=1'))).toEqual([t.overdue]);
      expect(numbersOn(await list('&soon=1'))).toEqual([t.soon]);
      expect(numbersOn(await list('&triage=1'))).toEqual([t.triage]);
      expect(numbersOn(await list('&right=erasure'))).toEqual([t.soon, t.later]);
      expect(numbersOn(await list('&right=nonsense'))).toEqual([t.overdue, t.soon, t.later, t.triage]);
      const none = await (await get(b, '/staff/tickets?assignee=none&q=zhanna', cookie)).text();
      expect(numbersOn(none)).toEqual([]);
      expect(none).toContain('No tickets match.');
    });

    it('searches by part of a number or of the requester address; % and _ are literal', async () => {
      expect(numbersOn(await (await get(b, `/staff/tickets?q=${t.later!.slice(-6)}`, cookie)).text())).toEqual([t.later]);
      expect(numbersOn(await (await get(b, '/staff/tickets?q=ZHANNA.unique', cookie)).text())).toEqual([t.soon]);
      expect(numbersOn(await list('&q=%25'))).toEqual([]);
      const evil = await (await get(b, `/staff/tickets?q=${encodeURIComponent('"><script>x</script>')}`, cookie)).text();
      expect(evil).not.toContain('<script>x');
      expect(evil).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    });

    it('pages by 50', async () => {
      const pager = 'pager@mexrontal.com';
      for (let i = 0; i < 55; i++) await addTicket({ status: 'open', dueAt: new Date(Date.UTC(2026, 3, 1 + (i % 20), 18)), assignee: pager });
      const one = await (await get(b, `/staff/tickets?assignee=${pager}`, cookie)).text();
      expect(numbersOn(one)).toHaveLength(50);
      expect(one).toContain('Tickets: <strong>55</strong>');
      expect(one).toMatch(/Page <strong>1<\/strong> of <strong>2<\/strong>/);
      expect(one).toContain(`href="/staff/tickets?assignee=pager%40mexrontal.com&amp;page=2"`);
      const two = await (await get(b, `/staff/tickets?assignee=${pager}&page=2`, cookie)).text();
      expect(numbersOn(two)).toHaveLength(5);
      expect(new Set([...numbersOn(one), ...numbersOn(two)]).size).toBe(55);
      expect(two).toContain('rel="prev"');
      const past = await get(b, `/staff/tickets?assignee=${pager}&page=9`, cookie);
      expect(past.status).toBe(303);
      expect(past.headers.get('location')).toBe('/staff/tickets?assignee=pager%40mexrontal.com&page=2');
    });
  });

  it('shows a hostile request only as text, with its rights, due date, thread, timeline and the action forms', async () => {
    const ticket = await insertTicket(db(), { email: 'hostile@example.net', text: '<script>alert(1)</script>\n<b>bold</b> & <img src=x onerror=alert(2)>' });
    await request(b.fx, ticket);
    await db()
      .db.update(tickets)
      .set({
        requesterName: '<img src=x onerror=alert(3)>',
        confidence: { erasure: 0.93, access: 0.41 },
        status: 'open',
        dueAt: new Date('2026-03-16T18:59:59Z'),
        dueBasis: { workingDays: 10, startDate: '2026-03-02', clockStart: 'confirmed', calendar: 'kz', skipped: ['2026-03-07', '2026-03-08'] },
      })
      .where(eq(tickets.id, ticket.id));
    await db().db.update(messages).set({ subject: '<svg onload=alert(4)>' }).where(eq(messages.id, ticket.originMessageId!));
    const res = await get(b, `/staff/tickets/${ticket.number}`, cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script|<img|<svg|<b>bold/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;svg onload=alert(4)&gt;');
    expect(html).toContain('93%');
    expect(html).toContain('41%');
    expect(html).toMatch(/<strong>10<\/strong> working days from <strong>2026-03-02<\/strong>/);
    expect(html).toContain('2026-03-07, 2026-03-08');
    expect(html).toContain('data-direction="in"');
    expect(html).toContain('data-direction="out"');
    // The confirmation mail's link is the requester's alone: staff read a mask, not its placeholder.
    expect(html).not.toContain('pd-secret-');
    expect(html).toContain('/confirm/[personal link, sent only to the recipient]');
    expect(html).toContain('data-event="confirmation_sent"');
    expect(html).toContain(`href="/staff/messages/${ticket.originMessageId}.eml"`);
    const csrf = csrfOf(html);
    const [fresh] = await db().db.select().from(tickets).where(eq(tickets.id, ticket.id));
    for (const action of ['rights', 'assign', 'note', 'extend', 'reply', 'wait', 'close', 'reject']) {
      const start = html.indexOf(`action="/staff/tickets/${ticket.number}/${action}"`);
      expect(start, action).toBeGreaterThan(0);
      const form = html.slice(start, html.indexOf('</form>', start));
      expect(form).toContain(`name="csrf" value="${csrf}"`);
      expect(form).toContain(`name="updated_at" value="${fresh!.updatedAt.toISOString()}"`);
    }
    expect(html).toMatch(/<label for="a-extend-days">/);
    expect((await get(b, '/staff/tickets/DSR-2026-NOPE', cookie)).status).toBe(404);
  });

  it('lets staff download a raw message as .eml, and nobody else', async () => {
    const ticket = await insertTicket(db(), { email: 'eml@example.net' });
    const [m] = await db().db.select().from(messages).where(eq(messages.id, ticket.originMessageId!));
    const res = await get(b, `/staff/messages/${m!.id}.eml`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="message-${m!.id}.eml"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(m!.raw)).toBe(true);
    expect((await get(b, `/staff/messages/${m!.id}.eml`)).status).toBe(303);
    expect((await get(b, '/staff/messages/999999999.eml', cookie)).status).toBe(404);
  });

  it('lists quarantined mail with its code, what it means, and forms to open or dismiss it', async () => {
    const raw = Buffer.from('Subject: x\r\n\r\nno from\r\n');
    const [m] = await db()
      .db.insert(messages)
      .values({ sourceKey: `test:q${seq}`, mailbox: 'test', raw, rawSha256: `q${seq}`, size: raw.length, subject: '<b>odd</b>', outcome: 'quarantined', reason: 'PD_MSG_NO_SENDER', reasonDetail: '<i>no From</i>' })
      .returning();
    const html = await (await get(b, '/staff/quarantine', cookie)).text();
    const row = html.slice(html.indexOf(`data-message="${m!.id}"`), html.indexOf('</tr>', html.indexOf(`data-message="${m!.id}"`)));
    expect(row).toContain('<code>PD_MSG_NO_SENDER</code>');
    expect(row).toContain('No usable sender address: there is nobody to answer.');
    // In the page's language, like the rest of the page.
    const ru = await (await get(b, '/staff/quarantine?lang=ru', cookie)).text();
    expect(ru).toContain('Нет пригодного адреса отправителя: отвечать некому.');
    expect(row).toContain('&lt;b&gt;odd&lt;/b&gt;');
    expect(row).toContain('&lt;i&gt;no From&lt;/i&gt;');
    expect(row).toContain(`action="/staff/quarantine/${m!.id}/open"`);
    expect(row).toContain(`action="/staff/quarantine/${m!.id}/dismiss"`);
    expect(row).toContain('name="csrf"');
  });

  it('shows the digest figures on /staff', async () => {
    await addTicket({ status: 'open', dueAt: new Date('2026-02-25T18:59:59Z') });
    const html = await (await get(b, '/staff', cookie)).text();
    const overdue = /data-figure="overdue"><span class="n">(\d+)<\/span>/.exec(html);
    expect(Number(overdue?.[1])).toBeGreaterThanOrEqual(1);
    expect(html).toContain('data-figure="due_week"');
    expect(html).toMatch(/<td data-status="open">\d+<\/td>/);
    expect(html).toContain('Signed in as <strong>anna@mexrontal.com</strong>');
  });
});
