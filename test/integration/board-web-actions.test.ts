import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { quarantined } from '../../src/db/queries/messages.js';
import { messageEventsOf } from '../../src/db/queries/quarantine-actions.js';
import { outbox, ticketEvents, tickets, type TicketRow } from '../../src/db/schema.js';
import type { Intake } from '../../src/intake.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { BOARD_COPY } from '../../src/web/staff/copy.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail, type MailSpec } from '../helpers/mail.js';
import { csrfOf, flashCookie, flashOn, get, postForm, realClock, signIn, startBoard, updatedAtOf, type Board } from './staff-board-support.js';
import { boardIntake } from './verify-support.js';

// The board's action forms through HTTP on both databases, as a browser sends them: a real
// session and CSRF token, the updated_at the page drew, a 303 back to the page and the note the
// page then shows. Each action changes the ticket as its mail command does, recorded with the
// signed-in staff member; a stale page, a bad token, no session and a malformed form apply nothing.

const ANNA = 'anna@mexrontal.com';
const en = BOARD_COPY.en;

describeEachDb('staff board actions over HTTP', (db) => {
  let b: Board;
  let intake: Intake;
  let cookie: string;
  let n = 0;
  let requester = '';
  beforeEach(() => {
    requester = `dana${++n}@example.com`;
  });

  beforeAll(async () => {
    b = await startBoard(db(), { EXTEND_MAX_WORKING_DAYS: '20' }, realClock);
    intake = boardIntake(b.fx).intake;
    cookie = await signIn(b, db(), ANNA);
  });
  afterAll(async () => {
    await b?.web.stop();
  });

  const ingest = (spec: MailSpec) => {
    const raw = buildMail({ messageId: `<w${n}-${Date.now()}-${Math.random()}@example.com>`, ...spec });
    return intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
  };
  const ticketOf = async (id: number) => (await db().db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
  const templates = async (id: number) => (await db().db.select().from(outbox).where(eq(outbox.ticketId, id)).orderBy(asc(outbox.id))).map((m) => m.template);
  const mails = (id: number) => db().db.select().from(outbox).where(eq(outbox.ticketId, id)).orderBy(asc(outbox.id));
  const eventsOf = (id: number) => db().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id));
  const boardEvents = async (id: number) => (await eventsOf(id)).filter((e) => e.actor === `staff:${ANNA}`);

  /** A request by mail, confirmed as the confirmation page leaves it. */
  async function openTicket(): Promise<TicketRow> {
    const r = await ingest({ from: `Dana Example <${requester}>`, body: 'Please delete my account and all my data.' });
    expect(r.outcome).toBe('ticket');
    const [t] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    const [open] = await db()
      .db.update(tickets)
      .set({ status: 'open', verifiedAt: new Date(), dueAt: new Date(Date.now() + 14 * 86_400_000), updatedAt: new Date() })
      .where(eq(tickets.id, t!.id))
      .returning();
    return open!;
  }

  /** The ticket page as drawn now: its CSRF token and updated_at. */
  async function draw(t: TicketRow, as = cookie): Promise<{ csrf: string; updatedAt: string; html: string }> {
    const res = await get(b, `/staff/tickets/${t.number}`, as);
    expect(res.status).toBe(200);
    const html = await res.text();
    return { csrf: csrfOf(html), updatedAt: updatedAtOf(html), html };
  }

  /** Posts one action form the way the page does, then follows the 303 as a browser would. */
  async function act(t: TicketRow, action: string, fields: Record<string, string> | Array<[string, string]>, page?: { csrf: string; updatedAt: string }) {
    const drawn = page ?? (await draw(t));
    const pairs: Array<[string, string]> = [['csrf', drawn.csrf], ['updated_at', drawn.updatedAt], ...(Array.isArray(fields) ? fields : Object.entries(fields))];
    const res = await postForm(b, `/staff/tickets/${t.number}/${action}`, pairs, { cookie });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const flash = flashCookie(res);
    expect(flash).toBeDefined();
    const next = await get(b, location, `${cookie}; ${flash}`);
    expect(next.status).toBe(200);
    const html = await next.text();
    return { location, html, flash: flashOn(html) };
  }

  it('rights, assign and note apply as the signed-in staff member via the board; nothing is mailed', async () => {
    const t = await openTicket();
    const r1 = await act(t, 'rights', { rights: 'portability, Access' });
    expect(r1.location).toBe(`/staff/tickets/${t.number}`);
    expect(r1.flash).toEqual({ tone: 'ok', text: `${t.number}: rights set.` });
    const r2 = await act(t, 'assign', { address: 'olga@mexrontal.com' });
    expect(r2.flash?.text).toBe(`${t.number}: assignee set.`);
    // Checkboxes send one value each.
    const boxes = await act(t, 'rights', [['rights', 'access'], ['rights', 'portability']]);
    expect(boxes.flash?.tone).toBe('ok');
    const r3 = await act(t, 'note', { text: 'Called her; a scan follows.' });
    expect(r3.flash?.tone).toBe('ok');
    expect(await ticketOf(t.id)).toMatchObject({ rights: ['access', 'portability'], assignee: 'olga@mexrontal.com', status: 'open' });
    expect((await boardEvents(t.id)).map((e) => [e.kind, e.data.via])).toEqual([
      ['rights_set', 'board'],
      ['assigned', 'board'],
      ['rights_set', 'board'],
      ['note', 'board'],
    ]);
    expect(await templates(t.id)).toEqual(['confirm_request']);
    // The note shows once: a reload of the page shows none.
    expect(flashOn(await (await get(b, `/staff/tickets/${t.number}`, cookie)).text())).toBeNull();
  });

  it('extend moves the due date and mails the requester; days not a whole number apply nothing and say why', async () => {
    const t = await openTicket();
    const bad = await act(t, 'extend', { days: '5 days', reason: 'archive on tape' });
    expect(bad.flash).toEqual({ tone: 'error', text: `${en.formProblem.intro} “Working days” must be a whole number, e.g. 5 (not 5 days).` });
    expect((await ticketOf(t.id)).updatedAt.getTime()).toBe(t.updatedAt.getTime());
    const over = await act(t, 'extend', { days: '21', reason: 'archive on tape' });
    expect(over.flash?.tone).toBe('error');
    expect(over.flash?.text).toContain('PD_EXTEND_INVALID');
    const ok = await act(t, 'extend', { days: '5', reason: 'archive on tape' });
    expect(ok.flash?.tone).toBe('ok');
    expect((await ticketOf(t.id)).dueAt!.getTime()).toBeGreaterThan(t.dueAt!.getTime());
    expect(await templates(t.id)).toEqual(['confirm_request', 'due_extended']);
    expect((await boardEvents(t.id)).map((e) => [e.kind, e.data])).toEqual([['extended', expect.objectContaining({ days: 5, reason: 'archive on tape', via: 'board' })]]);
  });

  it('reply queues the relayed answer in the requester thread; wait asks and waits', async () => {
    const t = await openTicket();
    const r = await act(t, 'reply', { text: 'Your export is ready; it follows in a separate mail.' });
    expect(r.flash?.text).toBe(`${t.number}: your answer is on its way to the requester.`);
    expect((await ticketOf(t.id)).status).toBe('in_progress');
    const relay = (await mails(t.id)).at(-1)!;
    expect(relay).toMatchObject({ template: 'staff_reply_relay', toAddress: requester });
    expect(relay.text).toContain('Your export is ready');
    expect((await boardEvents(t.id)).find((e) => e.kind === 'reply_relayed')).toMatchObject({ data: { outboxId: relay.id, via: 'board' } });
    // The page shows it in the thread.
    expect(r.html).toContain('Your export is ready');

    const w = await act(t, 'wait', { text: 'Which account do you mean?' });
    expect(w.flash?.tone).toBe('ok');
    expect((await ticketOf(t.id)).status).toBe('waiting');
    expect((await mails(t.id)).at(-1)).toMatchObject({ template: 'staff_reply_relay', toAddress: requester });
  });

  it('close sends the closing mail with the answer and the page shows it closed; reject tells the reason', async () => {
    const t = await openTicket();
    const c = await act(t, 'close', { text: 'All your data is deleted.' });
    expect(c.flash?.text).toBe(`${t.number}: closed; the closing mail is on its way to the requester.`);
    expect(c.html).toContain('status-closed');
    expect((await ticketOf(t.id)).status).toBe('closed');
    const closing = (await mails(t.id)).at(-1)!;
    expect(closing).toMatchObject({ template: 'closing', toAddress: requester });
    expect(closing.text).toContain('All your data is deleted.');
    // Closed already: the ticket code's refusal, shown as it says it.
    const again = await act(t, 'close', {});
    expect(again.flash?.tone).toBe('error');
    expect(again.flash?.text).toContain('PD_TICKET_BAD_TRANSITION');

    requester = `dana-r${n}@example.com`;
    const t2 = await openTicket();
    const rj = await act(t2, 'reject', { reason: 'The account belongs to someone else.' });
    expect(rj.flash?.tone).toBe('ok');
    expect((await ticketOf(t2.id)).status).toBe('rejected');
    expect((await mails(t2.id)).at(-1)).toMatchObject({ template: 'rejected', toAddress: requester });
    expect((await boardEvents(t2.id)).at(-1)).toMatchObject({ kind: 'rejected_by_staff', data: { via: 'board' } });
  });

  it('two posts from the same page: the second shows the lost race and applies nothing', async () => {
    const t = await openTicket();
    const page = await draw(t);
    const first = await act(t, 'note', { text: 'First, from this page.' }, page);
    expect(first.flash?.tone).toBe('ok');
    const after = await ticketOf(t.id);
    const second = await act(t, 'reply', { text: 'Second, from the same old page.' }, page);
    expect(second.location).toBe(`/staff/tickets/${t.number}`);
    expect(second.flash?.tone).toBe('error');
    expect(second.flash?.text).toContain(en.refusal.changed);
    expect(second.flash?.text).toContain('PD_TICKET_CHANGED');
    expect(second.flash?.text).toContain(`staff:${ANNA}`);
    expect(second.html).toContain('role="alert"');
    expect((await ticketOf(t.id)).updatedAt.getTime()).toBe(after.updatedAt.getTime());
    expect(await templates(t.id)).toEqual(['confirm_request']);
    expect((await boardEvents(t.id)).map((e) => e.kind)).toEqual(['note']);
  });

  it('a bad CSRF token is 403 and no session is 303 to sign-in: nothing applied either way', async () => {
    const t = await openTicket();
    const { csrf, updatedAt } = await draw(t);
    const fields = { updated_at: updatedAt, text: 'Should not be sent.' };
    const forged = await postForm(b, `/staff/tickets/${t.number}/reply`, { ...fields, csrf: `${csrf.slice(0, -2)}xx` }, { cookie });
    expect(forged.status).toBe(403);
    const none = await postForm(b, `/staff/tickets/${t.number}/reply`, { ...fields, csrf });
    expect(none.status).toBe(303);
    expect(none.headers.get('location')).toBe('/staff');
    // Another staff member's token does not work with this session.
    const boris = await signIn(b, db(), 'boris@mexrontal.com');
    expect((await postForm(b, `/staff/tickets/${t.number}/reply`, { ...fields, csrf }, { cookie: boris })).status).toBe(403);
    expect(await templates(t.id)).toEqual(['confirm_request']);
    expect((await eventsOf(t.id)).some((e) => e.actor.startsWith('staff:'))).toBe(false);
    expect((await ticketOf(t.id)).updatedAt.getTime()).toBe(t.updatedAt.getTime());
  });

  it('malformed forms say which field, never a 500; a note is read only by its own session, never from the URL', async () => {
    const t = await openTicket();
    const unknown = await act(t, 'rights', { rights: 'access, <b>everything</b>' });
    expect(unknown.flash?.tone).toBe('error');
    expect(unknown.flash?.text).toContain('unknown rights &lt;b&gt;everything&lt;/b&gt;');
    expect(unknown.html).not.toContain('<b>everything');
    const empty = await act(t, 'reject', { reason: '   ' });
    expect(empty.flash?.text).toBe(`${en.formProblem.intro} fill in “Reason”.`);
    const page = await draw(t);
    const twice = await act(t, 'note', [['text', 'a'], ['text', 'b']], page);
    expect(twice.flash?.text).toBe(`${en.formProblem.intro} “Text” was sent more than once.`);
    const stale = await postForm(b, `/staff/tickets/${t.number}/note`, { csrf: page.csrf, updated_at: 'yesterday', text: 'x' }, { cookie });
    expect(stale.status).toBe(303);
    const shown = flashOn(await (await get(b, `/staff/tickets/${t.number}`, `${cookie}; ${flashCookie(stale)}`)).text());
    expect(shown?.text).toContain('Reload the page');
    expect((await postForm(b, `/staff/tickets/${t.number}/nonsense`, { csrf: page.csrf, updated_at: page.updatedAt }, { cookie })).status).toBe(404);
    expect((await eventsOf(t.id)).some((e) => e.actor.startsWith('staff:'))).toBe(false);

    // Anna's note shown to Boris's session: not signed for it, not shown.
    const noted = await postForm(b, `/staff/tickets/${t.number}/note`, { csrf: page.csrf, updated_at: page.updatedAt, text: 'ok' }, { cookie });
    const boris = await signIn(b, db(), 'boris@mexrontal.com');
    expect(flashOn(await (await get(b, `/staff/tickets/${t.number}`, `${boris}; ${flashCookie(noted)}`)).text())).toBeNull();
    // A note in the URL is not shown either.
    expect(flashOn(await (await get(b, `/staff/tickets/${t.number}?flash=signed_out`, cookie)).text())).toBeNull();
  });

  it('quarantine: open as a request goes to the new ticket; a second open is refused; dismiss goes back to the list', async () => {
    const q = await ingest({ from: `"help@mexrontal.com" <${requester}>`, subject: 'hello', body: 'Please delete everything you hold about me.' });
    expect(q.outcome).toBe('quarantined');
    const list = await get(b, '/staff/quarantine', cookie);
    const csrf = csrfOf(await list.text());
    const opened = await postForm(b, `/staff/quarantine/${q.messageRowId}/open`, { csrf }, { cookie });
    expect(opened.status).toBe(303);
    const location = opened.headers.get('location')!;
    expect(location).toMatch(/^\/staff\/tickets\/DSR-\d{4}-\d+$/);
    const number = location.split('/').at(-1)!;
    const page = await (await get(b, location, `${cookie}; ${flashCookie(opened)}`)).text();
    expect(flashOn(page)?.text).toBe(`Message ${q.messageRowId} opened as a request: ${number}. The sender is asked to confirm it.`);
    const [ticket] = await db().db.select().from(tickets).where(eq(tickets.number, number));
    expect(ticket).toMatchObject({ status: 'unverified', requesterEmail: requester });
    expect(await templates(ticket!.id)).toEqual(['confirm_request']);
    expect((await messageEventsOf(db().db, q.messageRowId!)).map((e) => [e.actor, e.kind])).toEqual([[`staff:${ANNA}`, 'quarantine_opened_as_request']]);

    const again = await postForm(b, `/staff/quarantine/${q.messageRowId}/open`, { csrf }, { cookie });
    expect(again.headers.get('location')).toBe('/staff/quarantine');
    const refused = flashOn(await (await get(b, '/staff/quarantine', `${cookie}; ${flashCookie(again)}`)).text());
    expect(refused?.tone).toBe('error');
    expect(refused?.text).toContain('PD_MSG_NOT_QUARANTINED');

    const d = await ingest({ from: `"help@mexrontal.com" <other-${requester}>`, subject: 'hi', body: 'Spam.' });
    expect(d.outcome).toBe('quarantined');
    const dismissed = await postForm(b, `/staff/quarantine/${d.messageRowId}/dismiss`, { csrf }, { cookie });
    expect(dismissed.headers.get('location')).toBe('/staff/quarantine');
    const listed = await (await get(b, '/staff/quarantine', `${cookie}; ${flashCookie(dismissed)}`)).text();
    expect(flashOn(listed)).toEqual({ tone: 'ok', text: `Message ${d.messageRowId} dismissed.` });
    expect((await quarantined(db().db)).map((m) => m.id)).not.toContain(d.messageRowId);
    expect((await messageEventsOf(db().db, d.messageRowId!)).map((e) => e.actor)).toEqual([`staff:${ANNA}`]);
    // CSRF on quarantine too.
    const e = await ingest({ from: `"help@mexrontal.com" <third-${requester}>`, subject: 'hi', body: 'Delete me.' });
    expect((await postForm(b, `/staff/quarantine/${e.messageRowId}/open`, { csrf: 'nope' }, { cookie })).status).toBe(403);
    expect((await quarantined(db().db)).map((m) => m.id)).toContain(e.messageRowId);
  });
});
