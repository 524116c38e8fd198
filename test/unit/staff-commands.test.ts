import { describe, expect, it } from 'vitest';
import { parseStaffReply } from '../../src/tickets/commands.js';
import { planReply } from '../../src/tickets/reply-plan.js';

const commandsOf = (text: string) => {
  const r = parseStaffReply(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
};

describe('staff reply commands', () => {
  it('reads commands one per line at the start, and the rest of the reply as text', () => {
    const r = commandsOf('#extend 5 we need the archive team\n#rights access, erasure\n\nDear Aigerim,\nwe are on it.\n#close');
    expect(r.commands).toEqual([
      { kind: 'extend', days: 5, reason: 'we need the archive team' },
      { kind: 'rights', rights: ['access', 'erasure'] },
    ]);
    expect(r.text).toBe('Dear Aigerim,\nwe are on it.\n#close');
  });

  it('accepts the Russian aliases and any case', () => {
    const r = commandsOf('#Закрыть Данные удалены\n#заметка звонили\n#продлить 3 ждём архив\n#отклонить нет оснований\n#права access\n#назначить Lena@Example.com');
    expect(r.commands.map((c) => c.kind)).toEqual(['close', 'note', 'extend', 'reject', 'rights', 'assign']);
    expect(r.commands[5]).toEqual({ kind: 'assign', address: 'lena@example.com' });
  });

  it('reports every malformed or unknown command at once and applies none', () => {
    const r = parseStaffReply('#extend five days\n#rights access,teleport\n#frobnicate\n#assign nobody\n#reject\n#status now\n#\nText');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.problems[1]!.problem).toContain('"teleport"');
    expect(r.problems[2]!.problem).toContain('unknown command #frobnicate');
  });

  it('a reply with no command is all text, and an empty reply is no commands and no text', () => {
    expect(commandsOf('Hello,\n#1 thing first')).toEqual({ ok: true, commands: [], text: 'Hello,\n#1 thing first' });
    expect(commandsOf('\n  \n')).toEqual({ ok: true, commands: [], text: '' });
  });
});

describe('what a staff reply amounts to', () => {
  const plan = (text: string) => {
    const r = commandsOf(text);
    return planReply(r.commands, r.text);
  };

  it('plain text is relayed as an answer', () => {
    expect(plan('Your data is attached.')).toEqual({
      ok: true,
      plan: { commands: [], relay: { text: 'Your data is attached.', asks: false }, note: null, closingAnswer: null },
    });
  });

  it('#note keeps the whole reply internal', () => {
    const r = plan('#note called her\nShe will send the scan tomorrow.');
    expect(r.ok && r.plan.relay).toBe(null);
    expect(r.ok && r.plan.note).toBe('called her\n\nShe will send the scan tomorrow.');
  });

  it('#close takes its own text and the reply text as the answer; nothing is relayed besides', () => {
    const own = plan('#close All data deleted.\nThe backups follow within 30 days.');
    expect(own.ok && own.plan.closingAnswer).toBe('All data deleted.\n\nThe backups follow within 30 days.');
    expect(plan('#close').ok && (plan('#close') as { plan: { closingAnswer: unknown } }).plan.closingAnswer).toBe(null);
    const body = plan('#close\nAll data deleted on 3 March.');
    expect(body.ok && body.plan.closingAnswer).toBe('All data deleted on 3 March.');
    expect(body.ok && body.plan.relay).toBe(null);
  });

  it('#wait relays the question and marks it as one', () => {
    const r = plan('#wait\nWhich account do you mean?');
    expect(r.ok && r.plan.relay).toEqual({ text: 'Which account do you mean?', asks: true });
  });

  it('refuses contradictions and empty replies with a reason', () => {
    expect(plan('#close\n#extend 2 more time').ok).toBe(false);
    expect(plan('#close done\n#reject no').ok).toBe(false);
    expect(plan('#wait what?\n#close done').ok).toBe(false);
    const empty = plan('');
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.problem).toContain('nothing was left');
    expect(plan('#wait').ok).toBe(false);
  });

  it('commands alone, without text, are fine', () => {
    expect(plan('#rights access\n#assign a@example.com')).toMatchObject({ ok: true, plan: { relay: null } });
    expect(plan('#status')).toMatchObject({ ok: true, plan: { relay: null } });
  });
});
