import type { CalendarData, Holiday } from './calendar-data.js';
import { formatLocalDate, nextLocalDate, type LocalDate, type WorkingCalendar } from './working-days.js';

// Kazakhstan's working days from the calendar file: Saturday and Sunday off, the year's holidays,
// Kurban Ait's first day, the government's transfers, and the Labour Code's rule (art. 85) that a
// state or national holiday on a Saturday or Sunday gives the next working day off. Religious
// holidays are not moved. A year the file does not cover gets weekends and the fixed holidays
// (with the same rule) and is reported by `covers` so the service can warn. Pure.

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'moved_day_off' | 'transfer_day_off' | 'transfer_workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** Why the day is off (or, for a transferred Saturday, why it is worked); null on ordinary days. */
  reason: string | null;
  source: string | null;
}

export interface NationalCalendar extends WorkingCalendar {
  readonly version: string;
  covers(year: number): boolean;
  reasonFor(date: LocalDate): string | null;
  dayInfo(date: LocalDate): DayInfo;
  /** Every non-working day of the year, in order. */
  nonWorkingDays(year: number): DayInfo[];
  /** Entries of the year marked as estimates (e.g. Kurban Ait before the announcement). */
  estimates(year: number): string[];
}

type Special = Omit<DayInfo, 'date'>;

const LABOUR_CODE_RULE = 'Labour Code of 23 November 2015 No. 414-V, art. 85';

export function createNationalCalendar(data: CalendarData): NationalCalendar {
  const cache = new Map<number, Map<string, Special>>();

  /** The special days produced by `year`'s data (a move may land in the next year). */
  function specialsOf(year: number): Map<string, Special> {
    let map = cache.get(year);
    if (!map) {
      map = computeYear(data, year);
      cache.set(year, map);
    }
    return map;
  }

  function dayInfo(d: LocalDate): DayInfo {
    const date = formatLocalDate(d);
    const special = specialsOf(d.year).get(date) ?? specialsOf(d.year - 1).get(date);
    if (special) return { date, ...special };
    const weekend = isWeekendDate(date);
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', reason: weekend ? weekdayName(date) : null, source: null };
  }

  return {
    name: `${data.name}@${data.version}`,
    version: data.version,
    isWorkingDay: (d) => dayInfo(d).working,
    covers: (year) => data.years.has(year),
    reasonFor: (d) => {
      const info = dayInfo(d);
      return info.working ? null : info.reason;
    },
    dayInfo,
    nonWorkingDays(year) {
      const out: DayInfo[] = [];
      for (let d: LocalDate = { year, month: 1, day: 1 }; d.year === year; d = nextLocalDate(d)) {
        const info = dayInfo(d);
        if (!info.working) out.push(info);
      }
      return out;
    },
    estimates(year) {
      const y = data.years.get(year);
      return y?.kurbanAit.estimated ? [`Kurban Ait ${y.kurbanAit.date} is an estimate`] : [];
    },
  };
}

function computeYear(data: CalendarData, year: number): Map<string, Special> {
  const y = data.years.get(year);
  const holidays: Holiday[] = y
    ? [...y.holidays, { date: y.kurbanAit.date, name: "Kurban Ait's first day", kind: 'religious', source: y.kurbanAit.source }]
    : data.fixed
        .filter((f) => (f.fromYear ?? -Infinity) <= year && year <= (f.untilYear ?? Infinity))
        .map((f) => ({ date: `${year}-${f.date}`, name: f.name, kind: f.kind, source: 'fixed holiday (year not in the calendar file)' }));
  holidays.sort((a, b) => a.date.localeCompare(b.date));

  const map = new Map<string, Special>();
  const workdays = new Set(y?.transfers.map((t) => t.workday) ?? []);
  for (const t of y?.transfers ?? []) {
    map.set(t.workday, { working: true, kind: 'transfer_workday', reason: `working day, in exchange for ${t.dayOff}`, source: t.source });
    map.set(t.dayOff, { working: false, kind: 'transfer_day_off', reason: `day off transferred from ${t.workday}`, source: t.source });
  }
  for (const h of holidays) {
    map.set(h.date, { working: false, kind: 'holiday', reason: h.name, source: h.source });
  }
  const taken = (date: string) => map.get(date)?.working === false || (isWeekendDate(date) && !workdays.has(date));
  for (const h of holidays) {
    if (h.kind !== 'state' || !isWeekendDate(h.date) || workdays.has(h.date)) continue;
    const decreed = y?.shifts.find((s) => s.holiday === h.date);
    let dayOff: string;
    if (decreed) {
      dayOff = decreed.dayOff;
    } else {
      dayOff = nextIso(h.date);
      while (taken(dayOff)) dayOff = nextIso(dayOff);
    }
    map.set(dayOff, {
      working: false,
      kind: 'moved_day_off',
      reason: `day off for ${h.name} (${h.date}, ${weekdayName(h.date)})`,
      source: decreed?.source ?? LABOUR_CODE_RULE,
    });
  }
  return map;
}

function isWeekendDate(iso: string): boolean {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

function weekdayName(iso: string): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][new Date(`${iso}T00:00:00Z`).getUTCDay()] ?? '';
}

function nextIso(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
