// Working-day arithmetic for due dates, in the organisation's time zone. The calendar is an
// interface: the service uses Kazakhstan's (national-calendar.ts, from the calendar file);
// `weekdayCalendar` counts Monday to Friday for tests and tools. Pure: no IO, no clock.

/** A calendar day in the organisation's time zone (month 1-12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface WorkingCalendar {
  /** Short name recorded in due_basis, so a due date can be explained later. */
  readonly name: string;
  isWorkingDay(date: LocalDate): boolean;
  /** Why a non-working day is off ("Nauryz meiramy", "Saturday"); null for a working day. */
  reasonFor?(date: LocalDate): string | null;
  /** Whether the calendar has real data for the year (not just weekends and fixed holidays). */
  covers?(year: number): boolean;
  /** Entries of the year that are estimates awaiting an official date. */
  estimates?(year: number): string[];
}

/** Monday to Friday, no holidays: the stand-in until the national calendar lands. */
export const weekdayCalendar: WorkingCalendar = {
  name: 'weekdays',
  isWorkingDay(date) {
    const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    return dow !== 0 && dow !== 6;
  },
};

/** What was counted, stored in tickets.due_basis. */
export interface DueBasis {
  /** Number of working days counted. */
  workingDays: number;
  calendar: string;
  timeZone: string;
  /** The moment the clock started (ISO), and its calendar day in the time zone. */
  startedAt: string;
  startDate: string;
  /** The last working day counted: the answer is due by its end. */
  dueDate: string;
  /** Non-working days passed over while counting. */
  skipped: string[];
  /** The skipped days that are not ordinary weekends (holidays, moved days off, transfers), with why. */
  holidays: { date: string; reason: string }[];
  /** What started the clock: the request's arrival or its confirmation. */
  clockStart: ClockStart;
  /** How the counting works, in one line. */
  rule: string;
}

export type ClockStart = 'received' | 'confirmed';

export interface DueDate {
  dueAt: Date;
  basis: DueBasis;
}

export function formatLocalDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The next calendar day (month and year roll over through Date.UTC). */
export function nextLocalDate(d: LocalDate): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The calendar day of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const p = zonedParts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/**
 * The last millisecond of `date` in `timeZone`: the next local midnight minus 1 ms. The offset is
 * looked up at that midnight (twice, so a DST change on that very night lands right).
 */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  const next = nextLocalDate(date);
  const wallMidnight = Date.UTC(next.year, next.month - 1, next.day);
  let utc = wallMidnight - offsetMs(new Date(wallMidnight), timeZone);
  utc = wallMidnight - offsetMs(new Date(utc), timeZone);
  return new Date(utc - 1);
}

/**
 * Counts `workingDays` working days after the day of `start` (that day itself does not count, as
 * in "within N working days of the request") and returns the end of the last one.
 */
export function addWorkingDays(
  start: Date,
  workingDays: number,
  opts: { calendar: WorkingCalendar; timeZone: string; clockStart?: ClockStart },
): DueDate {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`workingDays must be a whole number of at least 1, got ${workingDays}`);
  }
  const startDate = localDateOf(start, opts.timeZone);
  const skipped: string[] = [];
  const holidays: DueBasis['holidays'] = [];
  let day = startDate;
  let counted = 0;
  // A calendar has at most a few weeks of consecutive days off; the bound catches a broken one.
  for (let guard = 0; counted < workingDays; guard++) {
    if (guard > workingDays * 7 + 366) throw new Error(`calendar ${opts.calendar.name} has no working days ahead`);
    day = nextLocalDate(day);
    if (opts.calendar.isWorkingDay(day)) counted++;
    else {
      skipped.push(formatLocalDate(day));
      const reason = opts.calendar.reasonFor?.(day);
      if (reason && !isWeekend(day)) holidays.push({ date: formatLocalDate(day), reason });
    }
  }
  const clockStart = opts.clockStart ?? 'confirmed';
  return {
    dueAt: endOfLocalDay(day, opts.timeZone),
    basis: {
      workingDays,
      calendar: opts.calendar.name,
      timeZone: opts.timeZone,
      startedAt: start.toISOString(),
      startDate: formatLocalDate(startDate),
      dueDate: formatLocalDate(day),
      skipped,
      holidays,
      clockStart,
      rule: `working days counted from the day after the request was ${clockStart}; due at the end of the last one`,
    },
  };
}

/** The instant a wall-clock time in `timeZone` stands for (the offset looked up twice, as above). */
export function zonedTimeToInstant(
  t: LocalDate & { hour: number; minute: number; second: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  let utc = wall - offsetMs(new Date(wall), timeZone);
  utc = wall - offsetMs(new Date(utc), timeZone);
  return new Date(utc);
}

/**
 * Working days left until the due date: the working days after today up to and including the due
 * day (0 on the due day itself); negative when overdue (minus the working days since the due day).
 */
export function workingDaysLeft(calendar: WorkingCalendar, now: Date, dueAt: Date, timeZone: string): number {
  const today = formatLocalDate(localDateOf(now, timeZone));
  const due = formatLocalDate(localDateOf(dueAt, timeZone));
  if (today === due) return 0;
  const [from, to, sign] = today < due ? [localDateOf(now, timeZone), due, 1] : [localDateOf(dueAt, timeZone), today, -1];
  let count = 0;
  for (let d = nextLocalDate(from); formatLocalDate(d) <= to; d = nextLocalDate(d)) {
    if (calendar.isWorkingDay(d)) count++;
  }
  return sign * count;
}

function isWeekend(date: LocalDate): boolean {
  const dow = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return dow === 0 || dow === 6;
}

interface ZonedParts extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}
