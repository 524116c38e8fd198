import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors.js';

// The national calendar is data: one JSON file, per year the holidays, Kurban Ait's first day, the
// government's transfers of days off and any decreed override of a weekend move. Staff extend it
// without code; it is checked here, when loaded, and every problem names the file and the entry.

export type HolidayKind = 'state' | 'religious';

export interface Holiday {
  /** YYYY-MM-DD. */
  date: string;
  name: string;
  kind: HolidayKind;
  source: string;
}

/** A weekend day made a working day, and the weekday it gives off in exchange. */
export interface Transfer {
  workday: string;
  dayOff: string;
  source: string;
}

/** A decreed move of a weekend holiday's day off, replacing the computed one for that holiday. */
export interface Shift {
  holiday: string;
  dayOff: string;
  source: string;
}

export interface YearData {
  holidays: Holiday[];
  kurbanAit: { date: string; source: string; estimated: boolean };
  transfers: Transfer[];
  shifts: Shift[];
  /** Holidays of earlier years that no longer apply this year (kept to explain, not used). */
  removed: { date: string; name: string; source: string }[];
}

/** A holiday by month and day, for years the file does not cover. */
export interface FixedHoliday {
  /** MM-DD. */
  date: string;
  name: string;
  kind: HolidayKind;
  fromYear?: number;
  untilYear?: number;
}

export interface CalendarData {
  name: string;
  version: string;
  fixed: FixedHoliday[];
  years: Map<number, YearData>;
}

export const DEFAULT_CALENDAR_FILE = fileURLToPath(new URL('./calendar-kz.json', import.meta.url));

export function loadCalendarFile(file: string): CalendarData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('PD_CALENDAR_INVALID', `${file}: cannot be read (${err instanceof Error ? err.message : String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('PD_CALENDAR_INVALID', `${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseCalendarData(json, file);
}

/** Validates the parsed file; `file` only names it in errors. */
export function parseCalendarData(json: unknown, file: string): CalendarData {
  const v = new Validator(file);
  const root = v.object(json, '(root)');
  const name = v.string(root.name, 'name');
  const version = v.string(root.version, 'version');
  const fixed = v.array(root.fixed, 'fixed').map((raw, i) => {
    const at = `fixed[${i}]`;
    const o = v.object(raw, at);
    const date = v.string(o.date, `${at}.date`);
    if (!/^\d{2}-\d{2}$/.test(date) || !isDate(`2000-${date}`)) v.fail(`${at}.date`, `"${date}": expected MM-DD`);
    const entry: FixedHoliday = { date, name: v.string(o.name, `${at}.name`), kind: v.kind(o.kind, `${at}.kind`) };
    if (o.fromYear !== undefined) entry.fromYear = v.year(o.fromYear, `${at}.fromYear`);
    if (o.untilYear !== undefined) entry.untilYear = v.year(o.untilYear, `${at}.untilYear`);
    return entry;
  });
  const yearsObj = v.object(root.years, 'years');
  const years = new Map<number, YearData>();
  for (const [key, raw] of Object.entries(yearsObj)) {
    const year = Number(key);
    if (!/^\d{4}$/.test(key)) v.fail(`years.${key}`, 'expected a four-digit year as the key');
    years.set(year, parseYear(v, raw, year, `years.${key}`));
  }
  return { name, version, fixed, years };
}

function parseYear(v: Validator, raw: unknown, year: number, at: string): YearData {
  const o = v.object(raw, at);
  const holidays = v.array(o.holidays, `${at}.holidays`).map((h, i) => {
    const hat = `${at}.holidays[${i}]`;
    const ho = v.object(h, hat);
    return { date: v.date(ho.date, `${hat}.date`, year), name: v.string(ho.name, `${hat}.name`), kind: v.kind(ho.kind, `${hat}.kind`), source: v.string(ho.source, `${hat}.source`) };
  });
  const k = v.object(o.kurbanAit, `${at}.kurbanAit`);
  const kurbanAit = {
    date: v.date(k.date, `${at}.kurbanAit.date`, year),
    source: v.string(k.source, `${at}.kurbanAit.source`),
    estimated: k.estimated === undefined ? false : v.bool(k.estimated, `${at}.kurbanAit.estimated`),
  };
  const transfers = v.array(o.transfers ?? [], `${at}.transfers`).map((t, i) => {
    const tat = `${at}.transfers[${i}]`;
    const to = v.object(t, tat);
    const workday = v.date(to.workday, `${tat}.workday`, year);
    const dayOff = v.date(to.dayOff, `${tat}.dayOff`, year);
    if (!isWeekend(workday)) v.fail(`${tat}.workday`, `"${workday}" is not a Saturday or Sunday`);
    if (isWeekend(dayOff)) v.fail(`${tat}.dayOff`, `"${dayOff}" is a Saturday or Sunday, already off`);
    return { workday, dayOff, source: v.string(to.source, `${tat}.source`) };
  });
  const shifts = v.array(o.shifts ?? [], `${at}.shifts`).map((s, i) => {
    const sat = `${at}.shifts[${i}]`;
    const so = v.object(s, sat);
    const holiday = v.date(so.holiday, `${sat}.holiday`, year);
    if (!holidays.some((h) => h.date === holiday)) v.fail(`${sat}.holiday`, `"${holiday}" is not one of this year's holidays`);
    // A move may land early in the next year (a holiday on 31 December), so any year is accepted here.
    return { holiday, dayOff: v.date(so.dayOff, `${sat}.dayOff`), source: v.string(so.source, `${sat}.source`) };
  });
  const removed = v.array(o.removed ?? [], `${at}.removed`).map((r, i) => {
    const rat = `${at}.removed[${i}]`;
    const ro = v.object(r, rat);
    return { date: v.date(ro.date, `${rat}.date`, year), name: v.string(ro.name, `${rat}.name`), source: v.string(ro.source, `${rat}.source`) };
  });
  return { holidays, kurbanAit, transfers, shifts, removed };
}

class Validator {
  constructor(private readonly file: string) {}

  fail(at: string, problem: string): never {
    throw new AppError('PD_CALENDAR_INVALID', `${this.file}: ${at}: ${problem}`);
  }

  object(value: unknown, at: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(at, 'expected an object');
    return value as Record<string, unknown>;
  }

  array(value: unknown, at: string): unknown[] {
    if (!Array.isArray(value)) this.fail(at, 'expected a list');
    return value;
  }

  string(value: unknown, at: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(at, 'expected a non-empty text');
    return value;
  }

  bool(value: unknown, at: string): boolean {
    if (typeof value !== 'boolean') this.fail(at, 'expected true or false');
    return value;
  }

  year(value: unknown, at: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1990 || value > 2200) this.fail(at, 'expected a year such as 2027');
    return value;
  }

  kind(value: unknown, at: string): HolidayKind {
    if (value !== 'state' && value !== 'religious') this.fail(at, `${JSON.stringify(value)}: expected "state" or "religious"`);
    return value;
  }

  date(value: unknown, at: string, year?: number): string {
    const s = this.string(value, at);
    if (!isDate(s)) this.fail(at, `"${s}": expected a date YYYY-MM-DD`);
    if (year !== undefined && Number(s.slice(0, 4)) !== year) this.fail(at, `"${s}" is not in ${year}`);
    return s;
  }
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isWeekend(iso: string): boolean {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}
