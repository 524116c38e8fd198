import { localDateOf, type WorkingCalendar } from './working-days.js';

// A year the calendar file does not cover is counted with weekends and fixed holidays only: Kurban
// Ait and the government's transfers are missing, so due dates may come a day early or late. From
// 1 November of the year before, the service says so (log, /healthz, digest). Pure.

export interface CalendarGaps {
  /** This year, and from 1 November next year too, when the file lacks them. */
  uncovered: number[];
  /** Entries of those years still marked as estimates (e.g. Kurban Ait before the announcement). */
  estimates: string[];
}

export function calendarGaps(calendar: WorkingCalendar, now: Date, timeZone: string): CalendarGaps {
  const today = localDateOf(now, timeZone);
  const years = today.month >= 11 ? [today.year, today.year + 1] : [today.year];
  return {
    uncovered: calendar.covers ? years.filter((y) => !calendar.covers?.(y)) : [],
    estimates: years.flatMap((y) => calendar.estimates?.(y) ?? []),
  };
}

/** One line per gap, for the log, /healthz and the manager digest. */
export function calendarWarnings(calendar: WorkingCalendar, now: Date, timeZone: string): string[] {
  const gaps = calendarGaps(calendar, now, timeZone);
  return [
    ...gaps.uncovered.map(
      (year) =>
        `calendar ${calendar.name} has no data for ${year}: due dates in ${year} count weekends and fixed holidays only (no Kurban Ait, no transfers); add ${year} to the calendar file`,
    ),
    ...gaps.estimates.map((e) => `calendar ${calendar.name}: ${e}; replace it with the official date when announced`),
  ];
}
