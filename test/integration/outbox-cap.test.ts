import { expect, it } from 'vitest';
import { enqueueMail } from '../../src/outbox/enqueue.js';
import { describeEachDb } from '../helpers/db.js';
import { eventsOf, insertTicket, makeFixture, mailsOf } from './verify-support.js';

// The second layer of loop protection: whatever asks for it, one requester address gets at most
// MAIL_CAP_PER_RECIPIENT mails per MAIL_CAP_WINDOW_HOURS; the rest are held and recorded.

describeEachDb('outbox cap per requester address', (db) => {
  it('holds requester mail over the cap, records it on the ticket, and lets it through again after the window', async () => {
    const fx = await makeFixture(db(), { MAIL_CAP_PER_RECIPIENT: '3', MAIL_CAP_WINDOW_HOURS: '2' });
    const ticket = await insertTicket(db(), { email: 'looping@example.com' });
    const closing = () =>
      enqueueMail(db().db, fx.deps, {
        template: 'closing',
        language: 'ru',
        to: ticket.requesterEmail,
        ticket: { id: ticket.id, number: ticket.number },
        vars: { ticketNumber: ticket.number, requesterName: null, rights: ['erasure'], triage: false, note: null },
      });
    const results = [await closing(), await closing(), await closing(), await closing()];
    expect(results.map((r) => r !== null)).toEqual([true, true, true, false]);
    expect(await mailsOf(db(), ticket.id)).toHaveLength(3);
    const held = await eventsOf(db(), ticket.id, 'mail_held');
    expect(held.map((e) => e.data)).toEqual([expect.objectContaining({ template: 'closing', reason: 'recipient_cap', cap: 3 })]);

    fx.clock.advanceHours(3);
    expect(await closing()).not.toBeNull();
  });

  it('counts one mailbox under all its spellings (+tags, case, dotted Gmail)', async () => {
    const fx = await makeFixture(db(), { MAIL_CAP_PER_RECIPIENT: '3' });
    const ticket = await insertTicket(db(), { email: 'loop.er@gmail.com' });
    const closingTo = (to: string) =>
      enqueueMail(db().db, fx.deps, {
        template: 'closing',
        language: 'ru',
        to,
        ticket: { id: ticket.id, number: ticket.number },
        vars: { ticketNumber: ticket.number, requesterName: null, rights: ['erasure'], triage: false, note: null },
      });
    const results = [];
    for (const to of ['loop.er@gmail.com', 'Looper+1@gmail.com', 'l.o.o.p.e.r@googlemail.com', 'looper+2@GMAIL.com']) results.push(await closingTo(to));
    expect(results.map((r) => r !== null)).toEqual([true, true, true, false]);
  });

  it('never caps mail to staff', async () => {
    const fx = await makeFixture(db(), { MAIL_CAP_PER_RECIPIENT: '1' });
    const ticket = await insertTicket(db(), { email: 'someone@example.com' });
    for (let i = 0; i < 3; i++) {
      const r = await enqueueMail(db().db, fx.deps, {
        template: 'staff_requester_reply',
        language: 'ru',
        to: fx.config.staffNotifyAddress,
        ticket: { id: ticket.id, number: ticket.number },
        vars: { ticketNumber: ticket.number, requesterName: null, requesterEmail: ticket.requesterEmail, replyText: `reply ${i}`, dueAt: null, otherSender: null, reopened: false },
      });
      expect(r).not.toBeNull();
    }
  });
});
