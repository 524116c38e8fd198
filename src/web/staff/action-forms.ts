import { RIGHTS, type Right } from '../../domain.js';
import type { BoardAction } from '../../tickets/board-action.js';
import type { FormProblemKind } from './flash.js';

// Pure: a ticket form's fields as the board action it asks for. Strict, because a form can be
// posted by hand: each field once, days a whole number, rights only known names (a comma list from
// the text field or one value per checkbox), the texts not blank, and the page time in the exact
// form the page writes. A form that is not right is a problem naming the field, never a fault.

export const TICKET_ACTIONS = ['rights', 'assign', 'note', 'extend', 'reply', 'wait', 'close', 'reject'] as const;
export type TicketActionName = (typeof TICKET_ACTIONS)[number];

export function isTicketAction(value: string): value is TicketActionName {
  return (TICKET_ACTIONS as readonly string[]).includes(value);
}

export interface FormProblem {
  field: string;
  problem: FormProblemKind;
  value?: string;
}

export type ParsedTicketForm = { ok: true; action: BoardAction; expectedUpdatedAt: string } | { ok: false; problem: FormProblem };

/** What the page writes: Date#toISOString, milliseconds and Z. */
const PAGE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WHOLE_DAYS = /^\d{1,3}$/;
/** The form limit is 256 KB; a text past this is refused by name rather than cut. */
const MAX_TEXT = 64 * 1024;
const MAX_ADDRESS = 320;

class Problem extends Error {
  constructor(readonly problem: FormProblem) {
    super(`${problem.field}: ${problem.problem}`);
  }
}

function one(form: URLSearchParams, field: string, opts: { optional?: boolean; max?: number } = {}): string | null {
  const all = form.getAll(field);
  if (all.length > 1) throw new Problem({ field, problem: 'repeated' });
  const value = (all[0] ?? '').trim();
  if (value === '') {
    if (opts.optional) return null;
    throw new Problem({ field, problem: 'missing' });
  }
  if (value.length > (opts.max ?? MAX_TEXT)) throw new Problem({ field, problem: 'too_long' });
  return value;
}

const text = (form: URLSearchParams, field: string): string => one(form, field)!;

function rights(form: URLSearchParams): Right[] {
  const names = form
    .getAll('rights')
    .flatMap((v) => v.split(/[\s,;]+/))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
  if (names.length === 0) throw new Problem({ field: 'rights', problem: 'missing' });
  const unknown = names.filter((n) => !(RIGHTS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Problem({ field: 'rights', problem: 'unknown_rights', value: [...new Set(unknown)].join(', ').slice(0, 100) });
  return RIGHTS.filter((r) => names.includes(r));
}

function days(form: URLSearchParams): number {
  const value = one(form, 'days', { max: 10 })!;
  if (!WHOLE_DAYS.test(value)) throw new Problem({ field: 'days', problem: 'not_integer', value: value.slice(0, 10) });
  return Number(value);
}

function actionOf(name: TicketActionName, form: URLSearchParams): BoardAction {
  switch (name) {
    case 'rights':
      return { kind: 'rights', rights: rights(form) };
    case 'assign':
      return { kind: 'assign', address: one(form, 'address', { max: MAX_ADDRESS })! };
    case 'note':
      return { kind: 'note', text: text(form, 'text') };
    case 'extend':
      return { kind: 'extend', days: days(form), reason: text(form, 'reason') };
    case 'reply':
      return { kind: 'reply', text: text(form, 'text') };
    case 'wait':
      return { kind: 'wait', text: text(form, 'text') };
    case 'close':
      return { kind: 'close', text: one(form, 'text', { optional: true }) };
    case 'reject':
      return { kind: 'reject', reason: text(form, 'reason') };
  }
}

export function parseTicketForm(name: TicketActionName, form: URLSearchParams): ParsedTicketForm {
  try {
    const times = form.getAll('updated_at');
    if (times.length !== 1 || !PAGE_TIME.test(times[0]!) || Number.isNaN(Date.parse(times[0]!))) {
      throw new Problem({ field: 'updated_at', problem: 'stale_form' });
    }
    return { ok: true, action: actionOf(name, form), expectedUpdatedAt: times[0]! };
  } catch (err) {
    if (err instanceof Problem) return { ok: false, problem: err.problem };
    throw err;
  }
}
