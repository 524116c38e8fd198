import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { tickets } from '../../src/db/schema.js';
import { createScheduler, runSchedulerOnce, verificationJob, type SchedulerJob } from '../../src/scheduler.js';
import { describeEachDb } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { eventsOf, insertTicket, mailsOf, makeFixture, request, ticketOf, type Fixture } from './verify-support.js';

// The scheduler runs the verification job each tick: the reminder goes once however many ticks
// (or schedulers) run, expiry happens once, and one failing job does not stop the others.

describeEachDb('scheduler', (db) => {
  let fx: Fixture;

  beforeEach(async () => {
    fx = await makeFixture(db());
    await db().db.update(tickets).set({ status: 'expired' }).where(eq(tickets.status, 'unverified'));
  });

  it('sends the reminder once when the scheduler runs twice, and two schedulers at once', async () => {
    const start = new Date('2026-04-01T05:00:00Z');
    fx.clock.set(start);
    const t = await insertTicket(db(), { email: 'sched1@example.com', receivedAt: start });
    await request(fx, t);
    fx.clock.advanceHours(49);

    const first = await runSchedulerOnce(fx.ctx, fx.deps);
    const second = await runSchedulerOnce(fx.ctx, fx.deps);
    await Promise.all([runSchedulerOnce(fx.ctx, fx.deps), runSchedulerOnce(fx.ctx, fx.deps)]);
    expect(first.verification).toMatchObject({ reminded: 1, expired: 0 });
    expect(second.verification).toMatchObject({ reminded: 0 });
    expect((await mailsOf(db(), t.id)).map((m) => m.template)).toEqual(['confirm_request', 'confirm_reminder']);
    expect(fx.ctx.status.get('scheduler')?.ok).toBe(true);
    expect(fx.ctx.status.counter('scheduler_verification_reminded_total')).toBe(1);
  });

  it('the loop expires a week-old request once and stops cleanly', async () => {
    const start = new Date('2026-04-06T05:00:00Z');
    fx.clock.set(start);
    const t = await insertTicket(db(), { email: 'sched2@example.com', receivedAt: start });
    await request(fx, t);
    fx.clock.advanceHours(7 * 24);

    let ticks = 0;
    const counter: SchedulerJob = { name: 'counter', run: () => Promise.resolve({ ticks: ++ticks }) };
    const loop = createScheduler(fx.ctx, fx.deps, { intervalMs: 10, jobs: [verificationJob, counter] });
    loop.start();
    try {
      await waitFor('the ticket to expire', async () => (await ticketOf(db(), t.id)).status === 'expired');
      // Let it tick some more: nothing is done twice.
      const seen = ticks;
      await waitFor('three more ticks', () => ticks >= seen + 3);
    } finally {
      await loop.stop();
    }
    expect(loop.state()).toBe('stopped');
    expect((await mailsOf(db(), t.id)).filter((m) => m.template === 'confirm_expired')).toHaveLength(1);
    expect(await eventsOf(db(), t.id, 'expired')).toHaveLength(1);
  });

  it('a failing job is logged and reported, and the jobs after it still run', async () => {
    const start = new Date('2026-04-13T05:00:00Z');
    fx.clock.set(start);
    const t = await insertTicket(db(), { email: 'sched3@example.com', receivedAt: start });
    await request(fx, t);
    fx.clock.advanceHours(49);
    const broken: SchedulerJob = {
      name: 'broken',
      run: () => Promise.reject(new Error('boom')),
    };
    const out = await runSchedulerOnce(fx.ctx, fx.deps, [broken, verificationJob]);
    expect(out.broken).toEqual({ error: 'boom' });
    expect(out.verification).toMatchObject({ reminded: 1 });
    expect(fx.ctx.status.get('scheduler')).toMatchObject({ ok: false, lastError: 'broken: boom' });
    expect(fx.logs.find('scheduler job failed', { job: 'broken' })).toHaveLength(1);
  });
});
