import { describe, expect, it } from 'vitest';
import { parseStart } from '../../src/cli/calendar.js';
import { DEFAULT_CALENDAR_FILE, loadCalendarFile } from '../../src/deadlines/calendar-data.js';
import { calendarWarnings } from '../../src/deadlines/calendar-warnings.js';
import { clockStartAt } from '../../src/deadlines/clock-start.js';
import { createNationalCalendar } from '../../src/deadlines/national-calendar.js';
import { addWorkingDays, weekdayCalendar, workingDaysLeft } from '../../src/deadlines/working-days.js';

const TZ = 'Asia/Almaty';
const kz = createNationalCalendar(loadCalendarFile(DEFAULT_CALENDAR_FILE));
/** 10:00 in Almaty on the given day. */
const at = (date: string) => new Date(`${date}T10:00:00+05:00`);
const due = (start: string, days: number) => addWorkingDays(at(start), days, { calendar: kz, timeZone: TZ });

describe('due dates on the Kazakhstan calendar', () => {
  it('skips Nauryz 2026 and its moved days off, and says so in the basis', () => {
    const d = due('2026-03-18', 10);
    expect(d.basis.dueDate).toBe('2026-04-06');
    expect(d.basis.calendar).toBe(kz.name);
    expect(d.basis.holidays.map((h) => h.date)).toEqual(['2026-03-23', '2026-03-24', '2026-03-25']);
    expect(d.basis.holidays[1]!.reason).toMatch(/Nauryz/);
    expect(d.dueAt.toISOString()).toBe('2026-04-06T18:59:59.999Z');
  });

  it('crosses the year end into the New Year holidays and their weekend move (2027)', () => {
    const d = due('2026-12-25', 5);
    // 28, 29, 30, 31 December; 1 January holiday, 2-3 weekend, 4 January moved day off -> 5 January.
    expect(d.basis.dueDate).toBe('2027-01-05');
    expect(d.basis.holidays.map((h) => h.date)).toEqual(['2027-01-01', '2027-01-04']);
  });

  it('counts a transferred working Sunday and skips the Friday it gave off (January 2025)', () => {
    // From Tuesday 31 December 2024: 1, 2 holidays, 3 transferred off, 4 Saturday, 5 Sunday worked.
    expect(due('2024-12-31', 1).basis.dueDate).toBe('2025-01-05');
    expect(due('2024-12-31', 2).basis.dueDate).toBe('2025-01-06');
    expect(due('2024-12-31', 1).basis.holidays.map((h) => h.reason)).toEqual(['New Year', 'New Year', 'day off transferred from 2025-01-05']);
  });

  it('a request arriving on a holiday counts from the next working day', () => {
    expect(due('2026-05-07', 1).basis.dueDate).toBe('2026-05-08');
    expect(due('2026-05-08', 1).basis.dueDate).toBe('2026-05-12');
  });

  it('treats 31 August 2026 as a working day and 15 March 2027 as a holiday', () => {
    expect(due('2026-08-28', 1).basis.dueDate).toBe('2026-08-31');
    expect(due('2027-03-12', 1).basis.dueDate).toBe('2027-03-16');
  });
});

describe('DUE_CLOCK_START', () => {
  const ticket = { receivedAt: at('2026-03-02'), verifiedAt: at('2026-03-04') };

  it('received: a ticket confirmed on day 3 is still due 10 working days after arrival', () => {
    const start = clockStartAt('received', ticket, ticket.verifiedAt);
    const d = addWorkingDays(start, 10, { calendar: kz, timeZone: TZ, clockStart: 'received' });
    expect(d.basis.startDate).toBe('2026-03-02');
    expect(d.basis.dueDate).toBe('2026-03-17');
    expect(d.basis.clockStart).toBe('received');
    expect(d.basis.rule).toMatch(/received/);
  });

  it('confirmed: counts from the confirmation', () => {
    const start = clockStartAt('confirmed', ticket, ticket.verifiedAt);
    const d = addWorkingDays(start, 10, { calendar: kz, timeZone: TZ, clockStart: 'confirmed' });
    expect(d.basis.startDate).toBe('2026-03-04');
    expect(d.basis.dueDate).toBe('2026-03-19');
  });

  it('confirmed without a confirmation is a bug, not a silent date', () => {
    expect(() => clockStartAt('confirmed', { receivedAt: at('2026-03-02'), verifiedAt: null })).toThrow(/not confirmed/);
  });
});

describe('workingDaysLeft', () => {
  const dueAt = due('2026-03-02', 10).dueAt; // 17 March 2026

  it('counts the working days after today up to the due day', () => {
    expect(workingDaysLeft(kz, at('2026-03-02'), dueAt, TZ)).toBe(10);
    expect(workingDaysLeft(kz, at('2026-03-04'), dueAt, TZ)).toBe(8);
    expect(workingDaysLeft(kz, at('2026-03-17'), dueAt, TZ)).toBe(0);
  });

  it('is negative when overdue', () => {
    expect(workingDaysLeft(kz, at('2026-03-18'), dueAt, TZ)).toBe(-1);
    expect(workingDaysLeft(kz, at('2026-03-26'), dueAt, TZ)).toBe(-4); // 18, 19, 20, (21-25 off), 26
  });
});

describe('calendarWarnings', () => {
  it('is silent while the file covers this year and it is not yet November', () => {
    expect(calendarWarnings(kz, at('2026-10-31'), TZ)).toEqual([]);
  });

  it('from 1 November (organisation time) names the next year when it is missing', () => {
    const w = calendarWarnings(kz, at('2027-11-01'), TZ);
    expect(w.some((l) => /no data for 2028/.test(l))).toBe(true);
    // 31 October 23:30 in Almaty is still October.
    expect(calendarWarnings(kz, new Date('2027-10-31T18:30:00Z'), TZ).some((l) => /2028/.test(l))).toBe(false);
  });

  it('names an estimated entry of the coming year', () => {
    expect(calendarWarnings(kz, at('2026-11-15'), TZ)).toEqual([expect.stringMatching(/Kurban Ait 2027-05-16 is an estimate/)]);
  });

  it('says nothing for a calendar that cannot tell (weekdays only)', () => {
    expect(calendarWarnings(weekdayCalendar, at('2030-12-01'), TZ)).toEqual([]);
  });
});

describe('cli calendar due: the start argument', () => {
  it('reads a time without an offset in the organisation time zone', () => {
    expect(parseStart('2026-03-18T10:00', TZ).toISOString()).toBe('2026-03-18T05:00:00.000Z');
    expect(parseStart('2026-03-18T10:00Z', TZ).toISOString()).toBe('2026-03-18T10:00:00.000Z');
    expect(parseStart('2026-03-18T10:00+03:00', TZ).toISOString()).toBe('2026-03-18T07:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(() => parseStart('18.03.2026', TZ)).toThrow(/expected a date/);
    expect(() => parseStart('2026-02-30', TZ)).toThrow(/not a real date/);
  });
});
