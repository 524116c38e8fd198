import { formatLocalDate, localDateOf, nextLocalDate, type LocalDate, type WorkingCalendar } from './working-days.js';

// Counting working days between two moments, for reminders, the digest and retention's on-time
// flag. Only the `WorkingCalendar` interface is used, so the national calendar drops in. Pure.

export interface CalendarZone {
  calendar: WorkingCalendar;
  timeZone: string;
}

export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Working days d with from < d <= to (0 when to is not after from). */
export function countWorkingDays(from: LocalDate, to: LocalDate, calendar: WorkingCalendar): number {
  let n = 0;
  for (let d = nextLocalDate(from); compareLocalDate(d, to) <= 0; d = nextLocalDate(d)) {
    if (calendar.isWorkingDay(d)) n++;
  }
  return n;
}

/** Working days after the day of `from` up to and including the day of `to`, in the time zone. */
export function workingDaysBetween(from: Date, to: Date, cz: CalendarZone): number {
  return countWorkingDays(localDateOf(from, cz.timeZone), localDateOf(to, cz.timeZone), cz.calendar);
}

/**
 * Working days left until `dueAt` as seen at `now`: 0 on the due day, 3 when three working days
 * remain after today. Negative once the due date has passed: minus the working days since it,
 * at least -1 (a ticket due on Friday is one day overdue on Saturday already).
 */
export function workingDaysLeft(now: Date, dueAt: Date, cz: CalendarZone): number {
  if (now.getTime() > dueAt.getTime()) return -Math.max(1, workingDaysBetween(dueAt, now, cz));
  return workingDaysBetween(now, dueAt, cz);
}

/** The local day `n` working days after `from` (n >= 1), or `from` itself for n = 0. */
export function addWorkingDaysTo(from: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  let d = from;
  for (let counted = 0, guard = 0; counted < n; guard++) {
    if (guard > n * 7 + 366) throw new Error(`calendar ${calendar.name} has no working days ahead`);
    d = nextLocalDate(d);
    if (calendar.isWorkingDay(d)) counted++;
  }
  return d;
}

/** The day before, in local terms. */
export function previousLocalDate(d: LocalDate): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day - 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Minutes since local midnight of `instant` in `timeZone`. */
export function localMinutesOf(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

export function localDateKey(instant: Date, timeZone: string): string {
  return formatLocalDate(localDateOf(instant, timeZone));
}
