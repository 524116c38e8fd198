import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { rows } from '../../src/db/client.js';
import { insertRawMessage } from '../../src/db/queries/messages.js';
import { messages, tickets } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sha256 } from '../../src/mail/parse.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';

// After an outage the pending sweep and the mailbox reached one stored message at once: two
// tickets were attempted (tickets_origin_uq), an attempt was spent and a ticket number lost.
// Processing now claims the message first; the second worker waits for the first one's outcome.

describeEachDb('intake claims a message before processing it', (db) => {
  let sweep: App;
  let mailbox: App;

  beforeAll(async () => {
    const config = testConfig();
    // Two intakes on one database, as the sweep and the mailbox source of one or two instances.
    sweep = await openApp(config, silentLogger(), { ...db(), close: async () => {} });
    mailbox = await openApp(config, silentLogger(), { ...db(), close: async () => {} });
  });

  async function store(from: string): Promise<number> {
    const raw = buildMail({ from });
    const id = await insertRawMessage(db().db, {
      sourceKey: `test:${sha256(raw)}`, mailbox: 'test', uidValidity: null, uid: null, raw, rawSha256: sha256(raw), internalDate: null,
    });
    return id!;
  }

  async function ticketSeq(): Promise<number> {
    const [r] = await rows<{ n: string }>(db().db, sql`select case when is_called then last_value else 0 end as n from ticket_number_seq`);
    return Number(r!.n);
  }

  it('two workers processing one stored message at once open one ticket, spend one attempt and take one number', async () => {
    const id = await store('race@example.com');
    const before = await ticketSeq();

    const results = await Promise.all([sweep.intake.process(id), mailbox.intake.process(id), sweep.intake.process(id)]);

    expect(results.map((r) => r.outcome)).toEqual(['ticket', 'ticket', 'ticket']);
    expect(new Set(results.map((r) => r.ticket)).size).toBe(1);
    const opened = await db().db.select().from(tickets).where(eq(tickets.requesterEmail, 'race@example.com'));
    expect(opened).toHaveLength(1);
    const [row] = await db().db.select().from(messages).where(eq(messages.id, id));
    expect(row!.attempts).toBe(1);
    expect(await ticketSeq()).toBe(before + 1);

    // The next ticket takes the next number: none was lost to the race.
    const next = await sweep.intake.process(await store('after-race@example.com'));
    expect(Number(next.ticket!.slice(-6))).toBe(Number(results[0]!.ticket!.slice(-6)) + 1);
  });

  it('the pending sweep skips a message another worker holds, and takes it once the claim has ended', async () => {
    const id = await store('held@example.com');
    await db().db.execute(sql`update messages set claimed_until = now() + interval '1 hour', attempts = 1 where id = ${id}`);
    expect((await sweep.intake.processPending()).map((r) => r.messageRowId)).not.toContain(id);

    await db().db.execute(sql`update messages set claimed_until = now() - interval '1 second' where id = ${id}`);
    const taken = await sweep.intake.processPending();
    expect(taken.filter((r) => r.messageRowId === id).map((r) => r.outcome)).toEqual(['ticket']);
    const [row] = await db().db.select().from(messages).where(eq(messages.id, id));
    expect(row!.attempts).toBe(2);
  });
});
