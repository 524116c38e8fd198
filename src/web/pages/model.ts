import { isLanguage, type Language, type Right } from '../../domain.js';
import type { LinkAction, LinkResult, LinkView } from '../../verify/confirm.js';
import type { LinkState } from '../../verify/token.js';
import { maskEmail } from '../html.js';
import { displayAddress } from '../../mail/address.js';
import type { PageKind } from './copy.js';

// Pure: from what a link stands for (or what a click did) to the page to show and its HTTP status.
// GET and POST share the table, so the same link never tells two stories.

export interface PageModel {
  kind: PageKind;
  status: number;
  lang: Language;
  ticketNumber?: string;
  maskedEmail?: string;
  rights?: Right[];
  triage?: boolean;
  dueAt?: Date;
  /** Working days from today to dueAt, added by the route (it knows the calendar and the clock). */
  daysLeft?: number;
  expiresAt?: Date;
  /** The form's action path and hidden field, only on the form page. */
  form?: { action: string; formToken: string };
}

const STATE_PAGES: Record<Exclude<LinkState, 'valid'>, { kind: PageKind; status: number }> = {
  confirmed: { kind: 'already_confirmed', status: 200 },
  rejected: { kind: 'already_rejected', status: 409 },
  expired: { kind: 'link_expired', status: 410 },
  request_expired: { kind: 'request_expired', status: 410 },
  used: { kind: 'used', status: 409 },
};

/**
 * The page language: an explicit, valid `?lang=` wins (the switch), then the ticket's language,
 * then the browser's preference, then Russian (the policy's language).
 */
export function chooseLanguage(query: string | null, ticketLang: Language | undefined, acceptLanguage: string | undefined): Language {
  if (query && isLanguage(query)) return query;
  if (ticketLang) return ticketLang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2) ?? '';
    if (isLanguage(tag)) return tag;
  }
  return 'ru';
}

/** The page for a GET: the form while the link is good, otherwise what became of it. */
export function pageForView(
  view: LinkView,
  opts: { queryLang: string | null; acceptLanguage?: string; token: string; formToken: string },
): PageModel {
  if (view.state === 'unknown') {
    return { kind: 'unknown', status: 404, lang: chooseLanguage(opts.queryLang, undefined, opts.acceptLanguage) };
  }
  const lang = chooseLanguage(opts.queryLang, view.ticket.language, opts.acceptLanguage);
  const base = { lang, ticketNumber: view.ticket.number };
  if (view.state === 'valid') {
    const query = opts.queryLang && isLanguage(opts.queryLang) ? `?lang=${opts.queryLang}` : '';
    return {
      ...base,
      kind: 'form',
      status: 200,
      maskedEmail: maskEmail(displayAddress(view.ticket.requesterEmail)),
      rights: view.ticket.rights,
      triage: view.ticket.triage || view.ticket.rights.length === 0,
      expiresAt: view.token.expiresAt,
      form: { action: `/confirm/${opts.token}${query}`, formToken: opts.formToken },
    };
  }
  return { ...base, ...STATE_PAGES[view.state], ...(view.state === 'confirmed' && view.ticket.dueAt ? { dueAt: view.ticket.dueAt } : {}) };
}

/** The page after a POST. Asking again for what is already done is a success; asking for the opposite is a conflict. */
export function pageForResult(
  result: LinkResult,
  action: LinkAction,
  opts: { queryLang: string | null; acceptLanguage?: string },
): PageModel {
  if (!result.done) {
    if (result.state === 'unknown') {
      return { kind: 'unknown', status: 404, lang: chooseLanguage(opts.queryLang, undefined, opts.acceptLanguage) };
    }
    const lang = chooseLanguage(opts.queryLang, result.ticket.language, opts.acceptLanguage);
    const base = { lang, ticketNumber: result.ticket.number };
    if (result.state === 'confirmed') {
      return {
        ...base,
        kind: 'already_confirmed',
        status: action === 'confirm' ? 200 : 409,
        ...(result.ticket.dueAt ? { dueAt: result.ticket.dueAt } : {}),
      };
    }
    if (result.state === 'rejected') return { ...base, kind: 'already_rejected', status: action === 'reject' ? 200 : 409 };
    // 'valid' cannot come back from a click that did nothing; treat it as a conflict, not a success.
    if (result.state === 'valid') return { ...base, kind: 'used', status: 409 };
    return { ...base, ...STATE_PAGES[result.state] };
  }
  const lang = chooseLanguage(opts.queryLang, result.ticket.language, opts.acceptLanguage);
  if (result.action === 'confirm') {
    return {
      kind: 'confirmed',
      status: 200,
      lang,
      ticketNumber: result.ticket.number,
      ...(result.ticket.dueAt ? { dueAt: result.ticket.dueAt } : {}),
    };
  }
  return { kind: 'rejected', status: 200, lang, ticketNumber: result.ticket.number };
}

/** A page with no ticket behind it (bad form, 404, errors, shutting down). */
export function plainPage(kind: PageKind, status: number, lang: Language): PageModel {
  return { kind, status, lang };
}
