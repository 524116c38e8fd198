import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { mailBudgetFor, pruneMailBudget, refundMailBudget, spendMailBudget, type BudgetLimits } from '../../src/db/queries/mail-budget.js';
import { describeEachDb } from '../helpers/db.js';

// The confirmation mail budgets as per-minute counts: a decision reads a handful of rows however
// much mail went out, and deciding and spending is one step for every connection at once.

const roomy: BudgetLimits = { recipientPerDay: 1000, domainPerHour: 1000, perHour: 1000 };
const subject = (to: string, authenticated = false) => ({ toKey: to, toDomain: to.split('@')[1]!, authenticated });
const at = (iso: string) => new Date(iso);

describeEachDb('mail budget', (db) => {
  const spend = (to: string, now: Date, limits = roomy, authenticated = false) =>
    db().db.transaction((tx) => spendMailBudget(tx, subject(to, authenticated), limits, now));

  it('counts each scope of the subject and spends one mail of each', async () => {
    const now = at('2026-03-02T10:00:30Z');
    expect(await spend('ann@one.example', now)).toEqual({ toRecipient: 0, toDomain: 0, all: 0, spent: true });
    expect(await spend('bob@one.example', now)).toEqual({ toRecipient: 0, toDomain: 1, all: 1, spent: true });
    expect(await spend('ann@one.example', now)).toEqual({ toRecipient: 1, toDomain: 2, all: 2, spent: true });
    // The other class has budgets of its own.
    expect(await spend('ann@one.example', now, roomy, true)).toEqual({ toRecipient: 0, toDomain: 0, all: 0, spent: true });
  });

  it('holds a mail at any limit without counting it', async () => {
    const now = at('2026-03-03T10:00:00Z');
    const limits = { recipientPerDay: 2, domainPerHour: 3, perHour: 4 };
    expect((await spend('cat@two.example', now, limits)).spent).toBe(true);
    expect((await spend('cat@two.example', now, limits)).spent).toBe(true);
    expect(await spend('cat@two.example', now, limits)).toEqual({ toRecipient: 2, toDomain: 2, all: 2, spent: false });
    expect((await spend('dan@two.example', now, limits)).spent).toBe(true);
    expect(await spend('eve@two.example', now, limits)).toMatchObject({ toDomain: 3, spent: false });
    expect((await spend('fay@three.example', now, limits)).spent).toBe(true);
    expect(await spend('gus@four.example', now, limits)).toMatchObject({ all: 4, spent: false });
  });

  it('forgets a minute once it starts outside the window: an hour for the domain and all, a day for the recipient', async () => {
    const sent = at('2026-03-04T10:00:30Z');
    await spend('hal@five.example', sent);
    expect(await spend('ivy@five.example', at('2026-03-04T10:59:59Z'))).toMatchObject({ toDomain: 1, all: 1 });
    // At 11:00:00 the minute 10:00 no longer starts inside the hour: hal's mail is forgotten 30 s early.
    expect(await spend('jon@five.example', at('2026-03-04T11:00:00Z'))).toMatchObject({ toDomain: 1, all: 1 });
    expect(await spend('kim@five.example', at('2026-03-04T11:00:01Z'))).toMatchObject({ toDomain: 2, all: 2 });
    expect(await spend('hal@five.example', at('2026-03-05T09:59:00Z'))).toMatchObject({ toRecipient: 1 });
    expect(await spend('hal@five.example', at('2026-03-05T10:00:30Z'))).toMatchObject({ toRecipient: 1 });
  });

  it('gives a refunded mail back to every scope', async () => {
    const now = at('2026-03-06T10:00:00Z');
    await spend('lea@six.example', now);
    await db().db.transaction((tx) => refundMailBudget(tx, subject('lea@six.example'), now));
    expect(await spend('lea@six.example', now)).toEqual({ toRecipient: 0, toDomain: 0, all: 0, spent: true });
  });

  it('lets only one of many connections spend the last mail of the hour', async () => {
    const now = at('2026-03-07T10:00:00Z');
    const limits = { ...roomy, perHour: 1 };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => spend(`p${i}@seven.example`, now, limits)));
    expect(results.filter((r) => r.spent)).toHaveLength(1);
    expect(results.filter((r) => !r.spent).every((r) => r.all === 1)).toBe(true);
  });

  it('prunes minutes older than a day and an hour, and nothing newer', async () => {
    const now = at('2026-03-10T12:00:00Z');
    await spend('old@eight.example', at('2026-03-09T10:59:00Z'));
    await spend('new@eight.example', at('2026-03-09T11:01:00Z'));
    const count = async (where: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db().db, sql`select count(*)::int as n from mail_budget where ${where}`))[0]!.n);
    const old = await count(sql`minute < '2026-03-09T11:00:00Z'`);
    expect(old).toBeGreaterThanOrEqual(3);
    expect(await pruneMailBudget(db().db, now)).toBe(old);
    expect(await count(sql`minute < '2026-03-09T11:00:00Z'`)).toBe(0);
    expect(await count(sql`minute = '2026-03-09T11:01:00Z'`)).toBe(3);
    expect(await spend('new@eight.example', at('2026-03-10T11:00:00Z'))).toMatchObject({ toRecipient: 1 });
  });

  it('spends on the side pool without holding the budget lock to the end of the caller\'s transaction', async (t) => {
    const side = db().side;
    if (!side) return t.skip('PGlite has one connection: the budget is spent in the caller\'s transaction');
    const now = at('2026-03-11T10:00:00Z');
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => (releaseFirst = r));
    let firstSpent!: () => void;
    const spentInFirst = new Promise<void>((r) => (firstSpent = r));
    // The first caller spends, then keeps its own transaction open; the second spends meanwhile.
    const first = db().db.transaction(async (tx) => {
      const r = await mailBudgetFor(tx, side).spend(subject('q1@nine.example'), roomy, now);
      firstSpent();
      await firstHolds;
      return r;
    });
    await spentInFirst;
    const second = await db().db.transaction((tx) => mailBudgetFor(tx, side).spend(subject('q2@nine.example'), roomy, now));
    expect(second).toMatchObject({ all: 1, spent: true });
    releaseFirst();
    expect(await first).toMatchObject({ all: 0, spent: true });
  });

  it('keeps a mail spent on the side pool counted when the caller\'s transaction fails: it errs toward holding', async (t) => {
    const side = db().side;
    if (!side) return t.skip('PGlite spends inside the caller\'s transaction, which takes the spend back with it');
    const now = at('2026-03-12T10:00:00Z');
    await expect(
      db().db.transaction(async (tx) => {
        await mailBudgetFor(tx, side).spend(subject('r1@ten.example'), roomy, now);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await spend('r2@ten.example', now)).toMatchObject({ toDomain: 1, all: 1 });
  });
});
