import { beforeAll, expect, it } from 'vitest';
import { mailboxCursors, messages, outbox } from '../../src/db/schema.js';
import { LANGUAGES, TICKET_STATUSES } from '../../src/domain.js';
import { digestJson } from '../../src/sla/digest-json.js';
import { loadDigest } from '../../src/sla/digest-load.js';
import { digestMailVars } from '../../src/sla/digest-mail.js';
import { digestText } from '../../src/sla/digest-text.js';
import { describeEachDb } from '../helpers/db.js';
import { almaty, endOfDay, seedTicket } from './sla-support.js';
import { makeFixture, type Fixture } from './verify-support.js';

// The digest computed from a seeded database, as of a fixed moment (April 2026: no holiday in the
// weeks it looks at, so the working-day figures read plainly): the JSON fields the CLI
// prints, the terminal text and the mail in every language, with ticket numbers and no requester text.

const NOW = almaty('2026-04-20T09:00:00');

describeEachDb('digest content', (db) => {
  let fx: Fixture;
  const n: Record<string, string> = {};

  beforeAll(async () => {
    fx = await makeFixture(db(), { ORG_TIMEZONE: 'Asia/Almaty' });
    const seed = async (key: string, s: Parameters<typeof seedTicket>[1]) => {
      n[key] = (await seedTicket(db(), { email: `${key}@example.com`, ...s })).number;
    };
    const received = almaty('2026-03-30T10:00:00');
    await seed('late5', { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-13'), rights: ['access', 'erasure'] });
    await seed('late1', { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-17') });
    await seed('today', { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-20') });
    await seed('soon2', { status: 'open', receivedAt: received, dueAt: endOfDay('2026-04-22') });
    await seed('fresh', { status: 'open', receivedAt: almaty('2026-04-19T12:00:00'), dueAt: endOfDay('2026-05-04') });
    await seed('waiting', { status: 'unverified', receivedAt: almaty('2026-04-19T15:00:00') });
    await seed('onTime', { status: 'closed', receivedAt: received, dueAt: endOfDay('2026-04-13'), closedAt: almaty('2026-04-06T12:00:00') });
    await seed('lateClosed', { status: 'closed', receivedAt: received, dueAt: endOfDay('2026-04-13'), closedAt: almaty('2026-04-19T12:00:00') });
    await seed('old', { status: 'closed', receivedAt: almaty('2025-12-01T10:00:00'), dueAt: endOfDay('2025-12-15'), closedAt: almaty('2025-12-10T10:00:00') });
    await seed('rejected', { status: 'rejected', receivedAt: received, closedAt: received });
    // Problems: one letter quarantined in the last day, one failed mail, a mailbox silent for two hours.
    const raw = Buffer.from('x');
    await db().db.insert(messages).values({
      sourceKey: 'test:quarantined-1', mailbox: 'INBOX', raw, rawSha256: 'q1', size: 1, outcome: 'quarantined', reason: 'PD_MSG_UNPARSEABLE',
      receivedAt: almaty('2026-04-20T02:00:00'), processedAt: almaty('2026-04-20T02:00:00'),
    });
    await db().db.insert(outbox).values({
      template: 'closing', language: 'ru', toAddress: 'someone@example.com', fromAddress: 'help@example.com', subject: 's', html: 'h',
      text: 't', messageId: '<failed-1@example.com>', status: 'failed',
    });
    await db().db.insert(mailboxCursors).values({ mailbox: 'INBOX', lastUid: 5, lastSuccessAt: almaty('2026-04-20T07:00:00') });
  });

  it('gives the numbers as of --at', async () => {
    const j = digestJson(await loadDigest(db().db, fx.ctx, NOW));
    expect(Object.keys(j.byStatus as object).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(j.byStatus).toMatchObject({ open: 5, unverified: 1, closed: 3, rejected: 1, expired: 0 });
    expect(j.byRight).toMatchObject({ erasure: 5, access: 1 });
    expect(j.overdue).toEqual([
      { number: n.late5, dueAt: endOfDay('2026-04-13').toISOString(), workingDaysOverdue: 5 },
      { number: n.late1, dueAt: endOfDay('2026-04-17').toISOString(), workingDaysOverdue: 1 },
    ]);
    expect(j.dueToday).toEqual([n.today]);
    expect(j.dueSoon).toEqual([{ number: n.soon2, workingDaysLeft: 2 }]);
    expect(j.openedYesterday).toBe(2);
    expect(j.openedYesterdayTickets).toEqual([n.fresh, n.waiting].sort());
    expect(j.closedYesterday).toBe(1);
    expect(j.closedYesterdayTickets).toEqual([n.lateClosed]);
    // Closed in the last 30 days: 5 and 14 working days from arrival; the December one is out.
    expect(j.closedLast30Days).toBe(2);
    expect(j.medianWorkingDaysToClose).toBe(9.5);
    expect(j.onTimeShare).toBe(0.5);
    expect(j.waitingConfirmation).toEqual([n.waiting]);
    expect(j.quarantinedLastDay).toBe(1);
    expect(j.failedOutbound).toBe(1);
    expect(j.stalledMailboxes).toEqual(['INBOX']);
    expect(j.openByWorkingDaysLeft).toMatchObject({ overdue: 2, today: 1, d2: 1, d6_10: 1 });
  });

  it('an earlier --at sees an earlier picture', async () => {
    const j = digestJson(await loadDigest(db().db, fx.ctx, almaty('2026-04-14T09:00:00')));
    expect(j.overdue).toEqual([{ number: n.late5, dueAt: endOfDay('2026-04-13').toISOString(), workingDaysOverdue: 1 }]);
    expect(j.quarantinedLastDay).toBe(0);
    expect(j.byStatus).toMatchObject({ open: 5 });
  });

  it('prints and mails ticket numbers but no requester addresses, in ru, kk and en', async () => {
    const d = await loadDigest(db().db, fx.ctx, NOW);
    const text = digestText(d);
    expect(text).toContain(n.late5);
    for (const lang of LANGUAGES) {
      const mail = fx.deps.renderer.render('manager_digest', lang, digestMailVars(d));
      for (const part of [mail.html, mail.text]) {
        expect(part).toContain(n.late5);
        expect(part).toContain(n.waiting);
        expect(part).not.toMatch(/late5@example\.com|waiting@example\.com|someone@example\.com/);
      }
      expect(mail.subject).toMatch(/2/);
    }
    expect(text).not.toContain('@example.com');
    const ru = fx.deps.renderer.render('manager_digest', 'ru', digestMailVars(d));
    expect(ru.html).toContain('Просрочено');
    expect(ru.html).toContain('Ящик INBOX');
  });
});
