import type { AppContext } from '../context.js';
import { calendarWarnings } from '../deadlines/calendar-warnings.js';

/**
 * What the working calendar says is wrong with itself at `now` (a calendar year the data file does
 * not cover yet, from 1 November before it), for the digest's problems.
 */
export function calendarProblems(ctx: AppContext, now: Date): string[] {
  return calendarWarnings(ctx.calendar, now, ctx.config.org.timeZone);
}
