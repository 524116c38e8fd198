import { describe, expect, it } from 'vitest';
import { workingDaysBetween, workingDaysLeft } from '../../src/deadlines/working-day-count.js';
import { weekdayCalendar } from '../../src/deadlines/working-days.js';
import { computeDigest, percentile } from '../../src/sla/digest.js';
import type { DigestTicketRow } from '../../src/sla/digest-model.js';
import { digestMailVars } from '../../src/sla/digest-mail.js';
import { digestDue } from '../../src/sla/digest-job.js';
import { reminderFor } from '../../src/sla/reminder-rule.js';
import { retentionCutoffs } from '../../src/sla/retention.js';

const cz = { calendar: weekdayCalendar, timeZone: 'Asia/Almaty' };
// Monday 23 March 2026, 10:00 in Almaty (UTC+5).
const NOW = new Date('2026-03-23T05:00:00Z');
const endOf = (day: string) => new Date(`${day}T18:59:59.999Z`);

describe('working days left and between', () => {
  it('counts 0 on the due day, working days ahead, and negative working days once overdue', () => {
    expect(workingDaysLeft(NOW, endOf('2026-03-23'), cz)).toBe(0);
    expect(workingDaysLeft(NOW, endOf('2026-03-26'), cz)).toBe(3);
    // Friday to Monday is one working day.
    expect(workingDaysLeft(NOW, endOf('2026-03-20'), cz)).toBe(-1);
    expect(workingDaysLeft(NOW, endOf('2026-03-16'), cz)).toBe(-5);
    // Saturday after a Friday due date: already one day overdue, not zero.
    expect(workingDaysLeft(new Date('2026-03-21T05:00:00Z'), endOf('2026-03-20'), cz)).toBe(-1);
  });

  it('counts a week of weekdays from Monday to the next Monday as five', () => {
    expect(workingDaysBetween(new Date('2026-03-16T05:00:00Z'), NOW, cz)).toBe(5);
  });
});

describe('staff reminder thresholds', () => {
  it('fires at 3 and 1 working days left and every day overdue, each under its own key', () => {
    expect(reminderFor(5, '2026-03-23')).toBeNull();
    expect(reminderFor(3, '2026-03-23')).toMatchObject({ template: 'staff_due_soon', key: 'due_soon:3' });
    expect(reminderFor(2, '2026-03-23')).toMatchObject({ key: 'due_soon:3' });
    expect(reminderFor(1, '2026-03-23')).toMatchObject({ key: 'due_soon:1' });
    expect(reminderFor(0, '2026-03-23')).toMatchObject({ key: 'due_soon:1' });
    expect(reminderFor(-2, '2026-03-23')).toMatchObject({ template: 'staff_overdue', key: 'overdue:2026-03-23', daysOverdue: 2, copyManagers: true });
  });
});

describe('digest time', () => {
  const o = { atMinutes: 9 * 60, days: 'working' as const, timeZone: 'Asia/Almaty', isWorkingDay: (d: Parameters<typeof weekdayCalendar.isWorkingDay>[0]) => weekdayCalendar.isWorkingDay(d) };
  it('is due from DIGEST_TIME on working days, and on weekends only with DIGEST_DAYS=all', () => {
    expect(digestDue(new Date('2026-03-23T03:59:00Z'), o)).toBe(false);
    expect(digestDue(new Date('2026-03-23T04:00:00Z'), o)).toBe(true);
    expect(digestDue(new Date('2026-03-23T17:00:00Z'), o)).toBe(true);
    expect(digestDue(new Date('2026-03-21T05:00:00Z'), o)).toBe(false);
    expect(digestDue(new Date('2026-03-21T05:00:00Z'), { ...o, days: 'all' })).toBe(true);
  });
});

describe('percentile', () => {
  it('interpolates between ranks and is null for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([4], 0.9)).toBe(4);
    expect(percentile([2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9.1);
  });
});

describe('computeDigest', () => {
  let n = 0;
  const t = (over: Partial<DigestTicketRow>): DigestTicketRow => ({
    number: `DSR-2026-${String(++n).padStart(6, '0')}`,
    status: 'open',
    rights: ['access'],
    receivedAt: new Date('2026-03-10T05:00:00Z'),
    dueAt: endOf('2026-04-01'),
    closedAt: null,
    ...over,
  });
  const rows = [
    t({ number: 'DSR-2026-000101', dueAt: endOf('2026-03-16'), rights: ['erasure', 'access'] }),
    t({ number: 'DSR-2026-000102', dueAt: endOf('2026-03-20') }),
    t({ number: 'DSR-2026-000103', dueAt: endOf('2026-03-23') }),
    t({ number: 'DSR-2026-000104', dueAt: endOf('2026-03-25') }),
    t({ number: 'DSR-2026-000105', dueAt: endOf('2026-04-10'), receivedAt: new Date('2026-03-22T08:00:00Z') }),
    t({ number: 'DSR-2026-000106', status: 'unverified', dueAt: null, receivedAt: new Date('2026-03-22T10:00:00Z') }),
    // Closed: on time in 5 working days, late in 12, and one closed yesterday in 2.
    t({ number: 'DSR-2026-000107', status: 'closed', receivedAt: new Date('2026-03-02T05:00:00Z'), dueAt: endOf('2026-03-16'), closedAt: new Date('2026-03-09T05:00:00Z') }),
    t({ number: 'DSR-2026-000108', status: 'closed', receivedAt: new Date('2026-03-02T05:00:00Z'), dueAt: endOf('2026-03-16'), closedAt: new Date('2026-03-18T05:00:00Z') }),
    t({ number: 'DSR-2026-000109', status: 'closed', receivedAt: new Date('2026-03-18T05:00:00Z'), dueAt: endOf('2026-04-01'), closedAt: new Date('2026-03-22T06:00:00Z') }),
  ];
  const d = computeDigest({
    now: NOW,
    cz,
    statusCounts: { open: 5, unverified: 1, closed: 40, in_progress: 2 },
    tickets: rows,
    problems: { quarantinedLastDay: 2, failedOutbound: 1, stalledMailboxes: [], calendarWarnings: [] },
  });

  it('counts every status, known or new, and open tickets by right', () => {
    expect(d.byStatus).toEqual({ unverified: 1, open: 5, closed: 40, rejected: 0, expired: 0, in_progress: 2, waiting: 0 });
    expect(d.byRight.access).toBe(5);
    expect(d.byRight.erasure).toBe(1);
  });

  it('lists overdue oldest first with working days, due today and due soon', () => {
    expect(d.overdue.map((o) => [o.number, o.workingDaysOverdue])).toEqual([
      ['DSR-2026-000101', 5],
      ['DSR-2026-000102', 1],
    ]);
    expect(d.dueToday).toEqual(['DSR-2026-000103']);
    expect(d.dueSoon).toEqual([{ number: 'DSR-2026-000104', workingDaysLeft: 2 }]);
    expect(d.waitingConfirmation).toEqual(['DSR-2026-000106']);
  });

  it('counts yesterday, the 30-day close times and the on-time share', () => {
    expect(d.openedYesterday).toEqual(['DSR-2026-000105', 'DSR-2026-000106']);
    expect(d.closedYesterday).toEqual(['DSR-2026-000109']);
    expect(d.closedLast30Days).toBe(3);
    // 5, 12 and 2 working days (Wednesday 18th to Sunday 22nd counts Thu and Fri).
    expect(d.medianWorkingDaysToClose).toBe(5);
    expect(d.p90WorkingDaysToClose).toBe(10.6);
    expect(d.onTimeShare).toBeCloseTo(2 / 3);
  });

  it('groups open tickets by working days left for the chart, drawn as proportional cells', () => {
    expect(Object.fromEntries(d.bars.map((b) => [b.bucket, b.count]))).toEqual({
      overdue: 2, today: 1, d1: 0, d2: 1, d3: 0, d4_5: 0, d6_10: 0, d11_plus: 1,
    });
    const vars = digestMailVars(d);
    expect(vars.bars.find((b) => b.bucket === 'overdue')).toMatchObject({ width: 320, hasBar: true });
    expect(vars.bars.find((b) => b.bucket === 'today')).toMatchObject({ width: 160 });
    expect(vars.bars.find((b) => b.bucket === 'd1')).toMatchObject({ width: 0, hasBar: false });
    expect(vars.hasProblems).toBe(true);
  });
});

describe('retention cut-offs', () => {
  it('are RETENTION_YEARS and RETENTION_UNMATCHED_DAYS back from now', () => {
    const c = retentionCutoffs(NOW, { years: 3, unmatchedDays: 90 });
    expect(c.ticketsBefore.toISOString()).toBe('2023-03-23T05:00:00.000Z');
    expect(c.messagesBefore.toISOString()).toBe('2025-12-23T05:00:00.000Z');
  });
});
