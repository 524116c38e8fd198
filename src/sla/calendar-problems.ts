import type { AppContext } from '../context.js';

/**
 * What the working calendar says is wrong with itself at `now` (e.g. a calendar year it does not
 * cover yet), for the digest's problems. The one place a calendar's own warnings are wired in;
 * the weekday stand-in covers every year and has none.
 */
export function calendarProblems(_ctx: AppContext, _now: Date): string[] {
  return [];
}
