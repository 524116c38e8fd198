import { beforeEach, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/deadlines/working-days.js';
import type { Right } from '../../src/domain.js';
import { AppError } from '../../src/errors.js';
import { setTicketRights } from '../../src/tickets/set-rights.js';
import { confirmRequest, rejectRequest } from '../../src/verify/confirm.js';
import { describeEachDb } from '../helpers/db.js';
import { eventsOf, insertTicket, latestLink, makeFixture, request, ticketOf, type Fixture } from './verify-support.js';

// Staff setting a ticket's rights against a real database: triage ends, the audit log names who
// decided, and an open ticket's due date follows the new rights without ever moving later.

describeEachDb('ticket rights set by staff', (db) => {
  let fx: Fixture;
  let n = 0;
  const addr = () => `rights${++n}@example.com`;

  beforeEach(async () => {
    fx = await makeFixture(db(), { DUE_WORKING_DAYS_ACCESS: '3' });
  });

  async function openTicket(rights: Right[]) {
    const t = await insertTicket(db(), { email: addr(), rights });
    await request(fx, t);
    const r = await confirmRequest(db().db, fx.deps, await latestLink(db(), t.id));
    expect(r.done).toBe(true);
    return ticketOf(db(), t.id);
  }

  it('a triage ticket gets its rights and leaves triage; the event names who decided', async () => {
    const t = await insertTicket(db(), { email: addr(), rights: [], triage: true });
    const r = await setTicketRights(db().db, { config: fx.config, calendar: fx.ctx.calendar }, { ticketId: t.id, rights: ['erasure', 'access'], by: 'dpo@example.com', now: fx.clock.now() });
    expect(r.ticket).toMatchObject({ rights: ['access', 'erasure'], triage: false, status: 'unverified' });
    expect(r.due).toBeNull();
    const [event] = await eventsOf(db(), t.id, 'rights_set');
    expect(event).toMatchObject({ actor: 'staff:dpo@example.com', data: { from: [], to: ['access', 'erasure'], wasTriage: true } });
  });

  it('an open ticket\'s due date moves up when a right with a shorter period is added', async () => {
    const t = await openTicket(['erasure']);
    const tenDays = addWorkingDays(t.receivedAt, 10, { calendar: fx.ctx.calendar, timeZone: 'Asia/Almaty' }).dueAt;
    expect(t.dueAt).toEqual(tenDays);
    fx.clock.advanceHours(2);
    const r = await setTicketRights(db().db, { config: fx.config, calendar: fx.ctx.calendar }, { ticketId: t.id, rights: ['erasure', 'access'], by: 'dpo', now: fx.clock.now() });
    const threeDays = addWorkingDays(t.receivedAt, 3, { calendar: fx.ctx.calendar, timeZone: 'Asia/Almaty' }).dueAt;
    expect(r.due).toEqual({ from: tenDays, to: threeDays });
    expect(r.ticket.dueAt).toEqual(threeDays);
    expect(r.ticket.dueBasis).toMatchObject({ rights: ['access', 'erasure'], workingDays: 3 });
  });

  it('never moves the due date the requester was given later', async () => {
    const t = await openTicket(['access']);
    const r = await setTicketRights(db().db, { config: fx.config, calendar: fx.ctx.calendar }, { ticketId: t.id, rights: ['erasure'], by: 'dpo', now: fx.clock.now() });
    expect(r.due).toBeNull();
    expect(r.ticket.dueAt).toEqual(t.dueAt);
    expect(r.ticket.rights).toEqual(['erasure']);
  });

  it('refuses a finished ticket and an empty set, changing nothing', async () => {
    const t = await insertTicket(db(), { email: addr(), rights: ['access'] });
    await request(fx, t);
    await rejectRequest(db().db, fx.deps, await latestLink(db(), t.id));
    const set = (rights: Parameters<typeof setTicketRights>[2]['rights']) =>
      setTicketRights(db().db, { config: fx.config, calendar: fx.ctx.calendar }, { ticketId: t.id, rights, by: 'dpo', now: fx.clock.now() });
    await expect(set(['erasure'])).rejects.toMatchObject({ code: 'PD_TICKET_BAD_TRANSITION' });
    await expect(set([])).rejects.toBeInstanceOf(AppError);
    expect((await ticketOf(db(), t.id)).rights).toEqual(['access']);
    expect(await eventsOf(db(), t.id, 'rights_set')).toEqual([]);
  });
});
