import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  endOfLocalDay,
  localDateOf,
  nextLocalDate,
  weekdayCalendar,
  type WorkingCalendar,
} from '../../src/deadlines/working-days.js';

const ALMATY = 'Asia/Almaty';

describe('weekdayCalendar', () => {
  it('works Monday to Friday', () => {
    // 2026-03-02 is a Monday.
    const days = [2, 3, 4, 5, 6, 7, 8].map((day) => weekdayCalendar.isWorkingDay({ year: 2026, month: 3, day }));
    expect(days).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('local dates', () => {
  it('finds the calendar day in the time zone, not in UTC', () => {
    // 20:30 UTC on 1 March is already 2 March in Almaty (UTC+5).
    expect(localDateOf(new Date('2026-03-01T20:30:00Z'), ALMATY)).toEqual({ year: 2026, month: 3, day: 2 });
    expect(localDateOf(new Date('2026-03-01T20:30:00Z'), 'UTC')).toEqual({ year: 2026, month: 3, day: 1 });
  });

  it('rolls over months and years', () => {
    expect(nextLocalDate({ year: 2026, month: 12, day: 31 })).toEqual({ year: 2027, month: 1, day: 1 });
    expect(nextLocalDate({ year: 2028, month: 2, day: 28 })).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('ends a day at the last millisecond before local midnight', () => {
    expect(endOfLocalDay({ year: 2026, month: 3, day: 13 }, ALMATY).toISOString()).toBe('2026-03-13T18:59:59.999Z');
    expect(endOfLocalDay({ year: 2026, month: 3, day: 13 }, 'UTC').toISOString()).toBe('2026-03-13T23:59:59.999Z');
  });

  it('follows a daylight-saving change on the night in question', () => {
    // Berlin moves from UTC+1 to UTC+2 in the night to 29 March 2026.
    expect(endOfLocalDay({ year: 2026, month: 3, day: 28 }, 'Europe/Berlin').toISOString()).toBe('2026-03-28T22:59:59.999Z');
    expect(endOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });
});

describe('addWorkingDays', () => {
  const opts = { calendar: weekdayCalendar, timeZone: ALMATY };

  it('counts from the day after the start and skips weekends', () => {
    // Monday 2 March 2026, 10:00 in Almaty: 10 working days end on Monday 16 March.
    const due = addWorkingDays(new Date('2026-03-02T05:00:00Z'), 10, opts);
    expect(due.basis.startDate).toBe('2026-03-02');
    expect(due.basis.dueDate).toBe('2026-03-16');
    expect(due.dueAt.toISOString()).toBe('2026-03-16T18:59:59.999Z');
    expect(due.basis.skipped).toEqual(['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15']);
    expect(due.basis).toMatchObject({ workingDays: 10, calendar: 'weekdays', timeZone: ALMATY });
  });

  it('starts the count on the local day, even when UTC is still on the day before', () => {
    // Friday 6 March 23:30 in Almaty is 18:30 UTC the same Friday; one working day -> Monday.
    const due = addWorkingDays(new Date('2026-03-06T18:30:00Z'), 1, opts);
    expect(due.basis.dueDate).toBe('2026-03-09');
    // Saturday 00:30 in Almaty (Friday 19:30 UTC): still Monday.
    expect(addWorkingDays(new Date('2026-03-06T19:30:00Z'), 1, opts).basis.dueDate).toBe('2026-03-09');
  });

  it('a request confirmed on a weekend counts from Monday', () => {
    const due = addWorkingDays(new Date('2026-03-07T06:00:00Z'), 3, opts);
    expect(due.basis.dueDate).toBe('2026-03-11');
    expect(due.basis.skipped).toEqual(['2026-03-08']);
  });

  it('uses the calendar it is given (holidays come later through this interface)', () => {
    const holidays = new Set(['2026-03-09']);
    const cal: WorkingCalendar = {
      name: 'test-holidays',
      isWorkingDay: (d) =>
        weekdayCalendar.isWorkingDay(d) &&
        !holidays.has(`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`),
    };
    const due = addWorkingDays(new Date('2026-03-06T05:00:00Z'), 1, { calendar: cal, timeZone: ALMATY });
    expect(due.basis.dueDate).toBe('2026-03-10');
    expect(due.basis.calendar).toBe('test-holidays');
    expect(due.basis.skipped).toContain('2026-03-09');
  });

  it('refuses a nonsense number of days and a calendar with no working days', () => {
    expect(() => addWorkingDays(new Date(), 0, opts)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, opts)).toThrow(RangeError);
    const never: WorkingCalendar = { name: 'never', isWorkingDay: () => false };
    expect(() => addWorkingDays(new Date(), 1, { calendar: never, timeZone: ALMATY })).toThrow(/no working days/);
  });
});
