import { isRight, RIGHTS, type Right } from '../domain.js';
import { AppError } from '../errors.js';
import { cleanText, escapeHtml, type Helper, type Mode, type Safe } from './template-engine.js';

// The helpers templates may call, per language: dates in the organisation's time zone, right
// labels, plural forms, checked URLs, multi-line text. Formatters are built once per language
// (Intl objects are costly to create, cheap to use).

export const HELPER_NAMES: ReadonlySet<string> = new Set(['date', 'datetime', 'url', 'right', 'rightnames', 'lines', 'workdays', 'label']);

/** templates/mail/<lang>/strings.json */
export interface LanguageStrings {
  /** BCP 47 locale for dates and plural rules, e.g. ru-RU. */
  locale: string;
  /** The right in plain words, as a requester reads it. */
  rights: Record<Right, string>;
  /** Plural forms by Intl.PluralRules category; `#` is the number. `other` is required. */
  workdays: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  /** Printed for an empty list. */
  none: string;
  /** Words for names such as ticket statuses and the digest's chart rows; a name without one prints as is. */
  labels?: Record<string, string>;
}

export function parseStrings(json: string, name: string): LanguageStrings {
  const bad = (why: string): never => {
    throw new AppError('PD_TEMPLATE_MISSING', `${name}: ${why}`);
  };
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (err) {
    return bad(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const o = v as Partial<LanguageStrings>;
  if (typeof o.locale !== 'string') bad('"locale" must be a string');
  if (typeof o.none !== 'string') bad('"none" must be a string');
  if (typeof o.workdays?.other !== 'string') bad('"workdays.other" must be a string');
  for (const r of RIGHTS) if (typeof o.rights?.[r] !== 'string') bad(`"rights.${r}" must be a string`);
  return o as LanguageStrings;
}

function wrong(helper: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  throw new AppError('PD_TEMPLATE_VARIABLE', `{{${helper} ...}} expects ${expected}, got ${got}`);
}

function asDate(helper: string, v: unknown): Date {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v;
  return wrong(helper, 'a valid Date', v);
}

export function createHelpers(strings: LanguageStrings, timeZone: string): Record<string, Helper> {
  const dateFmt = new Intl.DateTimeFormat(strings.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const dateTimeFmt = new Intl.DateTimeFormat(strings.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
  const plural = new Intl.PluralRules(strings.locale);

  return {
    date: (v) => dateFmt.format(asDate('date', v)),
    datetime: (v) => dateTimeFmt.format(asDate('datetime', v)),
    /** Only web links: a `javascript:` or `data:` URL never becomes a link in our mail. */
    url: (v) => {
      if (typeof v !== 'string') return wrong('url', 'a URL string', v);
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        return wrong('url', 'an absolute URL', v);
      }
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return wrong('url', 'an http(s) URL', v);
      return u.toString();
    },
    right: (v) => {
      if (typeof v !== 'string' || !isRight(v)) return wrong('right', 'a right name', v);
      return strings.rights[v];
    },
    /** Canonical names, as staff use them in commands (`#rights access,erasure`). */
    rightnames: (v) => {
      if (!Array.isArray(v)) return wrong('rightnames', 'a list of rights', v);
      const names = v.filter((r): r is Right => typeof r === 'string' && isRight(r));
      if (names.length !== v.length) return wrong('rightnames', 'a list of rights', v);
      return names.length > 0 ? names.join(', ') : strings.none;
    },
    lines: (v, mode: Mode): Safe => {
      if (typeof v !== 'string') return wrong('lines', 'text', v);
      const text = cleanText(v).trim();
      return { safe: mode === 'html' ? escapeHtml(text).replace(/\n/g, '<br />\n') : text };
    },
    label: (v) => {
      if (typeof v !== 'string') return wrong('label', 'a name', v);
      return strings.labels?.[v] ?? v;
    },
    workdays: (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return wrong('workdays', 'a number', v);
      const form = strings.workdays[plural.select(Math.abs(v))] ?? strings.workdays.other;
      return form.replace('#', String(v));
    },
  };
}
