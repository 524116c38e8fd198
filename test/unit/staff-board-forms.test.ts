import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain.js';
import { parseTicketForm } from '../../src/web/staff/action-forms.js';
import { BOARD_COPY } from '../../src/web/staff/copy.js';
import { flashOf, type DoneAction, type FormProblemKind } from '../../src/web/staff/flash.js';

// The board's ticket forms read strictly, and every note a POST can leave worded in each language.

const AT = '2026-03-02T05:00:00.123Z';
const form = (fields: Array<[string, string]>) => new URLSearchParams([['csrf', 'x'], ['updated_at', AT], ...fields]);

describe('ticket forms', () => {
  it('reads each action', () => {
    expect(parseTicketForm('rights', form([['rights', 'Erasure, access']]))).toEqual({ ok: true, expectedUpdatedAt: AT, action: { kind: 'rights', rights: ['access', 'erasure'] } });
    expect(parseTicketForm('rights', form([['rights', 'access'], ['rights', 'portability']]))).toMatchObject({ ok: true, action: { rights: ['access', 'portability'] } });
    expect(parseTicketForm('assign', form([['address', ' olga@mexrontal.com ']]))).toMatchObject({ ok: true, action: { kind: 'assign', address: 'olga@mexrontal.com' } });
    expect(parseTicketForm('extend', form([['days', '5'], ['reason', 'archive on tape']]))).toMatchObject({ ok: true, action: { kind: 'extend', days: 5, reason: 'archive on tape' } });
    expect(parseTicketForm('close', form([['text', '  ']]))).toMatchObject({ ok: true, action: { kind: 'close', text: null } });
    expect(parseTicketForm('close', form([]))).toMatchObject({ ok: true, action: { kind: 'close', text: null } });
    expect(parseTicketForm('reply', form([['text', 'Hello']]))).toMatchObject({ ok: true, action: { kind: 'reply', text: 'Hello' } });
    expect(parseTicketForm('reject', form([['reason', 'not ours']]))).toMatchObject({ ok: true, action: { kind: 'reject', reason: 'not ours' } });
  });

  it.each([
    ['extend', [['days', '5.5'], ['reason', 'r']], { field: 'days', problem: 'not_integer' }],
    ['extend', [['days', '-1'], ['reason', 'r']], { field: 'days', problem: 'not_integer' }],
    ['extend', [['days', '1e3'], ['reason', 'r']], { field: 'days', problem: 'not_integer' }],
    ['extend', [['days', '5']], { field: 'reason', problem: 'missing' }],
    ['rights', [['rights', 'access, everything']], { field: 'rights', problem: 'unknown_rights', value: 'everything' }],
    ['rights', [['rights', ' , ']], { field: 'rights', problem: 'missing' }],
    ['note', [['text', 'a'], ['text', 'b']], { field: 'text', problem: 'repeated' }],
    ['note', [['text', '   ']], { field: 'text', problem: 'missing' }],
    ['reply', [['text', 'x'.repeat(64 * 1024 + 1)]], { field: 'text', problem: 'too_long' }],
  ] as const)('%s with %j is a problem, not an action', (action, fields, problem) => {
    expect(parseTicketForm(action, form(fields.map(([k, v]) => [k, v])))).toMatchObject({ ok: false, problem });
  });

  it('needs the page time exactly as the page writes it, once', () => {
    const without = new URLSearchParams([['text', 'x']]);
    expect(parseTicketForm('note', without)).toEqual({ ok: false, problem: { field: 'updated_at', problem: 'stale_form' } });
    expect(parseTicketForm('note', new URLSearchParams([['updated_at', 'yesterday'], ['text', 'x']]))).toMatchObject({ ok: false });
    expect(parseTicketForm('note', new URLSearchParams([['updated_at', AT], ['updated_at', AT], ['text', 'x']]))).toMatchObject({ ok: false });
  });
});

describe('flash notes', () => {
  const done: DoneAction[] = ['rights', 'assign', 'note', 'extend', 'reply', 'wait', 'close', 'reject', 'open', 'dismiss'];
  const problems: FormProblemKind[] = ['missing', 'repeated', 'not_integer', 'unknown_rights', 'too_long', 'stale_form'];

  it.each(LANGUAGES)('in %s: every note has words, values escaped', (lang) => {
    const c = BOARD_COPY[lang];
    for (const action of done) {
      const f = flashOf(c, { kind: 'done', action, ticket: 'DSR-2026-000007', id: 12 })!;
      expect(f.tone).toBe('ok');
      expect(f.html).toMatch(/DSR-2026-000007|12/);
    }
    for (const problem of problems) {
      const f = flashOf(c, { kind: 'form', field: 'days', problem, value: '<img src=x>' })!;
      expect(f.tone).toBe('error');
      expect(f.html).not.toContain('<img');
    }
    const changed = flashOf(c, { kind: 'refused', code: 'PD_TICKET_CHANGED', message: '<script>x</script>' })!;
    expect(changed.html).toContain(c.refusal.changed);
    expect(changed.html).toContain('&lt;script&gt;');
  });
});
