import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_SUBJECTS } from '../../src/config.js';
import type { AutoVerdict } from '../../src/mail/auto-reply.js';
import type { ParsedMail } from '../../src/mail/parse.js';
import { isStaffAddress, routeMessage, type RouteFacts, type TicketRef } from '../../src/mail/route.js';
import { ourAddresses } from '../../src/mail/sender.js';

const OURS = ourAddresses({ supportAddress: 'help@mexrontal.com', staffAddresses: ['privacy@mexrontal.com', '@staff.example.com'] });
const none: AutoVerdict = { kind: 'none', signal: null };
const ticket: TicketRef = { id: 7, number: 'DSR-2026-000007', requesterEmail: 'dana@example.com' };

function mail(over: Partial<ParsedMail> = {}): ParsedMail {
  const m: ParsedMail = {
    messageId: '<m1@example.com>', derivedMessageId: false, from: { address: 'dana@example.com', name: 'Dana' },
    fromMailboxes: [], senderAddresses: [], replyTo: null,
    to: ['help@mexrontal.com'], subject: 'Запрос на управление данными', text: 'Удалите мои данные', html: false, date: null,
    inReplyTo: null, references: [], headers: new Map(), contentType: 'text/plain', attachments: 0, files: [], ...over,
  };
  return { ...m, fromMailboxes: over.fromMailboxes ?? (m.from ? [m.from] : []) };
}
function facts(over: Partial<RouteFacts> = {}): RouteFacts {
  return { referenced: null, tagged: null, senderIsStaff: false, senderAuthFailed: false, ourAddresses: OURS, requestSubjects: DEFAULT_REQUEST_SUBJECTS, ...over };
}

describe('routeMessage', () => {
  it('forceRequest (staff opening a quarantined message) opens a request whatever the subject, author checks or machine signals, but never without a sender', () => {
    const two = mail({ subject: 'hello', fromMailboxes: [{ address: 'dana@example.com', name: null }, { address: 'mallory@example.net', name: null }] });
    const auto: AutoVerdict = { kind: 'auto_reply', signal: 'auto-submitted:auto-replied' };
    expect(routeMessage(two, auto, facts({ forceRequest: true, referenced: ticket }))).toEqual({ kind: 'new_request' });
    expect(routeMessage(mail({ subject: 'hi' }), none, facts({ forceRequest: true, senderIsStaff: true }))).toEqual({ kind: 'new_request' });
    expect(routeMessage(mail({ from: null }), none, facts({ forceRequest: true }))).toMatchObject({ kind: 'quarantine', code: 'PD_MSG_NO_SENDER' });
  });

  it('quarantines mail without a usable sender before anything else', () => {
    expect(routeMessage(mail({ from: null }), none, facts({ referenced: ticket }))).toMatchObject({ kind: 'quarantine', code: 'PD_MSG_NO_SENDER' });
  });

  it('quarantines several authors without a Sender, and a display name posing as ours, before auto mail and threads', () => {
    const two = mail({ fromMailboxes: [{ address: 'dana@example.com', name: null }, { address: 'mallory@example.net', name: null }] });
    const auto: AutoVerdict = { kind: 'auto_reply', signal: 'auto-submitted:auto-replied' };
    expect(routeMessage(two, auto, facts({ referenced: ticket }))).toMatchObject({ kind: 'quarantine', code: 'PD_MSG_AMBIGUOUS_SENDER' });
    const spoof = mail({ from: { address: 'someone@example.net', name: 'help@mexrontal.com' } });
    expect(routeMessage(spoof, auto, facts({ referenced: ticket }))).toMatchObject({ kind: 'quarantine', code: 'PD_MSG_SPOOFED_NAME' });
    const staffName = mail({ from: { address: 'someone@example.net', name: 'lawyer@staff.example.com' } });
    expect(routeMessage(staffName, none, facts())).toMatchObject({ kind: 'quarantine', code: 'PD_MSG_SPOOFED_NAME' });
  });

  it('opens the request for the author a single Sender names among several', () => {
    const m = mail({ fromMailboxes: [{ address: 'dana@example.com', name: null }, { address: 'marat@example.org', name: null }], senderAddresses: ['dana@example.com'] });
    expect(routeMessage(m, none, facts())).toEqual({ kind: 'new_request' });
  });

  it('records machine mail as auto even under the request subject, linked to the ticket it names', () => {
    const auto: AutoVerdict = { kind: 'auto_reply', signal: 'auto-submitted:auto-replied' };
    expect(routeMessage(mail(), auto, facts())).toEqual({ kind: 'auto', auto, ticket: null });
    expect(routeMessage(mail(), auto, facts({ referenced: ticket }))).toMatchObject({ kind: 'auto', ticket });
  });

  it('threads a reply found through References even when its subject is the request subject', () => {
    expect(routeMessage(mail(), none, facts({ referenced: ticket }))).toMatchObject({ kind: 'thread', via: 'references', actor: 'requester' });
  });

  it('names the actor of a threaded message: requester, staff or someone else', () => {
    expect(routeMessage(mail({ from: { address: 'p@mexrontal.com', name: null } }), none, facts({ referenced: ticket, senderIsStaff: true }))).toMatchObject({ actor: 'staff' });
    expect(routeMessage(mail({ from: { address: 'lawyer@example.org', name: null } }), none, facts({ referenced: ticket }))).toMatchObject({ actor: 'other' });
  });

  it('a staff address that failed authentication at our server is forged staff, by References or by tag', () => {
    const privacy = mail({ from: { address: 'privacy@mexrontal.com', name: null }, subject: '[DSR-2026-000007] Re: x' });
    expect(routeMessage(privacy, none, facts({ referenced: ticket, senderIsStaff: true, senderAuthFailed: true }))).toMatchObject({ kind: 'thread', actor: 'forged_staff' });
    expect(routeMessage(privacy, none, facts({ tagged: ticket, senderIsStaff: true, senderAuthFailed: true }))).toMatchObject({ kind: 'thread', actor: 'forged_staff', via: 'subject-tag' });
  });

  it('accepts a subject tag only from the requester or staff', () => {
    const tagged = facts({ tagged: ticket });
    expect(routeMessage(mail({ subject: '[DSR-2026-000007] Re: x' }), none, tagged)).toMatchObject({ kind: 'thread', via: 'subject-tag' });
    const stranger = mail({ subject: '[DSR-2026-000007] Re: x', from: { address: 'mallory@example.net', name: null } });
    expect(routeMessage(stranger, none, tagged)).toEqual({ kind: 'ignore', reason: 'tag-from-stranger' });
  });

  it('lets a stranger who copies a tag into a real request subject still open a request of their own', () => {
    const m = mail({ subject: 'Запрос на управление данными [DSR-2026-000007]', from: { address: 'new@example.net', name: null } });
    expect(routeMessage(m, none, facts({ tagged: ticket }))).toEqual({ kind: 'new_request' });
  });

  it('opens a request for the request subject and leaves everything else alone', () => {
    expect(routeMessage(mail(), none, facts())).toEqual({ kind: 'new_request' });
    expect(routeMessage(mail({ subject: 'Вопрос по оплате' }), none, facts())).toEqual({ kind: 'ignore', reason: 'not-a-request' });
    expect(routeMessage(mail({ subject: null }), none, facts())).toEqual({ kind: 'ignore', reason: 'not-a-request' });
  });

  it('does not open a ticket in the name of staff who send the request subject', () => {
    expect(routeMessage(mail(), none, facts({ senderIsStaff: true }))).toEqual({ kind: 'ignore', reason: 'staff-mail' });
  });
});

describe('isStaffAddress', () => {
  it('matches listed addresses exactly and @domain entries by suffix', () => {
    const staff = ['privacy@mexrontal.com', '@legal.example.com'];
    expect(isStaffAddress('Privacy@Mexrontal.com', staff)).toBe(true);
    expect(isStaffAddress('anna@legal.example.com', staff)).toBe(true);
    expect(isStaffAddress('anna@notlegal.example.com', staff)).toBe(false);
    expect(isStaffAddress('privacy@mexrontal.com.evil.example', staff)).toBe(false);
  });
});
