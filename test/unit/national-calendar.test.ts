import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_FILE, loadCalendarFile, parseCalendarData } from '../../src/deadlines/calendar-data.js';
import { createNationalCalendar } from '../../src/deadlines/national-calendar.js';
import { formatLocalDate, nextLocalDate, type LocalDate } from '../../src/deadlines/working-days.js';
import { isAppError } from '../../src/errors.js';

// The official production calendars, written here independently of the data file: weekdays that
// are not worked and weekend days that are (five-day week).
const OFFICIAL: Record<number, { off: string[]; worked: string[] }> = {
  // egov.kz holiday calendar 2025; Minister of Labour's order moving Sunday 5 January's day off to Friday 3 January.
  2025: {
    off: [
      '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-07',
      '2025-03-10', '2025-03-21', '2025-03-24', '2025-03-25',
      '2025-05-01', '2025-05-07', '2025-05-09',
      '2025-06-06', '2025-07-07', '2025-09-01', '2025-10-27', '2025-12-16',
    ],
    worked: ['2025-01-05'],
  },
  // egov.kz holiday calendar 2026 without 31 August (Constitution Day moved to 15 March by the
  // Constitution of 15 March 2026, celebrated from 2027).
  2026: {
    off: [
      '2026-01-01', '2026-01-02', '2026-01-07',
      '2026-03-09', '2026-03-23', '2026-03-24', '2026-03-25',
      '2026-05-01', '2026-05-07', '2026-05-11', '2026-05-27',
      '2026-07-06', '2026-10-26', '2026-12-16',
    ],
    worked: [],
  },
};

const calendar = createNationalCalendar(loadCalendarFile(DEFAULT_CALENDAR_FILE));

function daysOf(year: number): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d: LocalDate = { year, month: 1, day: 1 }; d.year === year; d = nextLocalDate(d)) out.push(d);
  return out;
}

function officialWorking(year: number, d: LocalDate): boolean {
  const iso = formatLocalDate(d);
  const o = OFFICIAL[year]!;
  if (o.worked.includes(iso)) return true;
  if (o.off.includes(iso)) return false;
  const dow = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

describe('Kazakhstan calendar against the official production calendars', () => {
  for (const year of [2025, 2026]) {
    it(`matches ${year} day by day`, () => {
      const wrong = daysOf(year)
        .filter((d) => calendar.isWorkingDay(d) !== officialWorking(year, d))
        .map((d) => `${formatLocalDate(d)}: calendar says ${calendar.isWorkingDay(d) ? 'working' : 'off'}`);
      expect(wrong).toEqual([]);
    });
  }

  it('counts the official number of working days (2025: 246, 2026: 247 after 31 August became a working day)', () => {
    expect(daysOf(2025).filter((d) => calendar.isWorkingDay(d)).length).toBe(246);
    expect(daysOf(2026).filter((d) => calendar.isWorkingDay(d)).length).toBe(247);
  });
});

describe('Kazakhstan calendar rules', () => {
  it('moves each weekend day of Nauryz 2026 past the Monday holiday: 21-25 March off', () => {
    const march = [21, 22, 23, 24, 25, 26].map((day) => calendar.isWorkingDay({ year: 2026, month: 3, day }));
    expect(march).toEqual([false, false, false, false, false, true]);
    expect(calendar.reasonFor({ year: 2026, month: 3, day: 24 })).toMatch(/Nauryz.*2026-03-21/);
  });

  it('keeps 30 and 31 August 2026 ordinary and makes 15 March a holiday from 2027', () => {
    expect(calendar.isWorkingDay({ year: 2026, month: 8, day: 31 })).toBe(true);
    expect(calendar.isWorkingDay({ year: 2027, month: 3, day: 15 })).toBe(false);
    expect(calendar.reasonFor({ year: 2027, month: 3, day: 15 })).toBe('Constitution Day');
    expect(calendar.isWorkingDay({ year: 2027, month: 8, day: 30 })).toBe(true);
  });

  it('does not move a religious holiday that falls on a weekend', () => {
    // Kurban Ait 2027 (estimated) on Sunday 16 May: Monday 17 May stays a working day.
    expect(calendar.isWorkingDay({ year: 2027, month: 5, day: 17 })).toBe(true);
    expect(calendar.estimates(2027)).toHaveLength(1);
  });

  it('computes 2027 moves by the Labour Code rule', () => {
    const off = calendar.nonWorkingDays(2027).filter((d) => d.kind !== 'weekend').map((d) => d.date);
    expect(off).toEqual(expect.arrayContaining(['2027-01-04', '2027-03-24', '2027-05-03', '2027-05-10']));
  });

  it('a transfer makes the weekend day worked and gives the weekday off, with its source', () => {
    expect(calendar.isWorkingDay({ year: 2025, month: 1, day: 5 })).toBe(true);
    const info = calendar.dayInfo({ year: 2025, month: 1, day: 3 });
    expect(info).toMatchObject({ working: false, kind: 'transfer_day_off' });
    expect(info.source).toMatch(/Minister of Labour/);
  });

  it('tells which years the file covers; an uncovered year gets weekends and the fixed holidays', () => {
    expect([2025, 2026, 2027, 2028].map((y) => calendar.covers(y))).toEqual([true, true, true, false]);
    // 2028: New Year on Saturday and Sunday -> Monday 3 and Tuesday 4 January off; 7 January a Friday.
    const jan = [3, 4, 5, 6, 7].map((day) => calendar.isWorkingDay({ year: 2028, month: 1, day }));
    expect(jan).toEqual([false, false, true, true, false]);
  });

  it('a decreed shift replaces the computed one for that holiday instead of adding to it', () => {
    const data = loadCalendarFile(DEFAULT_CALENDAR_FILE);
    data.years.get(2026)!.shifts.push({ holiday: '2026-05-09', dayOff: '2026-05-08', source: 'test decree' });
    const cal = createNationalCalendar(data);
    expect(cal.isWorkingDay({ year: 2026, month: 5, day: 8 })).toBe(false);
    expect(cal.isWorkingDay({ year: 2026, month: 5, day: 11 })).toBe(true);
  });
});

describe('calendar file validation', () => {
  const good = () => ({ name: 'kz', version: 'v1', fixed: [], years: { 2030: { holidays: [], kurbanAit: { date: '2030-04-13', source: 's' } } } });

  it('accepts a minimal file', () => {
    expect(parseCalendarData(good(), 'x.json').years.get(2030)?.kurbanAit.date).toBe('2030-04-13');
  });

  it('names the file and the entry that is wrong', () => {
    const bad = good();
    (bad.years[2030] as Record<string, unknown>).holidays = [{ date: '2031-01-01', name: 'New Year', kind: 'state', source: 's' }];
    expect(() => parseCalendarData(bad, 'cal.json')).toThrow(/cal\.json: years\.2030\.holidays\[0\]\.date: "2031-01-01" is not in 2030/);
    const noSource = good();
    (noSource.years[2030] as Record<string, unknown>).transfers = [{ workday: '2030-01-05', dayOff: '2030-01-04' }];
    expect(() => parseCalendarData(noSource, 'cal.json')).toThrow(/transfers\[0\]\.source/);
    const kind = good();
    (kind.years[2030] as Record<string, unknown>).holidays = [{ date: '2030-01-01', name: 'x', kind: 'civic', source: 's' }];
    try {
      parseCalendarData(kind, 'cal.json');
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, 'PD_CALENDAR_INVALID')).toBe(true);
    }
  });

  it('reports a missing or broken file with the path', () => {
    expect(() => loadCalendarFile('/nonexistent/calendar.json')).toThrow(/\/nonexistent\/calendar\.json: cannot be read/);
  });
});
