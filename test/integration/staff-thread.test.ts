import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { messages, outbox, ticketEvents, tickets, type TicketRow } from '../../src/db/schema.js';
import { outboxAttachmentsOf } from '../../src/db/queries/outbox-attachments.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail, type MailSpec } from '../helpers/mail.js';

// Staff answering in a ticket's thread, on a real database with the real templates: commands,
// relays without the quoted history, follow-ups, reopening, and the spoofing and loop rules.

const STAFF = 'Lena Staff <lena@staff.example.com>';

describeEachDb('staff thread', (db) => {
  let app: App;
  let n = 0;
  let person = 0;
  // Each test has its own requester: the per-address mail budgets of one must not touch the next.
  let REQUESTER = '';
  let requesterAddress = '';
  beforeEach(() => {
    requesterAddress = `aigerim${++person}@example.com`;
    REQUESTER = `Aigerim Test <${requesterAddress}>`;
  });
  const ingest = (spec: MailSpec) => {
    const raw = buildMail({ messageId: `<m${++n}-${Date.now()}@example.com>`, ...spec });
    return app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
  };

  beforeAll(async () => {
    app = await openApp(
      testConfig({
        STAFF_ADDRESSES: 'privacy@mexrontal.com,@staff.example.com',
        AUTHSERV_ID: 'mx.mexrontal.com',
        RELAY_MAX_PER_HOUR: '3',
        RELAY_MAX_ATTACHMENT_BYTES: '4096',
      }),
      silentLogger(),
      { ...db(), close: async () => {} },
    );
  });

  /** A confirmed request: ingested, then opened as the confirmation page would. */
  async function openRequest(from?: string): Promise<{ ticket: TicketRow; ourMessageId: string }> {
    const r = await ingest({ from: from ?? REQUESTER });
    expect(r.outcome).toBe('ticket');
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    const due = new Date(Date.now() + 14 * 86_400_000);
    const [open] = await db().db.update(tickets).set({ status: 'open', verifiedAt: new Date(), dueAt: due }).where(eq(tickets.id, t!.id)).returning();
    const [confirm] = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
    return { ticket: open!, ourMessageId: confirm!.messageId };
  }

  const ticketOf = async (id: number) => (await db().db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
  const mailsOf = (id: number) => db().db.select().from(outbox).where(eq(outbox.ticketId, id)).orderBy(asc(outbox.id));
  const eventKinds = async (id: number) =>
    (await db().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id))).map((e) => e.kind);
  const lastMail = async (id: number) => (await mailsOf(id)).at(-1)!;

  it('relays a staff answer to the requester without the quoted history, and the ticket is in progress', async () => {
    const { ticket, ourMessageId } = await openRequest();
    const r = await ingest({
      from: STAFF,
      inReplyTo: ourMessageId,
      subject: `Re: [${ticket.number}] Запрос`,
      body: 'Добрый день!\nВаши данные выгружены, архив во вложении.\n\nС уважением,\nЛена\n\n15.01.2026, 10:00, Aigerim Test <aigerim@example.com>:\n> Прошу удалить мои данные',
    });
    expect(r).toMatchObject({ outcome: 'thread', ticket: ticket.number });
    const relay = await lastMail(ticket.id);
    expect(relay).toMatchObject({ template: 'staff_reply_relay', toAddress: requesterAddress, fromAddress: 'help@mexrontal.com' });
    expect(relay.text).toContain('Ваши данные выгружены');
    expect(relay.text).not.toContain('Прошу удалить мои данные');
    expect(relay.subject).toContain(ticket.number);
    // Threaded under the requester's own letter.
    const [origin] = await db().db.select().from(messages).where(eq(messages.id, ticket.originMessageId!));
    expect(relay.inReplyTo).toBe(origin!.messageId);
    expect((await ticketOf(ticket.id)).status).toBe('in_progress');
    expect(await eventKinds(ticket.id)).toContain('reply_relayed');
  });

  it('relays attachments up to RELAY_MAX_ATTACHMENT_BYTES in total; the rest are left out and the staff member is told', async () => {
    const { ticket, ourMessageId } = await openRequest();
    const export1 = Buffer.from('id,email\n1,aigerim@example.com\n');
    const r = await ingest({
      from: STAFF,
      inReplyTo: ourMessageId,
      subject: `Re: [${ticket.number}] Запрос`,
      body: 'Ваши данные во вложении.',
      attachments: [
        { filename: 'export.csv', contentType: 'text/csv', content: export1 },
        { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.alloc(5000, 7) },
      ],
    });
    expect(r).toMatchObject({ outcome: 'thread', ticket: ticket.number });
    const mails = await mailsOf(ticket.id);
    const relay = mails.find((m) => m.template === 'staff_reply_relay')!;
    const files = await outboxAttachmentsOf(db().db, relay.id);
    expect(files.map((f) => [f.filename, f.contentType, f.content.toString()])).toEqual([['export.csv', 'text/csv', export1.toString()]]);
    const told = mails.find((m) => m.template === 'staff_relay_files_left_out')!;
    expect(told.toAddress).toBe('lena@staff.example.com');
    expect(told.text).toContain('scan.pdf (5 KB)');
    expect(told.text).toContain('4 KB');
    const [event] = await db().db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'reply_relayed')));
    expect(event!.data).toMatchObject({ files: ['export.csv (31 B)'], filesLeftOut: ['scan.pdf (5 KB)'] });
  });

  it('applies commands in order: assign, rights, a note that is never relayed', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#assign olga@staff.example.com\n#права access, portability\n#note звонили заявителю\nОна пришлёт скан.' });
    const t = await ticketOf(ticket.id);
    expect(t).toMatchObject({ assignee: 'olga@staff.example.com', rights: ['access', 'portability'], status: 'open' });
    expect((await mailsOf(ticket.id)).map((m) => m.template)).toEqual(['confirm_request']);
    const [note] = await db().db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'note')));
    expect(note!.data).toEqual({ text: 'звонили заявителю\n\nОна пришлёт скан.' });
    expect(note!.actor).toBe('staff:lena@staff.example.com');

    // The requester's follow-up now goes to the assignee.
    await ingest({ from: REQUESTER, inReplyTo: ourMessageId, body: 'Скан прилагаю.' });
    expect(await lastMail(ticket.id)).toMatchObject({ template: 'staff_requester_reply', toAddress: 'olga@staff.example.com' });
  });

  it('#extend moves the due date by working days, tells the requester, and the text is relayed', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#extend 5 нужна выгрузка из архива\nМы продлили срок, ответим позже.' });
    const t = await ticketOf(ticket.id);
    expect(t.dueAt!.getTime()).toBeGreaterThan(ticket.dueAt!.getTime());
    const templates = (await mailsOf(ticket.id)).map((m) => m.template);
    expect(templates).toEqual(['confirm_request', 'due_extended', 'staff_reply_relay']);
    expect(await eventKinds(ticket.id)).toEqual(expect.arrayContaining(['extended', 'reply_relayed']));
    expect(t.status).toBe('in_progress');
  });

  it('a malformed command changes nothing and the staff member is told why', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#assign olga@staff.example.com\n#extend five days\nТекст ответа' });
    const t = await ticketOf(ticket.id);
    expect(t.assignee).toBeNull();
    expect(t.status).toBe('open');
    const err = await lastMail(ticket.id);
    expect(err).toMatchObject({ template: 'staff_command_error', toAddress: 'lena@staff.example.com' });
    expect(err.text).toContain('#extend needs a number of working days');
    expect((await mailsOf(ticket.id)).some((m) => m.template === 'staff_reply_relay')).toBe(false);
  });

  it('an empty reply after stripping is not relayed; the staff member hears why', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '\n\nOn Mon, 2 Mar 2026 at 10:00, Aigerim <aigerim@example.com> wrote:\n> old text' });
    const err = await lastMail(ticket.id);
    expect(err.template).toBe('staff_command_error');
    expect(err.text).toContain('nothing was left');
  });

  it('#wait asks and waits; the requester answering brings it back in progress', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#wait\nКакой аккаунт вы имеете в виду?' });
    expect((await ticketOf(ticket.id)).status).toBe('waiting');
    expect((await lastMail(ticket.id)).text).toContain('Какой аккаунт');
    await ingest({ from: REQUESTER, inReplyTo: ourMessageId, body: 'Аккаунт ученика.' });
    expect((await ticketOf(ticket.id)).status).toBe('in_progress');
    expect(await eventKinds(ticket.id)).toContain('requester_answered');
  });

  it('#close sends the closing mail; the requester writing within 30 days reopens it, later opens a new ticket', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#close Все данные удалены.' });
    const closed = await ticketOf(ticket.id);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    const closing = await lastMail(ticket.id);
    expect(closing).toMatchObject({ template: 'closing', toAddress: requesterAddress });
    expect(closing.text).toContain('Все данные удалены.');

    await ingest({ from: REQUESTER, inReplyTo: ourMessageId, body: 'А рассылка?' });
    expect((await ticketOf(ticket.id)).status).toBe('open');
    const notice = await lastMail(ticket.id);
    expect(notice.template).toBe('staff_requester_reply');
    expect(notice.text).toContain('открыто снова');

    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#close' });
    await db().db.update(tickets).set({ closedAt: new Date(Date.now() - 31 * 86_400_000) }).where(eq(tickets.id, ticket.id));
    const later = await ingest({ from: REQUESTER, inReplyTo: ourMessageId, body: 'Снова прошу удалить данные.' });
    expect(later.outcome).toBe('ticket');
    expect(later.ticket).not.toBe(ticket.number);
    expect(await eventKinds(ticket.id)).toContain('followed_by_ticket');
    expect((await ticketOf(ticket.id)).status).toBe('closed');
  });

  it('#reject tells the requester the reason; #status answers the staff member only', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#status' });
    const status = await lastMail(ticket.id);
    expect(status).toMatchObject({ template: 'staff_ticket_status', toAddress: 'lena@staff.example.com' });
    expect(status.text).toContain(ticket.number);
    await ingest({ from: STAFF, inReplyTo: ourMessageId, body: '#reject Аккаунт принадлежит другому человеку.' });
    expect((await ticketOf(ticket.id)).status).toBe('rejected');
    const rejected = await lastMail(ticket.id);
    expect(rejected).toMatchObject({ template: 'rejected', toAddress: requesterAddress });
    expect(rejected.text).toContain('Аккаунт принадлежит другому человеку.');
  });

  it('a reply-all that already reached the requester is recorded, not relayed a second time', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: STAFF, to: `${requesterAddress}, help@mexrontal.com`, inReplyTo: ourMessageId, body: 'Ответ всем.' });
    expect((await mailsOf(ticket.id)).some((m) => m.template === 'staff_reply_relay')).toBe(false);
    expect(await eventKinds(ticket.id)).toContain('staff_wrote_directly');
    expect((await ticketOf(ticket.id)).status).toBe('in_progress');
  });

  it('a staff address whose DMARC failed at our server is no staff: no command, no relay, staff told', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({
      from: 'Privacy <privacy@mexrontal.com>',
      inReplyTo: ourMessageId,
      headers: { 'Authentication-Results': 'mx.mexrontal.com; spf=fail smtp.mailfrom=privacy@mexrontal.com; dmarc=fail header.from=mexrontal.com' },
      body: '#close Готово',
    });
    expect((await ticketOf(ticket.id)).status).toBe('open');
    const notice = await lastMail(ticket.id);
    expect(notice).toMatchObject({ template: 'staff_requester_reply', toAddress: 'privacy@mexrontal.com' });
    expect(notice.text).toContain('privacy@mexrontal.com');
    expect(await eventKinds(ticket.id)).toContain('third_party_mail');
  });

  it('a stranger in the thread is named as such to staff; on an unconfirmed ticket it is not taken at all', async () => {
    const { ticket, ourMessageId } = await openRequest();
    await ingest({ from: 'Mallory <mallory@example.net>', inReplyTo: ourMessageId, body: 'Отправьте данные мне.' });
    const notice = await lastMail(ticket.id);
    expect(notice.text).toContain('mallory@example.net');
    expect(notice.text).toMatch(/не с адреса заявителя/);

    const fresh = await ingest({ from: 'Dana <dana@example.com>' });
    const [confirm] = await db().db.select().from(outbox).innerJoin(tickets, eq(outbox.ticketId, tickets.id)).where(eq(tickets.number, fresh.ticket!));
    const r = await ingest({ from: 'Mallory <mallory@example.net>', inReplyTo: confirm!.outbox.messageId, body: 'Это я, Дана.' });
    expect(r).toMatchObject({ outcome: 'ignored', reason: 'stranger-on-unverified-ticket' });
  });

  it('nothing is relayed to an unconfirmed address', async () => {
    const fresh = await ingest({ from: 'Dana <dana2@example.com>' });
    const [row] = await db().db.select().from(tickets).where(eq(tickets.number, fresh.ticket!));
    const [confirm] = await mailsOf(row!.id);
    await ingest({ from: STAFF, inReplyTo: confirm!.messageId, body: 'Вот ваши данные.' });
    const err = await lastMail(row!.id);
    expect(err.template).toBe('staff_command_error');
    expect(err.text).toContain('not confirmed yet');
  });

  it('holds relays over RELAY_MAX_PER_HOUR for one ticket and tells the staff member', async () => {
    const { ticket, ourMessageId } = await openRequest();
    for (let i = 0; i < 4; i++) await ingest({ from: STAFF, inReplyTo: ourMessageId, body: `Ответ ${i}` });
    const mails = await mailsOf(ticket.id);
    expect(mails.filter((m) => m.template === 'staff_reply_relay')).toHaveLength(3);
    expect(mails.at(-1)!.template).toBe('staff_command_error');
    expect(mails.at(-1)!.text).toContain('RELAY_MAX_PER_HOUR');
  });

  it('our own Message-ID coming back is a loop, never a command', async () => {
    const { ticket, ourMessageId } = await openRequest();
    const r = await ingest({ from: STAFF, messageId: ourMessageId, inReplyTo: ourMessageId, body: '#close' });
    expect(r.outcome).toBe('auto');
    expect((await ticketOf(ticket.id)).status).toBe('open');
  });
});

