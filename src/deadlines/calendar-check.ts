import type { AppContext } from '../context.js';
import { localDateOf, formatLocalDate } from './working-days.js';
import { calendarGaps, calendarWarnings } from './calendar-warnings.js';

// Tells people when the calendar file runs out: a warning in the log once per start and day, and
// the `calendar` entry of the status board that /healthz reads (degraded while a year is missing).

const loggedOn = new WeakMap<AppContext, string>();

export function checkCalendar(ctx: AppContext): string[] {
  const now = ctx.now();
  const tz = ctx.config.org.timeZone;
  const warnings = calendarWarnings(ctx.calendar, now, tz);
  const gaps = calendarGaps(ctx.calendar, now, tz);
  // The detail carries the warnings either way; a missing year also marks the entry failed.
  ctx.status.succeeded('calendar', { warnings }, now);
  if (gaps.uncovered.length > 0) ctx.status.failed('calendar', `no calendar data for ${gaps.uncovered.join(', ')}`, now);
  const day = formatLocalDate(localDateOf(now, tz));
  if (warnings.length > 0 && loggedOn.get(ctx) !== day) {
    loggedOn.set(ctx, day);
    for (const warning of warnings) ctx.log.warn({ msg: 'calendar needs data', component: 'calendar', calendar: ctx.calendar.name, warning });
  }
  return warnings;
}
