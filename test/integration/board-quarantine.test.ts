import { asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { getMessage, quarantined } from '../../src/db/queries/messages.js';
import { messageEventsOf } from '../../src/db/queries/quarantine-actions.js';
import { outbox, ticketEvents, tickets } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { dismissQuarantinedMessage, openQuarantinedAsRequest } from '../../src/tickets/quarantine-request.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail, type MailSpec } from '../helpers/mail.js';

// The staff board's quarantine page, on both drivers: "open as a request" runs a quarantined
// message through intake as a request whatever it was quarantined for, once (a second or a
// concurrent click opens nothing more), and the normal confirmation follows; a message without a
// sender is refused; "dismiss" is recorded once.

const LENA = 'lena@staff.example.com';

describeEachDb('staff board: quarantine', (db) => {
  let app: App;
  let n = 0;

  beforeAll(async () => {
    app = await openApp(testConfig({ STAFF_ADDRESSES: '@staff.example.com', MAX_MESSAGE_BYTES: '4096' }), silentLogger(), { ...db(), close: async () => {} });
  });

  async function quarantine(spec: MailSpec, reason: string): Promise<number> {
    const raw = buildMail({ messageId: `<q${++n}-${Date.now()}@example.com>`, ...spec });
    const r = await app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
    expect(r).toMatchObject({ outcome: 'quarantined', reason });
    return r.messageRowId!;
  }
  const open = (id: number) => openQuarantinedAsRequest(db().db, { intake: app.intake }, id, LENA);

  it('opens a message quarantined for a display name posing as ours, with no request subject, as a request: ticket, confirmation, event', async () => {
    const id = await quarantine({ from: '"help@mexrontal.com" <yerlan@example.net>', subject: 'hello', body: 'Please delete everything you hold about me.' }, 'PD_MSG_SPOOFED_NAME');
    const r = await open(id);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    const ticket = r.value;
    expect(ticket).toMatchObject({ status: 'unverified', requesterEmail: 'yerlan@example.net', originMessageId: id });
    const mails = await db().db.select().from(outbox).where(eq(outbox.ticketId, ticket.id)).orderBy(asc(outbox.id));
    expect(mails.map((m) => [m.template, m.toAddress])).toEqual([['confirm_request', 'yerlan@example.net']]);
    const row = await getMessage(db().db, id);
    expect(row).toMatchObject({ outcome: 'ticket', ticketId: ticket.id, reason: null, dismissedAt: null });
    expect((await messageEventsOf(db().db, id)).map((e) => [e.actor, e.kind, e.data])).toEqual([
      [`staff:${LENA}`, 'quarantine_opened_as_request', { reason: 'PD_MSG_SPOOFED_NAME', ticket: ticket.number }],
    ]);
    const created = await db().db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id)).orderBy(asc(ticketEvents.id));
    expect(created.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'confirmation_sent']));
    expect((await quarantined(db().db, { includeDismissed: true })).map((m) => m.id)).not.toContain(id);

    // A second click: nothing more, and it says what became of the message.
    const again = await open(id);
    expect(again).toMatchObject({ ok: false, code: 'PD_MSG_NOT_QUARANTINED' });
    expect(!again.ok && again.message).toContain(ticket.number);
    expect(await db().db.select().from(tickets).where(eq(tickets.originMessageId, id))).toHaveLength(1);
  });

  it('two clicks at once open one ticket', async () => {
    const id = await quarantine({ from: '"help@mexrontal.com" <zhanna@example.net>', body: 'Delete my data.' }, 'PD_MSG_SPOOFED_NAME');
    const results = await Promise.all([open(id), open(id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['PD_MSG_NOT_QUARANTINED']);
    expect(await db().db.select().from(tickets).where(eq(tickets.originMessageId, id))).toHaveLength(1);
    expect((await messageEventsOf(db().db, id)).filter((e) => e.kind === 'quarantine_opened_as_request')).toHaveLength(1);
  });

  it('a too-large message opens from its headers, in triage', async () => {
    const id = await quarantine({ from: 'Timur Example <timur@example.org>', body: `Delete my data. ${'x'.repeat(6000)}` }, 'PD_MSG_TOO_LARGE');
    const r = await open(id);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    expect(r.value).toMatchObject({ requesterEmail: 'timur@example.org', triage: true, status: 'unverified' });
  });

  it('a message with no usable sender is refused with PD_MSG_NO_SENDER and stays quarantined', async () => {
    const id = await quarantine({ from: null, body: 'Delete my data.' }, 'PD_MSG_NO_SENDER');
    const r = await open(id);
    expect(r).toMatchObject({ ok: false, code: 'PD_MSG_NO_SENDER' });
    expect(!r.ok && r.message).toContain('dismiss it');
    expect(await getMessage(db().db, id)).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_NO_SENDER' });
    expect(await messageEventsOf(db().db, id)).toEqual([]);
  });

  it('dismiss is recorded with the staff member, once; an unknown message is PD_MSG_NOT_QUARANTINED', async () => {
    const id = await quarantine({ from: null, body: 'spam' }, 'PD_MSG_NO_SENDER');
    expect(await dismissQuarantinedMessage(db().db, { now: () => new Date() }, id, LENA)).toEqual({ ok: true, value: null });
    expect(await dismissQuarantinedMessage(db().db, { now: () => new Date() }, id, LENA)).toMatchObject({ ok: false, code: 'PD_MSG_NOT_QUARANTINED' });
    expect((await messageEventsOf(db().db, id)).map((e) => [e.actor, e.kind])).toEqual([[`staff:${LENA}`, 'quarantine_dismissed']]);
    expect(await open(999_999)).toMatchObject({ ok: false, code: 'PD_MSG_NOT_QUARANTINED' });
  });
});
