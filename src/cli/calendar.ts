import { loadCalendar } from '../app.js';
import { addWorkingDays, nextLocalDate, zonedTimeToInstant, type LocalDate } from '../deadlines/working-days.js';
import { AppError } from '../errors.js';
import { cliConfig } from './runtime.js';
import { jsonLine, out, parse, type Command } from './io.js';

// `calendar due` and `calendar year`: the working-day calendar as the service uses it, without
// opening the database. Dates are the organisation's (ORG_TIMEZONE).

const dueUsage = 'cli calendar due DATE[THH:MM[:SS]][Z|+HH:MM] [--days N]';
const yearUsage = 'cli calendar year YEAR [--json]';
const usage = `${dueUsage}\n       ${yearUsage}`;

export const calendarCommand: Command = {
  name: 'calendar',
  summary: 'the due date for a start time, or a year\'s non-working days with their reasons',
  usage: `${usage}\n\ndue: prints the due date (YYYY-MM-DD) first on its line, then why: N working days after the\nstart day (default DUE_WORKING_DAYS), holidays and transfers skipped. A time without an offset\nis read in ORG_TIMEZONE.\nyear: every non-working day of the year with its reason and source (CALENDAR_FILE).`,
  async run(argv) {
    const { values, positionals } = parse(argv, { days: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const [sub, arg] = positionals;
    const config = cliConfig();
    const calendar = loadCalendar(config);
    const tz = config.org.timeZone;
    if (sub === 'due' && arg) {
      const days = values.days === undefined ? config.deadlines.workingDays : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw new AppError('PD_CLI_USAGE', `--days "${values.days}": expected a whole number from 1 to 366`);
      const start = parseStart(arg, tz);
      const due = addWorkingDays(start, days, { calendar, timeZone: tz });
      const skipped = due.basis.holidays.map((h) => `${h.date} ${h.reason}`);
      out(
        `${due.basis.dueDate}  ${days} working days after ${due.basis.startDate} (${tz}, calendar ${calendar.name}); due by the end of the day` +
          (skipped.length > 0 ? `; skipped: ${skipped.join('; ')}` : '; no holidays skipped'),
      );
      warnIfUncovered(calendar, [due.basis.startDate, due.basis.dueDate]);
      return 0;
    }
    if (sub === 'year' && arg) {
      if (!/^\d{4}$/.test(arg)) throw new AppError('PD_CLI_USAGE', `year "${arg}": expected e.g. 2026`);
      const year = Number(arg);
      const days = calendar.nonWorkingDays(year);
      for (const d of days) {
        if (values.json) jsonLine(d);
        else out(`${d.date}  ${weekday(d.date)}  ${d.kind.padEnd(16)}  ${d.reason ?? ''}${d.source ? `  [${d.source}]` : ''}`);
      }
      const worked: string[] = [];
      for (let d: LocalDate = { year, month: 1, day: 1 }; d.year === year; d = nextLocalDate(d)) {
        const info = calendar.dayInfo(d);
        if (info.kind === 'transfer_workday') {
          if (values.json) jsonLine(info);
          else worked.push(`${info.date}  ${weekday(info.date)}  working day       ${info.reason ?? ''}  [${info.source ?? ''}]`);
        }
      }
      if (!values.json) {
        if (worked.length > 0) out(['', 'Weekend days worked:', ...worked].join('\n'));
        out(`\n${days.length} non-working days, ${daysIn(year) - days.length} working days (calendar ${calendar.name})`);
      }
      warnIfUncovered(calendar, [`${year}-01-01`]);
      return 0;
    }
    throw new AppError('PD_CLI_USAGE', `usage: ${usage}`);
  },
};

/** `2026-03-18`, `2026-03-18T10:00`, `2026-03-18T10:00:00+05:00`, `…Z`; without an offset, wall time in `tz`. */
export function parseStart(text: string, tz: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) throw new AppError('PD_CLI_USAGE', `"${text}": expected a date like 2026-03-18 or 2026-03-18T10:00 (optionally with Z or +05:00)`);
  const [, y, mo, d, h = '12', mi = '00', s = '00', offset] = m;
  if (offset) {
    const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
    if (Number.isNaN(at.getTime())) throw new AppError('PD_CLI_USAGE', `"${text}": not a real date and time`);
    return at;
  }
  const parts = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
  const check = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  if (check.getUTCMonth() !== parts.month - 1 || parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    throw new AppError('PD_CLI_USAGE', `"${text}": not a real date and time`);
  }
  return zonedTimeToInstant(parts, tz);
}

function warnIfUncovered(calendar: ReturnType<typeof loadCalendar>, dates: string[]): void {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].filter((y) => !calendar.covers(y));
  for (const y of years) {
    process.stderr.write(`warning: the calendar file has no data for ${y}: weekends and fixed holidays only (no Kurban Ait, no transfers)\n`);
  }
  for (const y of [...new Set(dates.map((d) => Number(d.slice(0, 4))))]) {
    for (const e of calendar.estimates(y)) process.stderr.write(`warning: ${e}\n`);
  }
}

function weekday(iso: string): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? '';
}

function daysIn(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}
