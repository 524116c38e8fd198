import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { messageKeys, messages, outbox } from '../../src/db/schema.js';
import { loadDigest } from '../../src/sla/digest-load.js';
import { planRetention, runRetention } from '../../src/sla/retention.js';
import { describeEachDb } from '../helpers/db.js';
import { almaty, endOfDay, seedTicket } from './sla-support.js';
import { eventsOf, fakeClock, makeFixture, mailsOf, ticketOf, type Fixture } from './verify-support.js';

// Retention on a seeded database: a ticket closed over RETENTION_YEARS ago keeps only its number,
// rights, dates, status and on-time flag; its letters, mail and event data are gone; a younger one
// is untouched; quarantined mail goes after RETENTION_UNMATCHED_DAYS; the dry run lists, and changes nothing.

describeEachDb('retention', (db) => {
  let fx: Fixture;
  const clock = fakeClock(almaty('2029-06-01T10:00:00'));

  beforeAll(async () => {
    fx = await makeFixture(db(), { RETENTION_YEARS: '3', RETENTION_UNMATCHED_DAYS: '90' }, clock);
  });

  it('anonymises old finished tickets and unmatched mail, once, and keeps the statistics', async () => {
    const received = almaty('2026-03-02T10:00:00');
    const old = await seedTicket(db(), { status: 'closed', receivedAt: received, dueAt: endOfDay('2026-03-16'), closedAt: almaty('2026-03-10T10:00:00'), email: 'old@example.com' });
    const young = await seedTicket(db(), { status: 'closed', receivedAt: almaty('2027-03-02T10:00:00'), dueAt: endOfDay('2027-03-16'), closedAt: almaty('2027-03-10T10:00:00'), email: 'young@example.com' });
    const stillOpen = await seedTicket(db(), { status: 'open', receivedAt: received, dueAt: endOfDay('2026-03-16'), email: 'open@example.com' });
    await db().db.insert(outbox).values({
      ticketId: old.id, template: 'closing', language: 'ru', toAddress: 'old@example.com', fromAddress: 'help@example.com',
      subject: 'Re: my data', html: '<p>Dear Old</p>', text: 'Dear Old', messageId: '<closing-old@example.com>', status: 'sent',
    });
    const raw = Buffer.from('From: stranger@example.com\r\n\r\nhello');
    const [q] = await db().db.insert(messages).values({
      sourceKey: 'test:q-old', mailbox: 'INBOX', raw, rawSha256: 'q-old', size: raw.length, sender: 'stranger@example.com',
      subject: 'hi', textBody: 'hello', outcome: 'quarantined', receivedAt: almaty('2029-01-01T10:00:00'),
    }).returning();
    await db().db.insert(messageKeys).values({ key: '<q-old@example.com>|stranger@example.com', messageRowId: q!.id });
    const [qNew] = await db().db.insert(messages).values({
      sourceKey: 'test:q-new', mailbox: 'INBOX', raw, rawSha256: 'q-new', size: raw.length, sender: 'stranger@example.com',
      outcome: 'ignored', receivedAt: almaty('2029-05-01T10:00:00'),
    }).returning();

    const plan = await planRetention(fx.ctx, clock.now());
    expect(plan.tickets.map((t) => t.number)).toEqual([old.number]);
    expect(plan.messages).toEqual([q!.id]);
    // The dry run changed nothing.
    expect((await ticketOf(db(), old.id)).requesterEmail).toBe('old@example.com');

    expect(await runRetention(fx.ctx)).toEqual({ tickets: 1, messages: 1 });
    expect(await runRetention(fx.ctx)).toEqual({ tickets: 0, messages: 0 });

    const t = await ticketOf(db(), old.id);
    expect(t).toMatchObject({ number: old.number, status: 'closed', rights: ['erasure'], requesterEmail: 'purged', requesterName: null, subject: null, onTime: true });
    expect(t.purgedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(t.closedAt?.toISOString()).toBe(old.closedAt?.toISOString());
    const [origin] = await db().db.select().from(messages).where(eq(messages.id, old.originMessageId!));
    expect(origin).toMatchObject({ sender: null, senderName: null, subject: null, textBody: null, size: 0 });
    expect(origin!.raw.length).toBe(0);
    const [mail] = await mailsOf(db(), old.id);
    expect(mail).toMatchObject({ toAddress: 'purged', subject: 'purged', html: '', text: '' });
    const events = await eventsOf(db(), old.id);
    expect(events.map((e) => e.kind)).toEqual(['purged']);
    expect(JSON.stringify(events)).not.toContain('old@example.com');

    const [qRow] = await db().db.select().from(messages).where(eq(messages.id, q!.id));
    expect(qRow).toMatchObject({ sender: null, textBody: null, subject: null, outcome: 'quarantined' });
    expect(await db().db.select().from(messageKeys).where(eq(messageKeys.messageRowId, q!.id))).toHaveLength(0);
    const [qNewRow] = await db().db.select().from(messages).where(eq(messages.id, qNew!.id));
    expect(qNewRow!.sender).toBe('stranger@example.com');

    expect((await ticketOf(db(), young.id)).requesterEmail).toBe('young@example.com');
    expect((await ticketOf(db(), stillOpen.id)).requesterEmail).toBe('open@example.com');

    // The anonymised ticket still counts in the statistics.
    const d = await loadDigest(db().db, fx.ctx, clock.now());
    expect(d.byStatus.closed).toBe(2);
  });
});
