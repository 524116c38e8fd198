import { describe, expect, it } from 'vitest';
import { detectAuto, type AutoKind } from '../../src/mail/auto-reply.js';

const OWN = ['help@mexrontal.com'] as const;

interface Case {
  headers?: Record<string, string | string[]>;
  from?: string | null;
  contentType?: string | null;
  ownAddresses?: readonly string[];
}

function run(c: Case): { kind: AutoKind; signal: string | null } {
  const headers = new Map<string, string | string[]>(Object.entries(c.headers ?? {}));
  return detectAuto({
    headers,
    from: c.from === undefined ? 'jane.roe@example.com' : c.from,
    contentType: c.contentType === undefined ? 'text/plain; charset=utf-8' : c.contentType,
    ownAddresses: c.ownAddresses ?? OWN,
  });
}

// Headers an ordinary person's mail carries; none of them is an automatic-mail signal.
const ordinary: Record<string, string | string[]> = {
  from: 'Jane Roe <jane.roe@example.com>',
  to: 'help@mexrontal.com',
  subject: 'Запрос на управление данными',
  'message-id': '<a1@mail.example.com>',
  'mime-version': '1.0',
  'return-path': '<jane.roe@example.com>',
  received: ['from mail.example.com by mx.mexrontal.com', 'from [192.0.2.1] by mail.example.com'],
};

describe('detectAuto: ordinary mail', () => {
  it('reports none, with no signal, for a person\'s mail', () => {
    expect(run({ headers: ordinary })).toEqual({ kind: 'none', signal: null });
  });

  it('reports none when Auto-Submitted is "no" (RFC 3834: written by a person)', () => {
    expect(run({ headers: { ...ordinary, 'auto-submitted': 'no' } }).kind).toBe('none');
  });

  it('reports none for Auto-Submitted "No" in another case, with a comment', () => {
    expect(run({ headers: { ...ordinary, 'auto-submitted': 'No (sent by a person)' } }).kind).toBe('none');
  });

  it('reports none for Precedence values other than bulk, junk, list, auto_reply', () => {
    expect(run({ headers: { ...ordinary, precedence: 'normal' } }).kind).toBe('none');
    expect(run({ headers: { ...ordinary, precedence: 'first-class' } }).kind).toBe('none');
  });

  it('reports none when there are no headers at all', () => {
    expect(run({ headers: {}, from: null, contentType: null }).kind).toBe('none');
  });

  it('reports none for a sender whose local part merely contains the word postmaster', () => {
    expect(run({ from: 'anna.postmasterova@example.com' }).kind).toBe('none');
  });

  it('reports none for a multipart/mixed or multipart/alternative message', () => {
    expect(run({ contentType: 'multipart/mixed; boundary="x"' }).kind).toBe('none');
    expect(run({ contentType: 'multipart/alternative; boundary="y"' }).kind).toBe('none');
  });
});

describe('detectAuto: automatic replies', () => {
  it.each<[string, Record<string, string | string[]>]>([
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated', { 'auto-submitted': 'auto-generated' }],
    ['Auto-Submitted: auto-notified', { 'auto-submitted': 'auto-notified' }],
    ['Auto-Submitted in upper case', { 'auto-submitted': 'Auto-Replied' }],
    ['Auto-Submitted with a parameter', { 'auto-submitted': 'auto-replied; owner-email="jane.roe@example.com"' }],
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['Precedence: junk', { precedence: 'junk' }],
    ['Precedence: list', { precedence: 'list' }],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }],
    ['Precedence: BULK in upper case', { precedence: 'BULK' }],
    ['X-Autoreply', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'Thank you for your message' }],
    ['X-Auto-Response-Suppress', { 'x-auto-response-suppress': 'All' }],
    ['List-Unsubscribe', { 'list-unsubscribe': '<mailto:unsubscribe@example.org>, <https://example.org/u/1>' }],
    ['empty Return-Path', { 'return-path': '<>' }],
  ])('recognises %s as auto_reply', (_label, extra) => {
    const verdict = run({ headers: { ...ordinary, ...extra } });
    expect(verdict.kind).toBe('auto_reply');
    expect(verdict.signal).toEqual(expect.any(String));
  });

  it('recognises Precedence given twice (array value) when one of them is bulk', () => {
    expect(run({ headers: { ...ordinary, precedence: ['normal', 'bulk'] } }).kind).toBe('auto_reply');
  });

  it('recognises an empty Return-Path written with spaces', () => {
    expect(run({ headers: { ...ordinary, 'return-path': ' <> ' } }).kind).toBe('auto_reply');
  });

  it('names the header that decided in the signal', () => {
    expect(run({ headers: { ...ordinary, 'x-autoreply': 'yes' } }).signal?.toLowerCase()).toContain('x-autoreply');
    expect(run({ headers: { ...ordinary, precedence: 'list' } }).signal?.toLowerCase()).toContain('precedence');
  });
});

describe('detectAuto: bounces', () => {
  it.each<[string, Case]>([
    ['From MAILER-DAEMON', { from: 'MAILER-DAEMON@mx.example.net' }],
    ['From mailer-daemon in lower case', { from: 'mailer-daemon@example.com' }],
    ['From postmaster', { from: 'postmaster@example.org' }],
    ['From Postmaster in mixed case', { from: 'Postmaster@example.org' }],
    ['multipart/report delivery-status', { contentType: 'multipart/report; report-type=delivery-status; boundary="b1"' }],
    ['bare multipart/report', { contentType: 'multipart/report' }],
    ['Multipart/Report in mixed case', { contentType: 'Multipart/Report; report-type="delivery-status"' }],
  ])('recognises %s as bounce', (_label, c) => {
    const verdict = run({ headers: ordinary, ...c });
    expect(verdict.kind).toBe('bounce');
    expect(verdict.signal).toEqual(expect.any(String));
  });

  it('calls a MAILER-DAEMON DSN with an empty Return-Path and Auto-Submitted a bounce, not an auto-reply', () => {
    const verdict = run({
      headers: { ...ordinary, 'return-path': '<>', 'auto-submitted': 'auto-replied' },
      from: 'MAILER-DAEMON@mx.example.net',
      contentType: 'multipart/report; report-type=delivery-status; boundary="b"',
    });
    expect(verdict.kind).toBe('bounce');
  });
});

describe('detectAuto: loops (our own mail coming back)', () => {
  it('recognises our support address as sender', () => {
    expect(run({ headers: ordinary, from: 'help@mexrontal.com' }).kind).toBe('loop');
  });

  it('compares our address without regard to case', () => {
    expect(run({ headers: ordinary, from: 'Help@Mexrontal.COM' }).kind).toBe('loop');
    expect(run({ headers: ordinary, from: 'help@mexrontal.com', ownAddresses: ['HELP@MEXRONTAL.COM'] }).kind).toBe('loop');
  });

  it('calls our own auto-submitted mail a loop rather than an auto-reply', () => {
    const verdict = run({ headers: { ...ordinary, 'auto-submitted': 'auto-replied', 'x-auto-response-suppress': 'All' }, from: 'help@mexrontal.com' });
    expect(verdict.kind).toBe('loop');
  });

  it('honours every configured own address', () => {
    expect(run({ headers: ordinary, from: 'noreply@mexrontal.com', ownAddresses: ['help@mexrontal.com', 'noreply@mexrontal.com'] }).kind).toBe('loop');
  });

  it('does not treat another address at our domain (a staff member) as a loop', () => {
    expect(run({ headers: ordinary, from: 'privacy@mexrontal.com' }).kind).toBe('none');
  });

  it('does not treat a look-alike address as ours', () => {
    expect(run({ headers: ordinary, from: 'help@mexrontal.com.example.net' }).kind).toBe('none');
    expect(run({ headers: ordinary, from: 'xhelp@mexrontal.com' }).kind).toBe('none');
  });

  it('reports none when no own address is configured and the sender is a person', () => {
    expect(run({ headers: ordinary, from: 'help@mexrontal.com', ownAddresses: [] }).kind).toBe('none');
  });
});
