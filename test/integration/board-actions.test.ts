import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { messageEvents, outbox, ticketEvents, tickets, type TicketRow } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { applyBoardAction, type BoardAction, type BoardActionResult } from '../../src/tickets/board-action.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail, type MailSpec } from '../helpers/mail.js';

// The staff board's actions on a real database with the real templates, on both drivers: each does
// what its mail command does (status, events, outbox), refusals come back coded with nothing
// applied, and a page drawn before the ticket changed is refused (PD_TICKET_CHANGED).

const LENA = 'lena@staff.example.com';
const STAFF_MAIL = `Lena Staff <${LENA}>`;

describeEachDb('staff board actions', (db) => {
  let app: App;
  let n = 0;
  let person = 0;
  let requester = '';
  beforeEach(() => {
    requester = `dana${++person}@example.com`;
  });
  const ingest = (spec: MailSpec) => {
    const raw = buildMail({ messageId: `<b${++n}-${Date.now()}@example.com>`, ...spec });
    return app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
  };

  beforeAll(async () => {
    app = await openApp(
      testConfig({ STAFF_ADDRESSES: 'privacy@mexrontal.com,@staff.example.com', RELAY_MAX_PER_HOUR: '2', EXTEND_MAX_WORKING_DAYS: '20' }),
      silentLogger(),
      { ...db(), close: async () => {} },
    );
  });

  const ticketOf = async (id: number) => (await db().db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
  const mailsOf = (id: number) => db().db.select().from(outbox).where(eq(outbox.ticketId, id)).orderBy(asc(outbox.id));
  const templates = async (id: number) => (await mailsOf(id)).map((m) => m.template);
  const eventsOf = (id: number) => db().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id));

  /** A request, confirmed as the confirmation page would leave it; `unverified` keeps it unconfirmed. */
  async function request(opts: { unverified?: boolean } = {}): Promise<{ ticket: TicketRow; ourMessageId: string }> {
    const r = await ingest({ from: `Dana Example <${requester}>` });
    expect(r.outcome).toBe('ticket');
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    const [confirm] = await db().db.select().from(outbox).where(eq(outbox.ticketId, t!.id));
    if (opts.unverified) return { ticket: t!, ourMessageId: confirm!.messageId };
    const due = new Date(Date.now() + 14 * 86_400_000);
    const [open] = await db().db.update(tickets).set({ status: 'open', verifiedAt: new Date(), dueAt: due }).where(eq(tickets.id, t!.id)).returning();
    return { ticket: open!, ourMessageId: confirm!.messageId };
  }

  /** What the board page does: the ticket as drawn, its updated_at as the form carries it. */
  const act = async (ticket: Pick<TicketRow, 'id' | 'number'>, action: BoardAction, drawn?: string): Promise<BoardActionResult> => {
    const expectedUpdatedAt = drawn ?? (await ticketOf(ticket.id)).updatedAt.toISOString();
    return applyBoardAction(db().db, app.verify, { ticketNumber: ticket.number, staff: LENA, expectedUpdatedAt, action });
  };
  const ok = (r: BoardActionResult): TicketRow => {
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r.ticket;
  };

  it('rights, assign and note change the ticket as #rights, #assign and #note do, recorded as the staff member via the board; nothing is mailed', async () => {
    const { ticket } = await request();
    const before = await ticketOf(ticket.id);
    expect(ok(await act(ticket, { kind: 'rights', rights: ['portability', 'access'] }))).toMatchObject({ rights: ['access', 'portability'], triage: false });
    expect(ok(await act(ticket, { kind: 'assign', address: 'Olga@Staff.Example.com' }))).toMatchObject({ assignee: 'olga@staff.example.com' });
    const noted = ok(await act(ticket, { kind: 'note', text: 'Called her, she will send a scan.' }));
    expect(noted.status).toBe('open');
    expect(noted.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await templates(ticket.id)).toEqual(['confirm_request']);
    const events = (await eventsOf(ticket.id)).filter((e) => e.actor === `staff:${LENA}`);
    expect(events.map((e) => [e.kind, e.data.via])).toEqual([
      ['rights_set', 'board'],
      ['assigned', 'board'],
      ['note', 'board'],
    ]);
    expect(events[2]!.data).toMatchObject({ text: 'Called her, she will send a scan.' });
    expect(events.every((e) => e.messageRowId === null)).toBe(true);
  });

  it('extend moves the due date and tells the requester; the limits are PD_EXTEND_INVALID', async () => {
    const { ticket } = await request();
    const refused = await act(ticket, { kind: 'extend', days: 21, reason: 'archive' });
    expect(refused).toMatchObject({ ok: false, code: 'PD_EXTEND_INVALID' });
    expect(!refused.ok && refused.message).toContain('EXTEND_MAX_WORKING_DAYS');
    expect(await act(ticket, { kind: 'extend', days: 5, reason: ' ' })).toMatchObject({ ok: false, code: 'PD_EXTEND_INVALID' });
    const t = ok(await act(ticket, { kind: 'extend', days: 5, reason: 'we need the archive team' }));
    expect(t.dueAt!.getTime()).toBeGreaterThan(ticket.dueAt!.getTime());
    expect(await templates(ticket.id)).toEqual(['confirm_request', 'due_extended']);
    const extended = (await eventsOf(ticket.id)).find((e) => e.kind === 'extended')!;
    expect(extended).toMatchObject({ actor: `staff:${LENA}`, data: { days: 5, reason: 'we need the archive team', via: 'board' } });
  });

  it('reply relays the answer through the outbox in the requester thread and the ticket is in progress', async () => {
    const { ticket } = await request();
    const t = ok(await act(ticket, { kind: 'reply', text: 'Your export is ready; it follows in a separate mail.' }));
    expect(t.status).toBe('in_progress');
    const relay = (await mailsOf(ticket.id)).at(-1)!;
    expect(relay).toMatchObject({ template: 'staff_reply_relay', toAddress: requester, fromAddress: 'help@mexrontal.com' });
    expect(relay.text).toContain('Your export is ready');
    expect(relay.subject).toContain(ticket.number);
    expect(relay.inReplyTo).not.toBeNull();
    const relayed = (await eventsOf(ticket.id)).find((e) => e.kind === 'reply_relayed')!;
    expect(relayed).toMatchObject({ actor: `staff:${LENA}`, data: { outboxId: relay.id, held: false, via: 'board' } });
  });

  it('reply shares the per-hour relay limit with mail: over it, PD_RATE_LIMITED and nothing applied', async () => {
    const { ticket, ourMessageId } = await request();
    await ingest({ from: STAFF_MAIL, inReplyTo: ourMessageId, body: 'First answer, by mail.' });
    ok(await act(ticket, { kind: 'reply', text: 'Second answer, from the board.' }));
    const before = await ticketOf(ticket.id);
    const r = await act(ticket, { kind: 'reply', text: 'Third.' });
    expect(r).toMatchObject({ ok: false, code: 'PD_RATE_LIMITED' });
    expect(!r.ok && r.message).toContain('RELAY_MAX_PER_HOUR');
    expect((await templates(ticket.id)).filter((x) => x === 'staff_reply_relay')).toHaveLength(2);
    expect((await ticketOf(ticket.id)).updatedAt.getTime()).toBe(before.updatedAt.getTime());
  });

  it('wait relays the question and the ticket waits; the requester answering brings it back in progress', async () => {
    const { ticket, ourMessageId } = await request();
    expect(ok(await act(ticket, { kind: 'wait', text: 'Which account do you mean?' })).status).toBe('waiting');
    const asked = (await mailsOf(ticket.id)).at(-1)!;
    expect(asked).toMatchObject({ template: 'staff_reply_relay', toAddress: requester });
    expect(asked.text).toContain('Which account');
    expect((await eventsOf(ticket.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(['asked_requester', 'reply_relayed']));
    await ingest({ from: `Dana Example <${requester}>`, inReplyTo: ourMessageId, body: 'The student one.' });
    expect((await ticketOf(ticket.id)).status).toBe('in_progress');
  });

  it('close sends the closing mail with the answer; close again is PD_TICKET_BAD_TRANSITION', async () => {
    const { ticket } = await request();
    const t = ok(await act(ticket, { kind: 'close', text: 'All your data is deleted.' }));
    expect(t.status).toBe('closed');
    expect(t.closedAt).not.toBeNull();
    const closing = (await mailsOf(ticket.id)).at(-1)!;
    expect(closing).toMatchObject({ template: 'closing', toAddress: requester });
    expect(closing.text).toContain('All your data is deleted.');
    const again = await act(ticket, { kind: 'close', text: null });
    expect(again).toMatchObject({ ok: false, code: 'PD_TICKET_BAD_TRANSITION' });
    expect(!again.ok && again.message).toMatch(/reload the page/);
    expect(await act(ticket, { kind: 'reply', text: 'one more thing' })).toMatchObject({ ok: false, code: 'PD_TICKET_BAD_TRANSITION' });
    expect((await templates(ticket.id)).filter((x) => x === 'closing')).toHaveLength(1);
  });

  it('close without text sends the plain closing mail', async () => {
    const { ticket } = await request();
    expect(ok(await act(ticket, { kind: 'close', text: null })).status).toBe('closed');
    expect((await mailsOf(ticket.id)).at(-1)).toMatchObject({ template: 'closing', toAddress: requester });
  });

  it('reject tells the requester the reason; an unconfirmed ticket is rejected silently', async () => {
    const { ticket } = await request();
    expect(ok(await act(ticket, { kind: 'reject', reason: 'The account belongs to someone else.' })).status).toBe('rejected');
    const rejected = (await mailsOf(ticket.id)).at(-1)!;
    expect(rejected).toMatchObject({ template: 'rejected', toAddress: requester });
    expect(rejected.text).toContain('The account belongs to someone else.');
    expect((await eventsOf(ticket.id)).at(-1)).toMatchObject({ kind: 'rejected_by_staff', data: { via: 'board' } });

    requester = `dana-u${person}@example.com`;
    const fresh = await request({ unverified: true });
    expect(ok(await act(fresh.ticket, { kind: 'reject', reason: 'Forged.' })).status).toBe('rejected');
    expect(await templates(fresh.ticket.id)).toEqual(['confirm_request']);
  });

  it('nothing is sent to an unconfirmed address: reply and wait are refused, nothing applied', async () => {
    const { ticket } = await request({ unverified: true });
    const reply = await act(ticket, { kind: 'reply', text: 'Here is your data.' });
    expect(reply).toMatchObject({ ok: false, code: 'PD_TICKET_BAD_TRANSITION' });
    expect(!reply.ok && reply.message).toContain('not confirmed yet');
    const wait = await act(ticket, { kind: 'wait', text: 'Which one?' });
    expect(wait).toMatchObject({ ok: false, code: 'PD_TICKET_BAD_TRANSITION' });
    expect(!wait.ok && wait.message).toBe(`${ticket.number}: cannot ask a ticket that is unverified; reload the page to see its status`);
    expect((await ticketOf(ticket.id)).status).toBe('unverified');
    expect(await templates(ticket.id)).toEqual(['confirm_request']);
    expect((await eventsOf(ticket.id)).some((e) => e.actor.startsWith('staff:'))).toBe(false);
  });

  it('refuses empty texts, bad addresses, unknown tickets and unreadable dates with their codes', async () => {
    const { ticket } = await request();
    expect(await act(ticket, { kind: 'reply', text: '  ' })).toMatchObject({ ok: false, code: 'PD_STAFF_ACTION_INVALID' });
    expect(await act(ticket, { kind: 'note', text: '' })).toMatchObject({ ok: false, code: 'PD_STAFF_ACTION_INVALID' });
    expect(await act(ticket, { kind: 'assign', address: 'olga' })).toMatchObject({ ok: false, code: 'PD_STAFF_ACTION_INVALID' });
    expect(await act(ticket, { kind: 'rights', rights: [] })).toMatchObject({ ok: false, code: 'PD_STAFF_ACTION_INVALID' });
    expect(await act(ticket, { kind: 'note', text: 'x' }, 'yesterday')).toMatchObject({ ok: false, code: 'PD_STAFF_ACTION_INVALID' });
    expect(await act({ id: ticket.id, number: 'DSR-2026-999999' }, { kind: 'note', text: 'x' }, new Date().toISOString())).toMatchObject({
      ok: false,
      code: 'PD_TICKET_NOT_FOUND',
    });
    expect((await eventsOf(ticket.id)).some((e) => e.actor.startsWith('staff:'))).toBe(false);
  });

  it('two actions from the same page: the second is refused with PD_TICKET_CHANGED naming who changed it, applied once', async () => {
    const { ticket } = await request();
    const drawn = (await ticketOf(ticket.id)).updatedAt.toISOString();
    ok(await act(ticket, { kind: 'reply', text: 'Answer one.' }, drawn));
    const second = await act(ticket, { kind: 'reply', text: 'Answer one.' }, drawn);
    expect(second).toMatchObject({ ok: false, code: 'PD_TICKET_CHANGED' });
    expect(!second.ok && second.message).toMatch(new RegExp(`^${ticket.number} changed since you opened it \\(by staff:${LENA}, reply_relayed\\): reload the page and try again$`));
    expect((await templates(ticket.id)).filter((x) => x === 'staff_reply_relay')).toHaveLength(1);
  });

  it('two actions at once from the same page: one applies, the other is refused', async () => {
    const { ticket } = await request();
    const drawn = (await ticketOf(ticket.id)).updatedAt.toISOString();
    const results = await Promise.all([
      act(ticket, { kind: 'close', text: 'Done.' }, drawn),
      act(ticket, { kind: 'reply', text: 'Still working on it.' }, drawn),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['PD_TICKET_CHANGED']);
    const mails = (await templates(ticket.id)).filter((x) => x !== 'confirm_request');
    expect(mails).toHaveLength(1);
  });

  it('a staff mail or a requester follow-up after the page was drawn makes the page stale', async () => {
    const { ticket, ourMessageId } = await request();
    let drawn = (await ticketOf(ticket.id)).updatedAt.toISOString();
    await ingest({ from: STAFF_MAIL, inReplyTo: ourMessageId, body: '#note checking with legal' });
    const r1 = await act(ticket, { kind: 'close', text: null }, drawn);
    expect(r1).toMatchObject({ ok: false, code: 'PD_TICKET_CHANGED' });
    expect(!r1.ok && r1.message).toContain(`by staff:${LENA}, note`);

    drawn = (await ticketOf(ticket.id)).updatedAt.toISOString();
    await ingest({ from: `Dana Example <${requester}>`, inReplyTo: ourMessageId, body: 'Please also delete my newsletter subscription.' });
    const r2 = await act(ticket, { kind: 'close', text: null }, drawn);
    expect(r2).toMatchObject({ ok: false, code: 'PD_TICKET_CHANGED' });
    expect(!r2.ok && r2.message).toContain('by requester');
    expect((await ticketOf(ticket.id)).status).toBe('open');
  });

  it('updated_at round-trips at millisecond precision, whatever microseconds the database keeps', async () => {
    const { ticket } = await request();
    await db().db.update(tickets).set({ updatedAt: sql`'2026-11-20 10:00:00.123956+00'::timestamptz` }).where(eq(tickets.id, ticket.id));
    const drawn = (await ticketOf(ticket.id)).updatedAt.toISOString();
    expect(drawn).toBe('2026-11-20T10:00:00.123Z');
    const t = ok(await act(ticket, { kind: 'note', text: 'old clock' }, drawn));
    expect(t.updatedAt.getTime()).toBeGreaterThan(Date.parse(drawn));
    expect(await act(ticket, { kind: 'note', text: 'again' }, drawn)).toMatchObject({ ok: false, code: 'PD_TICKET_CHANGED' });
  });

  it('the mail path is unchanged beside it: a staff mail with #status still answers only the staff member and changes nothing', async () => {
    const { ticket, ourMessageId } = await request();
    const drawn = (await ticketOf(ticket.id)).updatedAt.toISOString();
    await ingest({ from: STAFF_MAIL, inReplyTo: ourMessageId, body: '#status' });
    expect((await mailsOf(ticket.id)).at(-1)).toMatchObject({ template: 'staff_ticket_status', toAddress: LENA });
    expect((await ticketOf(ticket.id)).updatedAt.toISOString()).toBe(drawn);
    expect(ok(await act(ticket, { kind: 'note', text: 'fine' }, drawn)).status).toBe('open');
    const [status] = await db().db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'status_sent')));
    expect(status!.data).toEqual({});
    void messageEvents;
  });
});
