import { createHmac, timingSafeEqual } from 'node:crypto';
import { esc } from '../html.js';
import { fill } from '../pages/render.js';
import type { BoardCopy } from './copy.js';
import type { BoardRequest } from './respond.js';
import { boardCookie, isSecureBase, readCookies, type StaffSession } from './session.js';

// What a board POST tells the page it redirects to (Post/Redirect/Get). The note never travels in
// the URL, where anyone could write a link that makes the board say something: it is a short-lived
// cookie (Path=/staff, HttpOnly, SameSite=Strict) signed under APP_SECRET for this session alone,
// read once by the next page and cleared. It carries a kind, a ticket number or message id and, for
// a refusal, the code and the message the ticket code gave; the page words it in the staff member's
// language and escapes every value.

export const FLASH_COOKIE = 'pd_staff_flash';
/** Long enough for the redirect, short enough that an unread note does not turn up an hour later. */
const FLASH_SECONDS = 120;
const MAX_MESSAGE = 600;

export type DoneAction = 'rights' | 'assign' | 'note' | 'extend' | 'reply' | 'wait' | 'close' | 'reject' | 'open' | 'dismiss';
export type FormProblemKind = 'missing' | 'repeated' | 'not_integer' | 'unknown_rights' | 'too_long' | 'stale_form';

export type FlashNote =
  | { kind: 'done'; action: DoneAction; ticket?: string; id?: number }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'form'; field: string; problem: FormProblemKind; value?: string };

/** What the page shows: words already escaped, and whether it reports a refusal. */
export interface Flash {
  tone: 'ok' | 'error';
  html: string;
}

function sign(secret: string, session: StaffSession, payload: string): string {
  return createHmac('sha256', secret).update(`pd-staff-flash:${session.idHash}:${payload}`).digest('base64url');
}

/** Sets the note for the next page of this session. */
export function setFlash(r: BoardRequest, session: StaffSession, note: FlashNote): void {
  const bounded: FlashNote = note.kind === 'refused' ? { ...note, message: note.message.slice(0, MAX_MESSAGE) } : note;
  const payload = Buffer.from(JSON.stringify(bounded)).toString('base64url');
  const value = `${payload}.${sign(r.ctx.config.secret, session, payload)}`;
  r.res.appendHeader('Set-Cookie', boardCookie(FLASH_COOKIE, value, { secure: isSecureBase(r.ctx.config.http.publicBaseUrl), maxAgeSeconds: FLASH_SECONDS }));
}

/** The note set for this session, if any; clears it so a reload does not show it again. */
export function takeFlash(r: BoardRequest, session: StaffSession): FlashNote | null {
  const value = readCookies(r.req).get(FLASH_COOKIE);
  if (value === undefined) return null;
  r.res.appendHeader('Set-Cookie', boardCookie(FLASH_COOKIE, '', { secure: isSecureBase(r.ctx.config.http.publicBaseUrl), maxAgeSeconds: 0 }));
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const want = Buffer.from(sign(r.ctx.config.secret, session, payload));
  const got = Buffer.from(value.slice(dot + 1));
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    return asNote(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

/** Signed, so it is ours; still checked field by field, as anything read back from a client. */
function asNote(v: unknown): FlashNote | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  if (o.kind === 'done' && typeof o.action === 'string') {
    const ticket = str('ticket');
    return { kind: 'done', action: o.action as DoneAction, ...(ticket ? { ticket } : {}), ...(typeof o.id === 'number' ? { id: o.id } : {}) };
  }
  if (o.kind === 'refused' && str('code') && str('message') !== undefined) return { kind: 'refused', code: str('code')!, message: str('message')! };
  if (o.kind === 'form' && str('field') && str('problem')) {
    const value = str('value');
    return { kind: 'form', field: str('field')!, problem: o.problem as FormProblemKind, ...(value ? { value } : {}) };
  }
  return null;
}

/** The note in the page's language. */
export function flashOf(c: BoardCopy, note: FlashNote): Flash | null {
  switch (note.kind) {
    case 'done': {
      const text = c.done[note.action];
      return text === undefined ? null : { tone: 'ok', html: fill(text, { ticket: note.ticket ?? '', id: String(note.id ?? '') }) };
    }
    case 'refused': {
      // A lost race is said in the staff member's words first: nothing was applied, reload.
      const lead = note.code === 'PD_TICKET_CHANGED' ? `<strong>${esc(c.refusal.changed)}</strong> ` : `${esc(c.refusal.notDone)} `;
      return { tone: 'error', html: `${lead}${esc(note.message)} <code>${esc(note.code)}</code>` };
    }
    case 'form': {
      const words = c.formProblem[note.problem];
      if (words === undefined) return null;
      const field = c.fields[note.field as keyof BoardCopy['fields']] ?? note.field;
      return { tone: 'error', html: `${esc(c.formProblem.intro)} ${fill(words, { field, value: note.value ?? '' })}` };
    }
  }
}
