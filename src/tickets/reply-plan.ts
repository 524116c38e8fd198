import type { StaffCommand } from './commands.js';

// What a staff reply amounts to, decided before anything is touched: the commands in order, and
// what (if anything) the requester reads. Pure, so the rules below are tested without a database.
//  - `#note` makes the whole reply internal: nothing is relayed (an internal remark that leaked to
//    the requester is worse than an answer that staff have to send again).
//  - `#close` / `#reject` carry the answer in their own mail: the command's text and the reply's
//    text go there (both, in that order), not in a relay.
//  - `#wait` relays its question (its own text, else the reply's text) and sets the ticket waiting.
//  - otherwise the text is relayed as an answer; a reply with no command and no text is an error.

export interface ReplyPlan {
  commands: StaffCommand[];
  /** Text relayed to the requester in the staff_reply_relay mail, or null. */
  relay: { text: string; asks: boolean } | null;
  /** Text kept as an internal note (from `#note` lines and, with `#note`, the reply's text). */
  note: string | null;
  /** The answer that goes into the closing mail with `#close`. */
  closingAnswer: string | null;
}

export type PlanResult = { ok: true; plan: ReplyPlan } | { ok: false; problem: string };

export function planReply(commands: readonly StaffCommand[], text: string): PlanResult {
  const body = text.trim() === '' ? null : text.trim();
  const has = (kind: StaffCommand['kind']) => commands.some((c) => c.kind === kind);
  const finals = commands.filter((c) => c.kind === 'close' || c.kind === 'reject');
  if (finals.length > 1) return { ok: false, problem: 'use one of #close or #reject, once' };
  if (finals.length === 1 && commands[commands.length - 1] !== finals[0]) {
    return { ok: false, problem: `#${finals[0]!.kind} must be the last command: nothing can change a finished ticket` };
  }
  if (finals.length === 1 && has('wait')) return { ok: false, problem: `#wait and #${finals[0]!.kind} contradict each other` };
  if (commands.length === 0 && body === null) {
    return { ok: false, problem: 'nothing was left to send after the quoted mail and the signature were removed' };
  }

  const notes = commands.flatMap((c) => (c.kind === 'note' && c.text ? [c.text] : []));
  if (has('note')) {
    const note = [...notes, ...(body ? [body] : [])].join('\n\n');
    if (note === '') return { ok: false, problem: '#note needs the note: after the command, or as the reply text' };
    return { ok: true, plan: { commands: [...commands], relay: null, note, closingAnswer: null } };
  }

  const close = commands.find((c) => c.kind === 'close');
  if (close?.kind === 'close') {
    const answer = [close.text, body].filter((t): t is string => t !== null).join('\n\n');
    return { ok: true, plan: { commands: [...commands], relay: null, note: null, closingAnswer: answer === '' ? null : answer } };
  }
  if (has('reject')) return { ok: true, plan: { commands: [...commands], relay: null, note: null, closingAnswer: null } };

  const wait = commands.find((c) => c.kind === 'wait');
  if (wait?.kind === 'wait') {
    const question = [wait.text, body].filter((t): t is string => t !== null).join('\n\n');
    if (question === '') return { ok: false, problem: '#wait needs the question for the requester: after the command, or as the reply text' };
    return { ok: true, plan: { commands: [...commands], relay: { text: question, asks: true }, note: null, closingAnswer: null } };
  }
  return { ok: true, plan: { commands: [...commands], relay: body ? { text: body, asks: false } : null, note: null, closingAnswer: null } };
}
