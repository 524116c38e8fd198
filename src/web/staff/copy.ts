import type { Language, Right, TicketStatus } from '../../domain.js';
import { en } from './copy-en.js';
import { kk } from './copy-kk.js';
import { ru } from './copy-ru.js';

// Every word of the staff board in ru, kk and en (copy-<lang>.ts). The type makes a missing translation a compile
// error. `{name}` placeholders are filled with escaped values (pages/render.ts `fill`).

export type FlashKey = 'not_available' | 'signed_out';

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
  due: { overdue: string; today: string; soon: string; left: string; none: string };
  ticket: {
    request: string;
    from: string;
    subject: string;
    received: string;
    noText: string;
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
  flash: Record<FlashKey, string>;
  errors: { forbiddenTitle: string; forbidden: string; notFoundTitle: string; notFound: string };
}

export const BOARD_COPY: Record<Language, BoardCopy> = { ru, kk, en };
