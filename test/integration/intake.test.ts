import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { rows } from '../../src/db/client.js';
import { insertRawMessage } from '../../src/db/queries/messages.js';
import { messages, outbox, ticketEvents, tickets } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { sha256 } from '../../src/mail/parse.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';

describeEachDb('intake pipeline', (db) => {
  let app: App;
  const ingest = (raw: Buffer, kind: 'cli' | 'local' = 'cli') =>
    app.intake.receive({ mailbox: kind, sourceKey: sourceKeyForFile(kind, raw), raw });

  beforeAll(async () => {
    app = await openApp(testConfig({ STAFF_ADDRESSES: 'privacy@mexrontal.com,@staff.example.com', MAX_MESSAGE_BYTES: '200000' }), silentLogger(), { ...db(), close: async () => {} });
  });

  it('opens an unverified ticket for a request and queues one confirmation to the From address, not Reply-To', async () => {
    const raw = buildMail({ from: 'Dana Example <dana@example.com>', headers: { 'Reply-To': 'attacker@example.net' } });
    const r = await ingest(raw);
    expect(r.outcome).toBe('ticket');
    expect(r.ticket).toMatch(/^DSR-\d{4}-\d{6}$/);
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    expect(t).toMatchObject({ status: 'unverified', requesterEmail: 'dana@example.com', requesterName: 'Dana Example', language: 'ru' });
    expect(t!.rights).toContain('erasure');
    const mail = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
    expect(mail.map((m) => [m.template, m.toAddress])).toEqual([['confirm_request', 'dana@example.com']]);
  });

  it('takes internationalised addresses (RFC 6532): a ticket for the punycode domain, a raw UTF-8 From or an encoded one', async () => {
    for (const [from, stored] of [
      ['Jörg Example <jdöe@mächine.example>', 'jdöe@xn--mchine-bua.example'],
      ['=?UTF-8?B?0JDQudCz0LXRgNC40Lw=?= <aigerim@пример.қаз>', 'aigerim@xn--e1afmkfd.xn--80ao21a'],
      ['ivan@xn--80a1acny.xn--p1ai', 'ivan@xn--80a1acny.xn--p1ai'],
    ] as const) {
      const raw = Buffer.from(buildMail({ from: 'placeholder@example.com' }).toString('utf8').replace('From: placeholder@example.com', `From: ${from}`), 'utf8');
      const r = await ingest(raw);
      expect(r.outcome, from).toBe('ticket');
      const [t] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
      expect(t!.requesterEmail).toBe(stored);
      const [mail] = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
      expect(mail!.toAddress).toBe(stored);
    }
  });

  it('treats the same bytes ingested twice as a duplicate of the first', async () => {
    const raw = buildMail({ from: 'rustam@example.com' });
    const first = await ingest(raw);
    const second = await ingest(raw);
    expect(first.outcome).toBe('ticket');
    expect(second).toMatchObject({ outcome: 'duplicate', ticket: first.ticket });
  });

  it('opens no second ticket for a re-delivery with the same Message-ID and sender', async () => {
    const id = '<redelivery-1@example.com>';
    const a = await ingest(buildMail({ from: 'marat@example.com', messageId: id, headers: { Received: 'from a' } }));
    const b = await ingest(buildMail({ from: 'marat@example.com', messageId: id, headers: { Received: 'from b' } }));
    expect(a.outcome).toBe('ticket');
    expect(b).toMatchObject({ outcome: 'duplicate', ticket: a.ticket });
    const [count] = await rows<{ n: number }>(db().db, sql`select count(*)::int as n from tickets where requester_email = 'marat@example.com'`);
    expect(count!.n).toBe(1);
  });

  it('does not merge the same Message-ID from another sender', async () => {
    const id = '<shared-id@example.com>';
    const a = await ingest(buildMail({ from: 'one@example.com', messageId: id }));
    const b = await ingest(buildMail({ from: 'two@example.org', messageId: id }));
    expect(a.outcome).toBe('ticket');
    expect(b.outcome).toBe('ticket');
    expect(b.ticket).not.toBe(a.ticket);
  });

  it('appends a reply to our confirmation mail to the ticket thread and tells staff', async () => {
    const first = await ingest(buildMail({ from: 'zhanna@example.com' }));
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, first.ticket!));
    const [ours] = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
    const reply = await ingest(
      buildMail({ from: 'zhanna@example.com', subject: 'Re: something else entirely', inReplyTo: ours!.messageId, body: 'Да, это я.' }),
    );
    expect(reply).toMatchObject({ outcome: 'thread', ticket: first.ticket, reason: 'references' });
    const notices = await db().db.select().from(outbox).where(eq(outbox.template, 'staff_requester_reply'));
    expect(notices.some((n) => n.ticketId === t!.id)).toBe(true);
  });

  it('accepts the subject tag only from people on the ticket', async () => {
    const first = await ingest(buildMail({ from: 'askar@example.com' }));
    const tag = `[${first.ticket}] Re: Запрос`;
    const stranger = await ingest(buildMail({ from: 'mallory@example.net', subject: tag, body: 'inject' }));
    const owner = await ingest(buildMail({ from: 'askar@example.com', subject: tag, body: 'ещё вопрос' }));
    const staff = await ingest(buildMail({ from: 'lawyer@staff.example.com', subject: tag, body: 'ответ' }));
    expect(stranger).toMatchObject({ outcome: 'ignored', reason: 'tag-from-stranger' });
    expect(owner).toMatchObject({ outcome: 'thread', ticket: first.ticket, reason: 'subject-tag' });
    expect(staff).toMatchObject({ outcome: 'thread', ticket: first.ticket });
  });

  it('records auto-replies and bounces, links them to the ticket they name, and never answers them', async () => {
    const first = await ingest(buildMail({ from: 'ooo@example.com' }));
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, first.ticket!));
    const [ours] = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
    const before = (await db().db.select().from(outbox)).length;
    const ooo = await ingest(
      buildMail({ from: 'ooo@example.com', subject: 'Автоответ: Запрос на управление данными', inReplyTo: ours!.messageId, headers: { 'Auto-Submitted': 'auto-replied' } }),
    );
    const bounce = await ingest(buildMail({ from: 'MAILER-DAEMON@example.org', subject: 'Undelivered Mail Returned to Sender', references: [ours!.messageId] }));
    const list = await ingest(buildMail({ from: 'news@example.org', headers: { Precedence: 'bulk' } }));
    expect(ooo).toMatchObject({ outcome: 'auto', ticket: first.ticket });
    expect(bounce).toMatchObject({ outcome: 'auto', ticket: first.ticket });
    expect(list.outcome).toBe('auto');
    expect((await db().db.select().from(outbox)).length).toBe(before);
    const kinds = (await db().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, t!.id))).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['auto_reply_received', 'bounce_received']));
  });

  it('leaves ordinary support mail and newsletters that merely mention the subject alone', async () => {
    expect((await ingest(buildMail({ subject: 'Не могу войти в личный кабинет' }))).outcome).toBe('ignored');
    expect((await ingest(buildMail({ subject: 'Как работает запрос на управление данными' }))).outcome).toBe('ignored');
  });

  it('opens a request under a subject with a pasted label and words put inside, and leaves other things to manage alone', async () => {
    const labelled = await ingest(buildMail({ from: 'timur@example.com', subject: 'Тема: Запрос на управление моими персональными данными' }));
    expect(labelled.outcome).toBe('ticket');
    expect((await ingest(buildMail({ from: 'nurlan@example.com', subject: 'Subject: My personal data management request' }))).outcome).toBe('ticket');
    expect((await ingest(buildMail({ from: 'sub@example.com', subject: 'Запрос на управление подпиской' }))).outcome).toBe('ignored');
  });

  it('never opens a ticket for mail from our own address', async () => {
    expect((await ingest(buildMail({ from: 'help@mexrontal.com' }))).outcome).toBe('auto');
  });

  it('quarantines mail without a usable sender, and oversized mail, keeping the bytes', async () => {
    const noFrom = await ingest(buildMail({ from: null }));
    const badFrom = await ingest(buildMail({ from: 'not an address' }));
    const huge = await ingest(buildMail({ body: 'x'.repeat(300_000) }));
    expect(noFrom).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_NO_SENDER' });
    expect(badFrom).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_NO_SENDER' });
    expect(huge).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_TOO_LARGE' });
    const [row] = await db().db.select().from(messages).where(eq(messages.id, huge.messageRowId!));
    expect(row!.raw.length).toBeGreaterThan(300_000);
  });

  it('quarantines a request naming several senders, and opens it for the one a Sender header names', async () => {
    const ticketsOf = async (...emails: string[]) =>
      (await db().db.select().from(tickets)).filter((t) => emails.includes(t.requesterEmail)).length;
    const twoHeaders = await ingest(buildMail({ from: 'Alina <alina@example.com>', headers: { From: 'Mallory <mallory@example.net>' } }));
    const oneHeader = await ingest(buildMail({ from: 'Alina <alina@example.com>, Mallory <mallory@example.net>' }));
    expect(twoHeaders).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_AMBIGUOUS_SENDER' });
    expect(oneHeader).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_AMBIGUOUS_SENDER' });
    expect(await ticketsOf('alina@example.com', 'mallory@example.net')).toBe(0);
    const [row] = await db().db.select().from(messages).where(eq(messages.id, twoHeaders.messageRowId!));
    expect(row).toMatchObject({ sender: 'alina@example.com', reasonDetail: expect.stringContaining('alina@example.com, mallory@example.net') });

    const same = await ingest(buildMail({ from: 'Bolat <bolat@example.com>', headers: { From: 'BOLAT@example.com' } }));
    expect(same.outcome).toBe('ticket');
    const bySender = await ingest(buildMail({ from: 'Gulnara <gulnara@example.com>, Erlan <erlan@example.org>', headers: { Sender: 'erlan@example.org' } }));
    expect(bySender.outcome).toBe('ticket');
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, bySender.ticket!));
    expect(t).toMatchObject({ requesterEmail: 'erlan@example.org', requesterName: 'Erlan' });
    const mail = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
    expect(mail.map((m) => m.toAddress)).toEqual(['erlan@example.org']);
  });

  it('quarantines a display name that shows our support or a staff address over a stranger\'s address, answering nobody', async () => {
    const before = (await db().db.select().from(outbox)).length;
    const support = await ingest(buildMail({ from: '"help@mexrontal.com" <someone@example.net>' }));
    const staff = await ingest(buildMail({ from: '"privacy@mexrontal.com" <someone@example.net>', inReplyTo: '<anything@example.com>' }));
    const staffDomain = await ingest(buildMail({ from: 'lawyer@staff.example.com <someone@example.net>', headers: { 'Auto-Submitted': 'auto-replied' } }));
    const lookalike = await ingest(buildMail({ from: '=?UTF-8?B?' + Buffer.from('h\u0435lp＠mexrontal.com', 'utf8').toString('base64') + '?= <someone@example.net>' }));
    for (const r of [support, staff, staffDomain, lookalike]) expect(r).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_SPOOFED_NAME' });
    expect((await db().db.select().from(outbox)).length).toBe(before);
    const [row] = await db().db.select().from(messages).where(eq(messages.id, support.messageRowId!));
    expect(row!.reasonDetail).toContain('display name shows help@mexrontal.com, address is someone@example.net');
    // A person whose name is their own address is no impersonation.
    expect((await ingest(buildMail({ from: '"saule@example.com" <saule@example.com>' }))).outcome).toBe('ticket');
  });

  it('marks a request the classifier cannot place for triage and still opens the ticket', async () => {
    const r = await ingest(buildMail({ from: 'price@example.com', body: 'Сколько стоит годовая подписка?' }));
    expect(r).toMatchObject({ outcome: 'ticket', reason: 'triage' });
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    expect(t!.triage).toBe(true);
  });

  it('finishes a message that was stored before a crash, exactly once', async () => {
    const raw = buildMail({ from: 'crash@example.com' });
    const id = await insertRawMessage(db().db, {
      sourceKey: `test:${sha256(raw)}`, mailbox: 'test', uidValidity: null, uid: null, raw, rawSha256: sha256(raw), internalDate: null,
    });
    const results = await app.intake.processPending();
    expect(results.filter((r) => r.messageRowId === id).map((r) => r.outcome)).toEqual(['ticket']);
    expect((await app.intake.process(id!)).outcome).toBe('ticket');
    const [count] = await rows<{ n: number }>(db().db, sql`select count(*)::int as n from tickets where requester_email = 'crash@example.com'`);
    expect(count!.n).toBe(1);
  });

  it('numbers tickets DSR-<year>-<sequence> with at least six digits, and more once the sequence passes them', async () => {
    const small = await ingest(buildMail({ from: 'seq.small@example.com' }));
    expect(small.ticket).toMatch(/^DSR-\d{4}-\d{6}$/);
    await db().db.execute(sql`select setval('ticket_number_seq', 1234566)`);
    const big = await ingest(buildMail({ from: 'seq.big@example.com' }));
    expect(big.ticket).toMatch(/^DSR-\d{4}-1234567$/);
    expect(big.ticket!.slice(4, 8)).toBe(small.ticket!.slice(4, 8));
  });
});
