import type { Language } from '../../domain.js';
import { workingDaysLeft, type WorkingCalendar } from '../../deadlines/working-days.js';
import { esc } from '../html.js';
import { DATE_LOCALES } from '../pages/copy.js';
import { fill } from '../pages/render.js';
import type { BoardCopy, Plural } from './copy.js';

// Dates and due dates as the board shows them: in ORG_TIMEZONE and the page's language; a due date
// always says in words how it stands, the colour only repeats it.

/** Making a formatter costs far more than using one, and a queue page shows a hundred dates. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function shortDate(date: Date, lang: Language, timeZone: string, withTime = false): string {
  const key = `${lang}|${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(DATE_LOCALES[lang], { timeZone, dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}) });
    formatters.set(key, f);
  }
  return f.format(date);
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** `phrase` in the form the language takes for `n`, with the number filled in (bold). */
export function counted(phrase: Plural, n: number, lang: Language): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(DATE_LOCALES[lang]);
    pluralRules.set(lang, rules);
  }
  return fill(phrase[rules.select(n)] ?? phrase.other, { n: String(n) });
}

/** Within this many working days a due date is "soon". */
export const DUE_SOON_DAYS = 3;

export type DueState = 'overdue' | 'soon' | 'ok' | 'none';

export function dueState(daysLeft: number | null): DueState {
  if (daysLeft === null) return 'none';
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= DUE_SOON_DAYS ? 'soon' : 'ok';
}

/** `<time>` of the due date and a line saying how many working days are left, with its state as a class. */
export function dueCell(
  c: BoardCopy,
  dueAt: Date | null,
  opts: { lang: Language; timeZone: string; calendar: WorkingCalendar; now: Date; active: boolean },
): string {
  if (!dueAt) return `<span class="due due-none">${esc(c.due.none)}</span>`;
  const date = `<time datetime="${esc(dueAt.toISOString())}">${esc(shortDate(dueAt, opts.lang, opts.timeZone))}</time>`;
  if (!opts.active) return `<span class="due">${date}</span>`;
  const left = workingDaysLeft(opts.calendar, opts.now, dueAt, opts.timeZone);
  const state = dueState(left);
  const words = left < 0 ? counted(c.due.overdue, -left, opts.lang) : left === 0 ? esc(c.due.today) : counted(state === 'soon' ? c.due.soon : c.due.left, left, opts.lang);
  return `<span class="due due-${state}">${date}<br><span class="due-words">${words}</span></span>`;
}
