import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabaseFor } from '../../src/app.js';
import type { Language, Right } from '../../src/domain.js';
import { extendTicket, type ExtendInput } from '../../src/tickets/extend.js';
import { confirmRequest, rejectRequest } from '../../src/verify/confirm.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { cliArgs, repoRoot } from '../helpers/service.js';
import { eventsOf, insertTicket, latestLink, mailsOf, makeFixture, request, ticketOf, type Fixture } from './verify-support.js';

// Extending a due date against a real database: the date moves by working days on the national
// calendar, the audit log has who, why and from/to, the requester gets the new date and the reason
// in their language, and a refused extension changes nothing.

describeEachDb('ticket due-date extension', (db) => {
  let fx: Fixture;
  let n = 0;
  const addr = () => `extend${++n}@example.com`;

  beforeEach(async () => {
    fx = await makeFixture(db(), { EXTEND_MAX_WORKING_DAYS: '10' });
  });

  async function openTicket(language: Language = 'ru', rights: Right[] = ['access']) {
    const t = await insertTicket(db(), { email: addr(), rights, language });
    await request(fx, t);
    const r = await confirmRequest(db().db, fx.deps, await latestLink(db(), t.id));
    expect(r.done).toBe(true);
    return ticketOf(db(), t.id);
  }

  const extend = (input: Partial<ExtendInput> & { ticketId?: number }) =>
    db().db.transaction((tx) =>
      extendTicket(tx, { config: fx.config, renderer: fx.deps.renderer, calendar: fx.ctx.calendar, now: fx.clock.now }, {
        days: 5,
        reason: 'Data has to be gathered from the archive system.',
        actor: 'dpo@example.com',
        ...input,
      }),
    );

  it('moves the due date by working days past Nauryz, records the event and mails the requester', async () => {
    const t = await openTicket('en');
    // Received Monday 2 March 2026: 10 working days (9 March is off) end on 17 March.
    expect(t.dueAt!.toISOString()).toBe('2026-03-17T18:59:59.999Z');
    fx.clock.advanceHours(24);
    const r = await extend({ ticketNumber: t.number.toLowerCase() });
    // 18, 19, 20, (21-25 Nauryz and its moved days off), 26, 27 March.
    expect(r.toDue.toISOString()).toBe('2026-03-27T18:59:59.999Z');
    expect(r.holidays.map((h) => h.date)).toEqual(['2026-03-23', '2026-03-24', '2026-03-25']);

    const after = await ticketOf(db(), t.id);
    expect(after.dueAt).toEqual(r.toDue);
    expect(after.dueBasis).toMatchObject({
      dueDate: '2026-03-27',
      extensions: [{ days: 5, by: 'dpo@example.com', fromDate: '2026-03-17', toDate: '2026-03-27', reason: 'Data has to be gathered from the archive system.' }],
    });
    const [event] = await eventsOf(db(), t.id, 'extended');
    expect(event).toMatchObject({
      actor: 'staff:dpo@example.com',
      data: { fromDue: '2026-03-17T18:59:59.999Z', toDue: '2026-03-27T18:59:59.999Z', days: 5, reason: 'Data has to be gathered from the archive system.', by: 'dpo@example.com' },
    });
    const mail = (await mailsOf(db(), t.id)).find((m) => m.template === 'due_extended');
    expect(mail).toMatchObject({ toAddress: t.requesterEmail, language: 'en', status: 'pending' });
    expect(mail!.subject).toContain(t.number);
    expect(mail!.text).toContain('Data has to be gathered from the archive system.');
    expect(mail!.text).toMatch(/27 March 2026/);
    // Sent on 3 March: 4, 5, 6, 10 ... 27 March are 14 working days.
    expect(mail!.text).toContain('14 working days left');
    expect(mail!.inReplyTo).toMatch(/^<origin-/);
  });

  it('tells the requester in their language', async () => {
    const t = await openTicket('kk');
    await extend({ ticketId: t.id, days: 2 });
    const mail = (await mailsOf(db(), t.id)).find((m) => m.template === 'due_extended');
    expect(mail!.language).toBe('kk');
    expect(mail!.text).toContain('қосылды');
  });

  it('a second extension counts from the extended date and keeps both in the basis', async () => {
    const t = await openTicket();
    await extend({ ticketId: t.id, days: 1 });
    const r = await extend({ ticketId: t.id, days: 1, reason: 'Still waiting for the archive.' });
    expect(r.fromDue.toISOString()).toBe('2026-03-18T18:59:59.999Z');
    expect(r.toDue.toISOString()).toBe('2026-03-19T18:59:59.999Z');
    expect(((await ticketOf(db(), t.id)).dueBasis as { extensions: unknown[] }).extensions).toHaveLength(2);
    expect((await mailsOf(db(), t.id)).filter((m) => m.template === 'due_extended')).toHaveLength(2);
  });

  it('refuses bad days, an empty reason, an unconfirmed or finished ticket and an unknown number, changing nothing', async () => {
    const open = await openTicket();
    await expect(extend({ ticketId: open.id, days: 0 })).rejects.toMatchObject({ code: 'PD_EXTEND_INVALID' });
    await expect(extend({ ticketId: open.id, days: 11 })).rejects.toThrow(/1 to 10 \(EXTEND_MAX_WORKING_DAYS\)/);
    await expect(extend({ ticketId: open.id, days: 1.5 })).rejects.toMatchObject({ code: 'PD_EXTEND_INVALID' });
    await expect(extend({ ticketId: open.id, reason: '   ' })).rejects.toThrow(/reason is required/);
    const unverified = await insertTicket(db(), { email: addr() });
    await expect(extend({ ticketId: unverified.id })).rejects.toThrow(/is unverified: only an active ticket/);
    const rejected = await insertTicket(db(), { email: addr() });
    await request(fx, rejected);
    await rejectRequest(db().db, fx.deps, await latestLink(db(), rejected.id));
    await expect(extend({ ticketId: rejected.id })).rejects.toMatchObject({ code: 'PD_EXTEND_INVALID' });
    await expect(extend({ ticketNumber: 'DSR-1999-999999' })).rejects.toMatchObject({ code: 'PD_TICKET_NOT_FOUND' });

    expect((await ticketOf(db(), open.id)).dueAt).toEqual(open.dueAt);
    for (const id of [open.id, unverified.id, rejected.id]) {
      expect(await eventsOf(db(), id, 'extended')).toEqual([]);
      expect((await mailsOf(db(), id)).filter((m) => m.template === 'due_extended')).toEqual([]);
    }
  });
});

const run = promisify(execFile);

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, cliArgs(...args), {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    });
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('cli calendar and ticket extend', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-extend-cli-'));
  const env = { DATA_DIR: dataDir };

  it('calendar due prints the date first, then the reason; a time without offset is organisation time', async () => {
    const r = await cli(env, 'calendar', 'due', '2026-03-18T10:00');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2026-04-06 /);
    expect(r.stdout).toContain('2026-03-24 day off for Nauryz meiramy');
    // 23:30 on 20 March in Almaty is still the 20th; in UTC (18:30Z) it is too.
    const late = await cli(env, 'calendar', 'due', '2026-03-20T23:30', '--days', '1');
    expect(late.stdout).toMatch(/^2026-03-26 /);
    const utc = await cli({ ...env, ORG_TIMEZONE: 'UTC' }, 'calendar', 'due', '2026-03-20T20:30+00:00', '--days', '1');
    expect(utc.stdout).toMatch(/^2026-03-26 /);
  });

  it('calendar year lists the non-working days with their reason', async () => {
    const r = await cli(env, 'calendar', 'year', '2026');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2026-03-25  Wed  moved_day_off\s+day off for Nauryz meiramy \(2026-03-22, Sunday\)/m);
    expect(r.stdout).toMatch(/^2026-05-27  Wed  holiday\s+Kurban Ait's first day/m);
    expect(r.stdout).not.toMatch(/^2026-08-31/m);
    expect(r.stdout).toContain('247 working days');
  });

  it('a broken CALENDAR_FILE stops the command with a coded error naming the file', async () => {
    const r = await cli({ ...env, CALENDAR_FILE: path.join(repoRoot, 'package.json') }, 'calendar', 'year', '2026');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[PD_CALENDAR_INVALID\].*package\.json: name: expected a non-empty text|\[PD_CALENDAR_INVALID\].*package\.json/);
  });

  it('ticket extend moves an open ticket\'s due date and says so; refusals are coded', async () => {
    const config = testConfig(env);
    const database = await openDatabaseFor(config);
    let number: string;
    try {
      const fx = await makeFixture(database, env);
      const t = await insertTicket(database, { email: 'extend-cli@example.com' });
      await request(fx, t);
      await confirmRequest(database.db, fx.deps, await latestLink(database, t.id));
      number = t.number;
    } finally {
      await database.close();
    }
    const r = await cli(env, 'ticket', 'extend', number, '3', '--reason', 'Archive lookup', '--by', 'dpo@example.com');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${number}  due 2026-03-17T18:59:59.999Z -> 2026-03-20T18:59:59.999Z (+3 working days)`);
    const show = await cli(env, 'ticket', 'show', number, '--json');
    const shown = JSON.parse(show.stdout) as { dueAt: string; events: { kind: string; actor: string }[] };
    expect(shown.dueAt).toBe('2026-03-20T18:59:59.999Z');
    expect(shown.events.find((e) => e.kind === 'extended')).toMatchObject({ actor: 'staff:dpo@example.com' });

    const noReason = await cli(env, 'ticket', 'extend', number, '3');
    expect(noReason.code).toBe(2);
    const tooMany = await cli(env, 'ticket', 'extend', number, '31', '--reason', 'x');
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('[PD_EXTEND_INVALID]');
  });
});
