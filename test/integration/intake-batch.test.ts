import { asc, eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { rows } from '../../src/db/client.js';
import { messages, tickets } from '../../src/db/schema.js';
import { createIntake, type Intake } from '../../src/intake.js';
import type { IncomingMail } from '../../src/mail/incoming.js';
import { inlineReader } from '../../src/mail/reader.js';
import { openTestIntake, STUB_CLASSIFIER } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';

// Through a flood, intake claims several stored messages at once (one per sender) and acts on
// those that point at no ticket in one transaction: a round trip per step of the batch, not per
// step of each message. Each message still gets exactly one outcome with its effects, and one
// message that fails never costs the others theirs.

let uid = 0;
const mail = (raw: Buffer): IncomingMail => ({ mailbox: 'imap:INBOX', sourceKey: `imap:INBOX:9:${++uid}`, uidValidity: 9, uid, raw });
const request = (from: string, extra: Parameters<typeof buildMail>[0] = {}) => mail(buildMail({ from, ...extra }));

/** The transaction that wrote each message's ticket (PostgreSQL's xmin of the ticket row). */
async function ticketTransactions(ctx: AppContext, ids: number[]): Promise<Map<number, string>> {
  const found = await rows<{ id: number; tx: string }>(
    ctx.database.db,
    sql`select m.id, t.xmin::text as tx from messages m join tickets t on t.id = m.ticket_id where m.id in ${sql.raw(`(${ids.join(',')})`)}`,
  );
  return new Map(found.map((r) => [Number(r.id), r.tx]));
}

async function storedIds(ctx: AppContext, from: number): Promise<number[]> {
  const r = await ctx.database.db.select({ id: messages.id }).from(messages).where(sql`${messages.id} > ${from}`).orderBy(asc(messages.id));
  return r.map((x) => x.id);
}

async function lastId(ctx: AppContext): Promise<number> {
  const [r] = await rows<{ id: number | null }>(ctx.database.db, sql`select max(id) as id from messages`);
  return Number(r?.id ?? 0);
}

describeEachDb('intake takes a flood several messages at a time', (db) => {
  it('opens one ticket per request, the requests of one batch in one transaction, and a reply to a thread alone', async () => {
    const app = openTestIntake(db());
    const before = await lastId(app.ctx);
    const flood = Array.from({ length: 10 }, (_, i) => request(`flood${i}@example.org`, { messageId: `<batch-flood-${i}@example.org>` }));
    // Points at a thread (In-Reply-To): processed alone, even though no ticket is found for it.
    flood.splice(3, 0, request('replier@example.org', { messageId: '<batch-reply@example.org>', inReplyTo: '<gone@example.org>' }));
    await app.intake.storeBatch(flood);
    const ids = await storedIds(app.ctx, before);
    expect(ids).toHaveLength(11);

    const first = await app.intake.processBatch(8);
    expect(first.map((r) => r.outcome)).toEqual(Array(8).fill('ticket'));
    const rest = await app.intake.processBatch(8);
    expect(rest.map((r) => r.outcome)).toEqual(Array(3).fill('ticket'));
    expect(await app.intake.processBatch(8)).toEqual([]);

    const done = await db().db.select().from(messages).where(inArray(messages.id, ids));
    expect(done.every((m) => m.outcome === 'ticket' && m.attempts === 1)).toBe(true);
    expect(new Set(done.map((m) => m.ticketId)).size).toBe(11);

    const txOf = await ticketTransactions(app.ctx, ids);
    const firstBatch = first.map((r) => r.messageRowId!);
    const reply = ids[3]!;
    expect(firstBatch).toContain(reply);
    const shared = new Set(firstBatch.filter((id) => id !== reply).map((id) => txOf.get(id)));
    expect(shared.size).toBe(1);
    expect(shared.has(txOf.get(reply))).toBe(false);
  });

  it('holds a sender’s later message back until the earlier one has its outcome', async () => {
    const app = openTestIntake(db());
    const before = await lastId(app.ctx);
    await app.intake.storeBatch([
      request('Alma <alma@example.net>', { messageId: '<alma-1@example.net>' }),
      request('boris@example.net', { messageId: '<boris-1@example.net>' }),
      request('alma@example.net', { messageId: '<alma-2@example.net>', subject: 'Data management request' }),
    ]);
    const [alma1, boris1, alma2] = await storedIds(app.ctx, before);

    expect((await app.intake.processBatch(8)).map((r) => r.messageRowId)).toEqual([alma1, boris1]);
    expect((await app.intake.processBatch(8)).map((r) => r.messageRowId)).toEqual([alma2]);
    const opened = await db().db.select().from(tickets).where(eq(tickets.requesterEmail, 'alma@example.net')).orderBy(asc(tickets.id));
    expect(opened.map((t) => t.originMessageId)).toEqual([alma1, alma2]);
  });

  it('tries each message alone when the shared transaction fails: the others open their tickets, the bad one is retried and then quarantined', async () => {
    const { ctx } = openTestIntake(db());
    const failing: Intake = createIntake(ctx, {
      reader: inlineReader(STUB_CLASSIFIER),
      hooks: {
        ticketOpened: async (_tx, ticket) => {
          if (ticket.requesterEmail === 'cursed@example.com') throw new Error('the confirmation could not be queued');
        },
      },
    });
    const before = await lastId(ctx);
    await failing.storeBatch([
      request('good1@example.com'),
      request('cursed@example.com'),
      request('good2@example.com'),
      request('good3@example.com'),
    ]);
    const [good1, cursed, good2, good3] = await storedIds(ctx, before);

    const results = await failing.processBatch(8);
    expect(results.map((r) => [r.messageRowId, r.outcome])).toEqual([
      [good1, 'ticket'],
      [good2, 'ticket'],
      [good3, 'ticket'],
    ]);
    const [held] = await db().db.select().from(messages).where(eq(messages.id, cursed!));
    expect(held).toMatchObject({ outcome: null, ticketId: null, attempts: 1, claimedUntil: null });
    // Rolled back with the batch, then again alone: no ticket of the cursed message survived.
    expect(await db().db.select().from(tickets).where(eq(tickets.requesterEmail, 'cursed@example.com'))).toEqual([]);

    // PROCESSING_MAX_ATTEMPTS (3) failures later the message waits for a person.
    await expect(failing.processBatch(8)).rejects.toThrow('the confirmation could not be queued');
    await expect(failing.processBatch(8)).rejects.toThrow('the confirmation could not be queued');
    const last = await failing.processBatch(8);
    expect(last).toEqual([expect.objectContaining({ messageRowId: cursed, outcome: 'quarantined', reason: 'PD_MSG_PROCESSING_FAILED' })]);
  });
});
