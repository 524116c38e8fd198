import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { scheduleMarks, tickets, verificationTokens } from '../../src/db/schema.js';
import { addWorkingDays } from '../../src/deadlines/working-days.js';
import { confirmRequest, inspectLink, rejectRequest } from '../../src/verify/confirm.js';
import { runVerificationSweep } from '../../src/verify/reminders.js';
import { hashToken } from '../../src/verify/token.js';
import { describeEachDb } from '../helpers/db.js';
import {
  eventsOf,
  insertTicket,
  latestLink,
  mailsOf,
  makeFixture,
  request,
  sentText,
  ticketOf,
  tokensOf,
  type Fixture,
} from './verify-support.js';

// The verification flow against a real database, without HTTP: links, confirm and reject,
// replay and tampering, rate limits, reminders and expiry under a clock the test moves.

describeEachDb('verification flow', (db, kind) => {
  let fx: Fixture;
  let n = 0;
  // Every test writes to its own address so the per-recipient budget of one does not touch another.
  const addr = () => `person${++n}@example.com`;

  beforeEach(async () => {
    fx = await makeFixture(db());
    // Sweeps act on every waiting ticket: earlier tests' leftovers must not use a test's budget.
    await db().db.update(tickets).set({ status: 'expired' }).where(eq(tickets.status, 'unverified'));
  });

  it('a new request gets a hashed single token and a threaded confirm_request mail to the From address', async () => {
    const email = addr();
    const t = await insertTicket(db(), { email });
    await request(fx, t);
    const [mail] = await mailsOf(db(), t.id);
    expect(mail).toMatchObject({ template: 'confirm_request', toAddress: email, language: 'ru', status: 'pending' });
    expect(mail!.inReplyTo).toMatch(/^<origin-/);
    expect(mail!.references).toEqual(['<earlier@example.com>', mail!.inReplyTo]);
    const token = await latestLink(db(), t.id);
    // The row keeps a placeholder; the worker puts the token in on the way out.
    expect(mail!.text).not.toContain(token);
    expect(sentText(mail!, fx.config.secret)).toContain(`${fx.config.http.publicBaseUrl}/confirm/${token}`);
    const [row] = await tokensOf(db(), t.id);
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(row!.expiresAt.getTime() - fx.clock.now().getTime()).toBe(72 * 3_600_000);
    // The token itself is nowhere in the token table or the logs.
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(fx.logs.lines)).not.toContain(token);
    expect(await eventsOf(db(), t.id, 'confirmation_sent')).toHaveLength(1);
  });

  it('confirm opens the ticket with a due date, acknowledgement and staff notice, once', async () => {
    const t = await insertTicket(db(), { email: addr(), rights: ['access'] });
    await request(fx, t);
    const token = await latestLink(db(), t.id);
    fx.clock.advanceHours(1);
    const r = await confirmRequest(db().db, fx.deps, token);
    expect(r.done).toBe(true);

    const after = await ticketOf(db(), t.id);
    // DUE_CLOCK_START defaults to received: counted from arrival (the same day here), with the national calendar.
    const expected = addWorkingDays(t.receivedAt, 10, { calendar: fx.ctx.calendar, timeZone: 'Asia/Almaty' });
    expect(after.status).toBe('open');
    expect(after.verifiedAt).toEqual(fx.clock.now());
    expect(after.dueAt).toEqual(expected.dueAt);
    expect(after.dueBasis).toMatchObject({ workingDays: 10, calendar: fx.ctx.calendar.name, dueDate: expected.basis.dueDate, rights: ['access'], clockStart: 'received' });
    // 2 March 2026 + 10 working days passes 9 March (Women's Day moved from Sunday 8 March).
    expect(expected.basis.dueDate).toBe('2026-03-17');
    expect(after.dueBasis).toMatchObject({ holidays: [{ date: '2026-03-09', reason: expect.stringMatching(/Women/) }] });
    const mails = await mailsOf(db(), t.id);
    expect(mails.map((m) => m.template)).toEqual(['confirm_request', 'acknowledgement', 'staff_new_ticket']);
    expect(mails[1]!.toAddress).toBe(t.requesterEmail);
    // The acknowledgement says how many working days are left (confirmed the day it arrived: all 10).
    expect(mails[1]!.text).toContain('до срока осталось: 10 рабочих дней');
    expect(mails[2]!.toAddress).toBe(fx.config.staffNotifyAddress);
    // The staff notice: rights with the classifier's confidence, working days left, every command.
    const notice = mails[2]!.text;
    expect(notice).toMatch(/access( \d+%)?/);
    expect(notice).toMatch(/10 (рабочих дней|working days)/);
    for (const command of ['#note', '#close', '#reject', '#extend', '#rights', '#assign', '#wait', '#status']) expect(notice).toContain(command);
    const [tok] = await tokensOf(db(), t.id);
    expect(tok).toMatchObject({ usedFor: 'confirm' });

    // Replay: nothing changes, nothing is sent again.
    const again = await confirmRequest(db().db, fx.deps, token);
    expect(again).toMatchObject({ done: false, state: 'confirmed' });
    expect(await mailsOf(db(), t.id)).toHaveLength(3);
    expect(await eventsOf(db(), t.id, 'confirmed')).toHaveLength(1);
    // A reject after the confirmation changes nothing either.
    expect(await rejectRequest(db().db, fx.deps, token)).toMatchObject({ done: false, state: 'confirmed' });
    expect((await ticketOf(db(), t.id)).status).toBe('open');
  });

  it('"this was not me" closes the ticket as rejected and sends nothing more', async () => {
    const t = await insertTicket(db(), { email: addr() });
    await request(fx, t);
    const token = await latestLink(db(), t.id);
    expect(await rejectRequest(db().db, fx.deps, token)).toMatchObject({ done: true, action: 'reject' });
    const after = await ticketOf(db(), t.id);
    expect(after.status).toBe('rejected');
    expect(after.closedAt).toEqual(fx.clock.now());
    expect(after.dueAt).toBeNull();
    expect(await eventsOf(db(), t.id, 'rejected')).toHaveLength(1);
    expect(await mailsOf(db(), t.id)).toHaveLength(1);
    expect(await confirmRequest(db().db, fx.deps, token)).toMatchObject({ done: false, state: 'rejected' });
  });

  it('a tampered, truncated or foreign token is unknown and changes nothing', async () => {
    const t = await insertTicket(db(), { email: addr() });
    await request(fx, t);
    const token = await latestLink(db(), t.id);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [flipped, token.slice(1), `${token}x`, hashToken(token), '']) {
      expect(await confirmRequest(db().db, fx.deps, bad)).toEqual({ done: false, state: 'unknown' });
      expect(await inspectLink(db().db, bad, fx.clock.now())).toEqual({ state: 'unknown' });
    }
    expect((await ticketOf(db(), t.id)).status).toBe('unverified');
  });

  it('an expired link does nothing and says so', async () => {
    const t = await insertTicket(db(), { email: addr() });
    await request(fx, t);
    const token = await latestLink(db(), t.id);
    fx.clock.advanceHours(72);
    expect(await confirmRequest(db().db, fx.deps, token)).toMatchObject({ done: false, state: 'expired' });
    expect((await ticketOf(db(), t.id)).status).toBe('unverified');
    const [tok] = await tokensOf(db(), t.id);
    expect(tok!.usedAt).toBeNull();
  });

  it('holds confirmation mail over the per-recipient limit, whatever the case of the address', async () => {
    const email = addr();
    const variants = [email, email.toUpperCase(), email, `${email[0]!.toUpperCase()}${email.slice(1)}`];
    const ts = [];
    for (const e of variants) {
      const t = await insertTicket(db(), { email: e });
      await request(fx, t);
      ts.push(t);
    }
    const sent = await Promise.all(ts.map((t) => mailsOf(db(), t.id)));
    expect(sent.map((m) => m.length)).toEqual([1, 1, 1, 0]);
    const held = await eventsOf(db(), ts[3]!.id, 'confirmation_held');
    expect(held[0]!.data).toMatchObject({ reason: 'recipient_limit', limit: 3, count: 3, template: 'confirm_request' });
    expect((await ticketOf(db(), ts[3]!.id)).status).toBe('unverified');
    expect(fx.logs.find('confirmation mail held by rate limit', { ticketId: ts[3]!.id, level: 'warn' })).toHaveLength(1);
    expect(await tokensOf(db(), ts[3]!.id)).toHaveLength(0);

    // A day later the budget is back.
    fx.clock.advanceHours(24);
    const later = await insertTicket(db(), { email });
    await request(fx, later);
    expect(await mailsOf(db(), later.id)).toHaveLength(1);
  });

  it('holds confirmation mail over the overall hourly limit', async () => {
    const local = await makeFixture(db(), { CONFIRM_MAX_PER_HOUR: '2' });
    // Another hour than the other tests, so their mail does not count.
    local.clock.set(new Date('2026-06-01T05:00:00Z'));
    const ts = [];
    for (let i = 0; i < 3; i++) {
      const t = await insertTicket(db(), { email: addr() });
      await request(local, t);
      ts.push(t);
    }
    expect((await mailsOf(db(), ts[2]!.id)).length).toBe(0);
    expect((await eventsOf(db(), ts[2]!.id, 'confirmation_held'))[0]!.data).toMatchObject({ reason: 'hourly_limit', limit: 2 });
  });

  it('reminds once after 48 hours, however often the sweep runs, and the new link works', async () => {
    const start = new Date('2026-07-01T05:00:00Z');
    fx.clock.set(start);
    const t = await insertTicket(db(), { email: addr(), receivedAt: start });
    await request(fx, t);

    fx.clock.advanceHours(47);
    await runVerificationSweep(db().db, fx.deps);
    expect(await mailsOf(db(), t.id)).toHaveLength(1);

    fx.clock.advanceHours(1);
    const first = await runVerificationSweep(db().db, fx.deps);
    const second = await runVerificationSweep(db().db, fx.deps);
    // Two sweeps at once, as two instances would run them.
    await Promise.all([runVerificationSweep(db().db, fx.deps), runVerificationSweep(db().db, fx.deps)]);
    expect(first.reminded).toBe(1);
    expect(second.reminded).toBe(0);
    const mails = await mailsOf(db(), t.id);
    expect(mails.map((m) => m.template)).toEqual(['confirm_request', 'confirm_reminder']);
    expect(await db().db.select().from(scheduleMarks).where(eq(scheduleMarks.ticketId, t.id))).toHaveLength(1);
    expect(await eventsOf(db(), t.id, 'confirmation_reminder_sent')).toHaveLength(1);

    // The first link (72 h) and the reminder's own link both still work; use the reminder's.
    const token = await latestLink(db(), t.id, 'confirm_reminder');
    expect(await tokensOf(db(), t.id)).toHaveLength(2);
    expect(await confirmRequest(db().db, fx.deps, token)).toMatchObject({ done: true });
  });

  it('expires an unconfirmed request after 7 days, tells the requester once, and the link then says so', async () => {
    const start = new Date('2026-08-03T05:00:00Z');
    fx.clock.set(start);
    const t = await insertTicket(db(), { email: addr(), receivedAt: start });
    await request(fx, t);
    const token = await latestLink(db(), t.id);

    fx.clock.advanceHours(7 * 24 - 1);
    await runVerificationSweep(db().db, fx.deps);
    expect((await ticketOf(db(), t.id)).status).toBe('unverified');

    fx.clock.advanceHours(1);
    const r = await runVerificationSweep(db().db, fx.deps);
    await runVerificationSweep(db().db, fx.deps);
    expect(r.expired).toBe(1);
    const after = await ticketOf(db(), t.id);
    expect(after.status).toBe('expired');
    expect(after.closedAt).toEqual(fx.clock.now());
    const templates = (await mailsOf(db(), t.id)).map((m) => m.template);
    expect(templates.filter((x) => x === 'confirm_expired')).toHaveLength(1);
    expect(await eventsOf(db(), t.id, 'expired')).toHaveLength(1);
    expect(await inspectLink(db().db, token, fx.clock.now())).toMatchObject({ state: 'request_expired' });
    expect(await confirmRequest(db().db, fx.deps, token)).toMatchObject({ done: false, state: 'request_expired' });
  });

  it('a request whose first link was held gets it at reminder time', async () => {
    const local = await makeFixture(db(), { CONFIRM_MAX_PER_HOUR: '1' });
    local.clock.set(new Date('2026-10-01T05:00:00Z'));
    const other = await insertTicket(db(), { email: addr(), receivedAt: local.clock.now() });
    const held = await insertTicket(db(), { email: addr(), receivedAt: local.clock.now() });
    await request(local, other);
    await request(local, held);
    expect(await mailsOf(db(), held.id)).toHaveLength(0);
    await confirmRequest(db().db, local.deps, await latestLink(db(), other.id));

    local.clock.advanceHours(48);
    await runVerificationSweep(db().db, local.deps);
    const mails = await mailsOf(db(), held.id);
    expect(mails.map((m) => m.template)).toEqual(['confirm_request']);
    expect(await confirmRequest(db().db, local.deps, await latestLink(db(), held.id))).toMatchObject({ done: true });
  });

  it('a request that never reached the requester expires without a mail to them', async () => {
    const local = await makeFixture(db(), { CONFIRM_MAX_PER_HOUR: '1' });
    const start = new Date('2026-11-02T05:00:00Z');
    local.clock.set(start);
    const first = await insertTicket(db(), { email: addr(), receivedAt: start });
    const victim = await insertTicket(db(), { email: addr(), receivedAt: start });
    await request(local, first);
    await request(local, victim);
    await confirmRequest(db().db, local.deps, await latestLink(db(), first.id));

    // At reminder time the hour's budget is spent again, so the second chance is held too.
    local.clock.advanceHours(48);
    const busy = await insertTicket(db(), { email: addr(), receivedAt: local.clock.now() });
    await request(local, busy);
    await confirmRequest(db().db, local.deps, await latestLink(db(), busy.id));
    await runVerificationSweep(db().db, local.deps);
    expect(await eventsOf(db(), victim.id, 'confirmation_held')).toHaveLength(2);

    local.clock.set(new Date(start.getTime() + 7 * 24 * 3_600_000));
    await runVerificationSweep(db().db, local.deps);
    expect((await ticketOf(db(), victim.id)).status).toBe('expired');
    expect(await mailsOf(db(), victim.id)).toHaveLength(0);
    expect((await eventsOf(db(), victim.id, 'expired'))[0]!.data).toMatchObject({ notice: 'silent' });
  });

  it('a triage request and a request in English carry their language into the mail', async () => {
    const t = await insertTicket(db(), { email: addr(), language: 'en', rights: [], triage: true });
    await request(fx, t);
    const [mail] = await mailsOf(db(), t.id);
    expect(mail!.language).toBe('en');
    expect(mail!.text).toMatch(/privacy team will read it/);
  });

  it('asks nothing of a ticket that is no longer waiting for its sender', async () => {
    const t = await insertTicket(db(), { email: addr() });
    await db().db.update(tickets).set({ status: 'open' }).where(eq(tickets.id, t.id));
    await request(fx, { ...t, status: 'open' });
    expect(await mailsOf(db(), t.id)).toHaveLength(0);
    expect(await tokensOf(db(), t.id)).toHaveLength(0);
  });

  it(`stores only hashes in verification_tokens [${kind}]`, async () => {
    const rows = await db().db.select({ h: verificationTokens.tokenHash }).from(verificationTokens);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.h).toMatch(/^[0-9a-f]{64}$/);
  });
});
