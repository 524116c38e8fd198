import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows, type Database } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema.js';
import { runSchedulerOnce, defaultJobs } from '../../src/scheduler.js';
import { createTestDatabase, dbKinds, describeEachDb, type TestDatabase } from '../helpers/db.js';
import { requireEnv } from '../helpers/env.js';
import { databaseUrl } from '../helpers/pg-url.js';
import { almaty, endOfDay, seedTicket } from './sla-support.js';
import { fakeClock, makeFixture, type Fixture } from './verify-support.js';

// Two services on one PostgreSQL, each with its own connection pool and scheduler, run their ticks
// at the same moments of a test clock, and one of them restarts between days: every staff
// reminder goes once per ticket and threshold, the managers are copied from the first overdue
// day, and the digest goes once per day, once after three days down.

const ENV = { MANAGER_ADDRESSES: 'dpo@example.com,boss@example.com', STAFF_NOTIFY_ADDRESS: 'privacy@example.com', ORG_TIMEZONE: 'Asia/Almaty' };

describe.skipIf(!dbKinds().includes('postgres'))('reminders and digest exactly once across two services [postgres]', () => {
  let t: TestDatabase;
  let second: Database;
  let url: string;
  const clock = fakeClock(almaty('2026-04-20T08:00:00'));
  let a: Fixture;
  let b: Fixture;

  async function openSecond(): Promise<Fixture> {
    second = await openDatabase({ kind: 'postgres', url, max: 5 });
    return makeFixture(second, ENV, clock);
  }

  /** One tick on both services at once, each with fresh jobs as after a start. */
  async function tickBoth(): Promise<void> {
    const [ra, rb] = await Promise.all([runSchedulerOnce(a.ctx, a.deps, defaultJobs()), runSchedulerOnce(b.ctx, b.deps, defaultJobs())]);
    for (const r of [ra, rb]) for (const v of Object.values(r)) expect(v).not.toHaveProperty('error');
  }

  async function mails(template: string) {
    return t.database.db.select().from(outbox).where(eq(outbox.template, template)).orderBy(asc(outbox.id));
  }

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    const [{ name }] = await rows<{ name: string }>(t.database.db, sql`select current_database() as name`) as [{ name: string }];
    url = databaseUrl(requireEnv('PD_TEST_PG_URL'), name);
    a = await makeFixture(t.database, ENV, clock);
    b = await openSecond();
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('sends each reminder and each day\'s digest once', async () => {
    const received = almaty('2026-04-02T10:00:00');
    const soon3 = await seedTicket(t.database, { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-23') });
    const soon1 = await seedTicket(t.database, { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-21') });
    const late = await seedTicket(t.database, { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-17') });
    const closed = await seedTicket(t.database, { status: 'closed', receivedAt: received, dueAt: endOfDay('2026-04-17'), closedAt: received });

    // Monday 08:00: reminders, no digest before 09:00.
    await tickBoth();
    await tickBoth();
    expect((await mails('staff_due_soon')).map((m) => [m.ticketId, m.toAddress])).toEqual(
      expect.arrayContaining([
        [soon3.id, 'privacy@example.com'],
        [soon1.id, 'privacy@example.com'],
      ]),
    );
    expect(await mails('staff_due_soon')).toHaveLength(2);
    const overdue = await mails('staff_overdue');
    expect(overdue.map((m) => m.toAddress).sort()).toEqual(['boss@example.com', 'dpo@example.com', 'privacy@example.com']);
    expect(overdue.every((m) => m.ticketId === late.id)).toBe(true);
    expect((await mails('staff_due_soon')).concat(overdue).some((m) => m.ticketId === closed.id)).toBe(false);
    expect(await mails('manager_digest')).toHaveLength(0);

    // 09:30: the digest, once to each manager, though both services tick twice.
    clock.set(almaty('2026-04-20T09:30:00'));
    await tickBoth();
    await tickBoth();
    expect((await mails('manager_digest')).map((m) => m.toAddress).sort()).toEqual(['boss@example.com', 'dpo@example.com']);

    // The second service restarts; ticking again the same day sends nothing new.
    await second.close();
    b = await openSecond();
    await tickBoth();
    expect(await mails('manager_digest')).toHaveLength(2);
    expect(await mails('staff_overdue')).toHaveLength(3);

    // Tuesday 09:30: one new overdue round (the 3- and 1-day reminders are spent), one new digest.
    clock.set(almaty('2026-04-21T09:30:00'));
    await Promise.all([tickBoth(), tickBoth()]);
    expect(await mails('staff_due_soon')).toHaveLength(2);
    expect(await mails('staff_overdue')).toHaveLength(6);
    expect(await mails('manager_digest')).toHaveLength(4);

    // Down from Tuesday to Friday afternoon: one digest for Friday, not one per missed day.
    await second.close();
    clock.set(almaty('2026-04-24T15:00:00'));
    b = await openSecond();
    await tickBoth();
    await tickBoth();
    const digests = await mails('manager_digest');
    expect(digests).toHaveLength(6);
    expect(digests.slice(4).every((m) => m.dedupKey?.startsWith('manager_digest:2026-04-24:'))).toBe(true);

    // Saturday: no digest on a day off (DIGEST_DAYS=working), and no staff reminders.
    clock.set(almaty('2026-04-25T10:00:00'));
    await tickBoth();
    expect(await mails('manager_digest')).toHaveLength(6);
    const marks = await rows<{ n: number | string }>(t.database.db, sql`select count(*) as n from schedule_marks where kind = 'staff_reminder' and ticket_id = ${late.id}`);
    // Overdue on Monday, Tuesday and Friday: the days a tick ran.
    expect(Number(marks[0]!.n)).toBe(3);
    const bossCopies = await t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.template, 'staff_overdue'), eq(outbox.toAddress, 'boss@example.com')));
    // Three for the late ticket, and by Friday the two others are overdue too (one copy each).
    expect(bossCopies.filter((m) => m.ticketId === late.id)).toHaveLength(3);
    expect(bossCopies.filter((m) => m.ticketId !== late.id).map((m) => m.ticketId).sort()).toEqual([soon3.id, soon1.id].sort());
  });
});

// On either database: one service ticking repeatedly, with a fresh start (new context, new jobs)
// between ticks, sends the day's reminder and digest once.
describeEachDb('reminders and digest once per day across restarts', (db) => {
  it('sends one reminder and one digest however often it restarts and ticks', async () => {
    const clock = fakeClock(almaty('2026-04-06T09:15:00'));
    const late = await seedTicket(db(), { status: 'open', receivedAt: almaty('2026-03-16T10:00:00'), dueAt: endOfDay('2026-04-03') });
    for (let i = 0; i < 3; i++) {
      const fx = await makeFixture(db(), ENV, clock);
      await runSchedulerOnce(fx.ctx, fx.deps, defaultJobs());
      await runSchedulerOnce(fx.ctx, fx.deps, defaultJobs());
    }
    const all = await db().db.select().from(outbox).orderBy(asc(outbox.id));
    expect(all.filter((m) => m.template === 'manager_digest').map((m) => m.toAddress).sort()).toEqual(['boss@example.com', 'dpo@example.com']);
    expect(all.filter((m) => m.template === 'staff_overdue' && m.ticketId === late.id)).toHaveLength(3);
  });
});
