import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { boardCommands, type BoardAction } from '../../src/tickets/board-action.js';
import { planReply } from '../../src/tickets/reply-plan.js';
import { bumpedAt } from '../../src/tickets/ticket.js';

// Each board form is the mail command of the same name: the same commands and text, the same plan.

const planOf = (action: BoardAction) => {
  const { commands, text } = boardCommands(action);
  const r = planReply(commands, text);
  if (!r.ok) throw new Error(r.problem);
  return r.plan;
};

const codeOf = (action: BoardAction): string | null => {
  try {
    boardCommands(action);
    return null;
  } catch (err) {
    return isAppError(err) ? `${err.code}: ${err.detail}` : String(err);
  }
};

describe('board actions as staff commands', () => {
  it('maps every form onto the command of the same name and its plan', () => {
    expect(planOf({ kind: 'rights', rights: ['erasure', 'access'] })).toEqual({ commands: [{ kind: 'rights', rights: ['access', 'erasure'] }], relay: null, note: null, closingAnswer: null });
    expect(planOf({ kind: 'assign', address: ' <Olga@Staff.Example.com> ' }).commands).toEqual([{ kind: 'assign', address: 'olga@staff.example.com' }]);
    expect(planOf({ kind: 'note', text: ' called the requester ' })).toMatchObject({ relay: null, note: 'called the requester' });
    expect(planOf({ kind: 'extend', days: 5, reason: ' archive ' }).commands).toEqual([{ kind: 'extend', days: 5, reason: 'archive' }]);
    expect(planOf({ kind: 'reply', text: 'Your export is attached.' })).toMatchObject({ commands: [], relay: { text: 'Your export is attached.', asks: false } });
    expect(planOf({ kind: 'wait', text: 'Which account?' })).toMatchObject({ relay: { text: 'Which account?', asks: true } });
    expect(planOf({ kind: 'close', text: 'Deleted.' })).toMatchObject({ relay: null, closingAnswer: 'Deleted.' });
    expect(planOf({ kind: 'close', text: null })).toMatchObject({ relay: null, closingAnswer: null });
    expect(planOf({ kind: 'close', text: '  ' })).toMatchObject({ closingAnswer: null });
    expect(planOf({ kind: 'reject', reason: 'Not our customer.' }).commands).toEqual([{ kind: 'reject', reason: 'Not our customer.' }]);
  });

  it('refuses empty texts, bad addresses and no rights with PD_STAFF_ACTION_INVALID, saying what to write', () => {
    expect(codeOf({ kind: 'note', text: ' ' })).toMatch(/^PD_STAFF_ACTION_INVALID: the note is empty/);
    expect(codeOf({ kind: 'reply', text: '' })).toMatch(/^PD_STAFF_ACTION_INVALID: the answer to the requester is empty/);
    expect(codeOf({ kind: 'wait', text: '\n' })).toMatch(/question/);
    expect(codeOf({ kind: 'reject', reason: '' })).toMatch(/reason/);
    expect(codeOf({ kind: 'assign', address: 'olga' })).toMatch(/^PD_STAFF_ACTION_INVALID: "olga" is not one email address/);
    expect(codeOf({ kind: 'rights', rights: [] })).toMatch(/choose at least one/);
    expect(codeOf({ kind: 'reply', text: 'x'.repeat(70_000) })).toMatch(/longer than/);
    // Days and reason of an extension are extendTicket's to check, as for #extend.
    expect(codeOf({ kind: 'extend', days: 0, reason: '' })).toBeNull();
  });
});

describe('bumpedAt', () => {
  it('is now, or one millisecond past the last change when the clock has not moved on', () => {
    const last = new Date('2026-03-02T10:00:00.123Z');
    expect(bumpedAt(last, new Date('2026-03-02T10:00:01.000Z')).toISOString()).toBe('2026-03-02T10:00:01.000Z');
    expect(bumpedAt(last, last).toISOString()).toBe('2026-03-02T10:00:00.124Z');
    expect(bumpedAt(last, new Date('2026-03-02T09:00:00.000Z')).toISOString()).toBe('2026-03-02T10:00:00.124Z');
  });
});
