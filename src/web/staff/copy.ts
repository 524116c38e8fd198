import type { Language, Right, TicketStatus } from '../../domain.js';
import type { ErrorCode } from '../../errors.js';
import type { DoneAction, FormProblemKind } from './flash.js';
import { en } from './copy-en.js';
import { kk } from './copy-kk.js';
import { ru } from './copy-ru.js';

/** Forms by `Intl.PluralRules` category (ru needs one/few/many); `other` is always there. */
/** The codes intake quarantines a message with. */
export type QuarantineReason = Extract<
  ErrorCode,
  'PD_MSG_TOO_LARGE' | 'PD_MSG_UNPARSEABLE' | 'PD_MSG_NO_SENDER' | 'PD_MSG_AMBIGUOUS_SENDER' | 'PD_MSG_SPOOFED_NAME' | 'PD_MSG_PROCESSING_FAILED' | 'PD_MSG_TIMEOUT'
>;

export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

// Every word of the staff board in ru, kk and en (copy-<lang>.ts). The type makes a missing translation a compile
// error. `{name}` placeholders are filled with escaped values (pages/render.ts `fill`).


export interface BoardCopy {
  langName: string;
  /** The language switch's name for screen readers. */
  langSwitch: string;
  board: string;
  skip: string;
  nav: { dashboard: string; queue: string; quarantine: string; signOut: string; signOutEverywhere: string; signedInAs: string };
  signIn: {
    title: string;
    intro: string;
    email: string;
    send: string;
    sentTitle: string;
    sent: string;
    limitedTitle: string;
    limited: string;
    linkTitle: string;
    link: string;
    linkButton: string;
    invalidTitle: string;
    invalid: string;
  };
  dashboard: {
    title: string;
    byStatus: string;
    overdue: string;
    dueToday: string;
    dueSoon: string;
    dueThisWeek: string;
    waiting: string;
    quarantined: string;
    failedMail: string;
    toQueue: string;
  };
  status: Record<TicketStatus, string>;
  rights: Record<Right, string>;
  queue: {
    title: string;
    cols: { number: string; status: string; rights: string; requester: string; language: string; received: string; due: string; assignee: string; triage: string };
    filters: string;
    status: string;
    current: string;
    all: string;
    right: string;
    anyRight: string;
    assignee: string;
    overdue: string;
    dueSoon: string;
    triage: string;
    search: string;
    searchHint: string;
    apply: string;
    reset: string;
    none: string;
    total: string;
    page: string;
    prev: string;
    next: string;
    needsTriage: string;
    unassigned: string;
  };
  /** Counted phrases take the language's plural form of the number (`{n}`). */
  due: { overdue: Plural; today: string; soon: Plural; left: Plural; none: string };
  ticket: {
    request: string;
    from: string;
    subject: string;
    received: string;
    noText: string;
    /** Stands in a sent mail's text where the recipient got a secret link (confirmation, sign-in). */
    secretLink: string;
    rights: string;
    confidence: string;
    noRights: string;
    due: string;
    basis: string;
    basisLine: string;
    skipped: string;
    extensions: string;
    thread: string;
    incoming: string;
    outgoing: string;
    eml: string;
    timeline: string;
    actions: string;
    staleHint: string;
  };
  actions: {
    rights: string;
    rightsHint: string;
    assign: string;
    address: string;
    note: string;
    extend: string;
    days: string;
    reason: string;
    reply: string;
    wait: string;
    close: string;
    reject: string;
    text: string;
    closeText: string;
    submit: string;
  };
  quarantine: { title: string; cols: { id: string; received: string; from: string; subject: string; code: string; meaning: string; actions: string }; empty: string; open: string; dismiss: string };
  /** What a quarantine reason means and what to do, in the page's language (others: src/errors.ts, in English). */
  reasons: Record<QuarantineReason, string>;
  /** The sign-in page after signing out (the one note taken from a URL). */
  flash: { signed_out: string };
  /** After an action: `{ticket}` the ticket's number, `{id}` a quarantined message's. */
  done: Record<DoneAction, string>;
  /** Before a refusal's own message: `changed` for a lost race (PD_TICKET_CHANGED). */
  refusal: { notDone: string; changed: string };
  /** A form that is not right: `intro`, then the problem with `{field}` and `{value}`. */
  formProblem: Record<FormProblemKind, string> & { intro: string };
  fields: { rights: string; address: string; text: string; days: string; reason: string; updated_at: string };
  errors: { forbiddenTitle: string; forbidden: string; notFoundTitle: string; notFound: string };
}

export const BOARD_COPY: Record<Language, BoardCopy> = { ru, kk, en };
