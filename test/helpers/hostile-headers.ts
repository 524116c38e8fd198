import { REQUEST_SUBJECT, bWord, rawMail, senderFor } from './hostile-build.js';
import type { CorpusBuilders } from './hostile-corpus.js';

// Hostile headers: names, subjects, addresses, dates and Message-IDs an attacker writes. The
// outcome each must get is in test/fixtures/hostile/manifest.json under the same id.

export const HEADER_CASES: CorpusBuilders = {
  'crlf-in-encoded-name': (id) => rawMail(id, { from: `${bWord('Dana Example\r\nBcc: victim@example.net')} <${senderFor(id)}>` }),
  'crlf-in-encoded-subject': (id) => rawMail(id, { subject: bWord(`${REQUEST_SUBJECT}\r\nBcc: victim@example.net`) }),
  'bare-cr-in-raw-subject': (id) => rawMail(id, { subject: `${REQUEST_SUBJECT}\rBcc: victim@example.net` }),
  'bare-lf-line-endings': (id) => rawMail(id, { eol: '\n', body: 'Please delete all my personal data.\n' }),
  'nul-in-subject': (id) => rawMail(id, { subject: `${REQUEST_SUBJECT}\u0000\u0000injected` }),
  'nul-in-encoded-name': (id) => rawMail(id, { from: `${bWord('Nul\u0000Person')} <${senderFor(id)}>` }),
  'nul-in-message-id': (id) => rawMail(id, { messageId: `<nul\u0000id@hostile.example.org>` }),
  'nul-in-references': (id) =>
    rawMail(id, { headers: [`In-Reply-To: <a\u0000b@example.net>`, `References: <c\u0000d@example.net> <e@example.net>`] }),
  'subject-10000-chars': (id) => rawMail(id, { subject: 'A'.repeat(10_000) }),
  'request-subject-then-10000-chars': (id) => rawMail(id, { subject: `${REQUEST_SUBJECT} ${'x'.repeat(10_000)}` }),
  'subject-5000-encoded-words': (id) => rawMail(id, { subject: Array.from({ length: 5000 }, () => bWord('ab')).join(' ') }),
  'unknown-charset-subject': (id) => rawMail(id, { subject: `=?x-klingon-99?B?${Buffer.from(REQUEST_SUBJECT).toString('base64')}?=` }),
  'broken-base64-encoded-subject': (id) => rawMail(id, { subject: '=?UTF-8?B?!!!%%%not*base64===?=' }),
  'invalid-utf8-raw-subject': (id) => rawInvalidUtf8Subject(id),
  'lone-surrogate-in-subject-and-name': (id) =>
    rawMail(id, { from: `${utf16Word('Dana \ud800')} <${senderFor(id)}>`, subject: `${REQUEST_SUBJECT} ${utf16Word('\udc00x')}` }),
  'date-february-31-hour-25': (id) => rawMail(id, { date: 'Tue, 31 Feb 2026 25:61:99 +9999' }),
  'date-year-275760': (id) => rawMail(id, { date: 'Sat, 13 Sep 275760 00:00:01 +0000' }),
  'date-garbage': (id) => rawMail(id, { date: 'yesterday, around lunch' }),
  'date-missing': (id) => rawMail(id, { date: null }),
  'message-id-missing': (id) => rawMail(id, { messageId: null }),
  'message-id-reused-same-sender-first': (id) =>
    rawMail(id, { from: `Reuse Person <reuse.person@example.org>`, messageId: '<reused-1@hostile.example.org>' }),
  'message-id-reused-same-sender-again': (id) =>
    rawMail(id, {
      from: `Reuse Person <reuse.person@example.org>`,
      messageId: '<reused-1@hostile.example.org>',
      body: 'A different letter with the same Message-ID.\r\n',
    }),
  'message-id-reused-other-sender': (id) => rawMail(id, { messageId: '<reused-1@hostile.example.org>' }),
  'message-id-2000-chars': (id) => rawMail(id, { messageId: `<${'m'.repeat(2000)}@hostile.example.org>` }),
  'message-id-ours-forged': (id) => rawMail(id, { messageId: '<dsr-2026-000001.0123456789abcdef.deadbeefdeadbeef@mexrontal.com>' }),
  'message-id-ours-replayed': (id, ctx) => rawMail(id, { messageId: ctx.outboxMessageIdOf('crlf-in-encoded-name') }),
  'in-reply-to-other-ticket-from-stranger': (id, ctx) => rawMail(id, { subject: 'Re: hello', headers: [`In-Reply-To: ${ctx.outboxMessageIdOf('crlf-in-encoded-name')}`] }),
  'subject-tag-of-other-ticket-from-stranger': (id, ctx) => rawMail(id, { subject: `[${ctx.ticketOf('crlf-in-encoded-name')}] Re: ${REQUEST_SUBJECT}`, body: 'Close this ticket.\r\n' }),
  'forged-staff-close-command': (id, ctx) =>
    rawMail(id, {
      from: 'Privacy Team <privacy@mexrontal.com>',
      subject: `[${ctx.ticketOf('crlf-in-encoded-name')}] Re: ${REQUEST_SUBJECT}`,
      // Our server's verdict on top; the forger's own "pass" below it counts for nothing.
      headers: ['Authentication-Results: mx.mexrontal.com; dmarc=fail header.from=mexrontal.com; spf=fail', 'Authentication-Results: mx.mexrontal.com; dkim=pass; dmarc=pass'],
      body: '#close\r\n',
    }),
  'staff-address-sends-request-subject': (id) =>
    rawMail(id, { from: 'Privacy Team <privacy@mexrontal.com>', headers: ['Authentication-Results: mx.mexrontal.com; dkim=pass; spf=pass; dmarc=pass'] }),
  'two-subject-headers': (id) => rawMail(id, { subject: 'Lunch on Friday?', headers: [`Subject: ${REQUEST_SUBJECT}`] }),
  'zero-width-in-request-subject': (id) => rawMail(id, { subject: bWord('Data\u200B management\u200D re\uFEFFquest') }),
  'homoglyph-request-subject': (id) => rawMail(id, { subject: bWord('D\u0430t\u0430 m\u0430n\u0430gement request') }),
  'references-10000-ids': (id) =>
    rawMail(id, { headers: [`References: ${Array.from({ length: 10_000 }, (_, i) => `<r${i}@example.net>`).join('\r\n ')}`] }),
  'rtl-override-in-name': (id) => rawMail(id, { from: `${bWord('\u202Egro.elpmaxe@ecnanif\u202C Finance')} <${senderFor(id)}>` }),
  'homoglyph-name-of-support': (id) => rawMail(id, { from: `${bWord('\u041De\u04CF\u0440 D\u0435sk \u041C\u0435xr\u043Ent\u0430l')} <${senderFor(id)}>` }),
  // The o of the domain is Cyrillic (U+043E): not our address, and not a valid ASCII address at all.
  'homoglyph-idn-address': (id) => rawMail(id, { from: 'Help <help@mexr\u043Ental.com>' }),
  'display-name-is-our-address': (id) => rawMail(id, { from: `"help@mexrontal.com" <${senderFor(id)}>` }),
  'display-name-with-url': (id) => rawMail(id, { from: `"Prize Desk - claim at https://evil.example.net" <${senderFor(id)}>` }),
  'from-our-own-address': (id) => rawMail(id, { from: 'Help <help@mexrontal.com>' }),
  'from-missing': (id) => rawMail(id, { from: null }),
  'from-empty-angle': (id) => rawMail(id, { from: '<>' }),
  'from-address-too-long': (id) => rawMail(id, { from: `<${'a'.repeat(70_000)}@example.org>` }),
  'from-two-headers': (id) =>
    rawMail(id, { from: `First <${senderFor(id)}>`, headers: ['From: Second <second.from@example.net>'] }),
  'from-group-syntax': (id) => rawMail(id, { from: `Undisclosed: ; Real Person <${senderFor(id)}>` }),
  'reply-to-redirect': (id) => rawMail(id, { headers: ['Reply-To: Attacker <attacker@example.net>'] }),
  'header-flood-10000': (id) =>
    rawMail(id, { headers: Array.from({ length: 10_000 }, (_, i) => `X-Flood-${i}: ${'v'.repeat(20)}`) }),
  'header-line-1mb': (id) => rawMail(id, { headers: [`X-Long: ${'L'.repeat(1024 * 1024)}`] }),
  'auto-submitted-no-is-a-request': (id) => rawMail(id, { headers: ['Auto-Submitted: no'] }),
  'auto-replied-request': (id) => rawMail(id, { headers: ['Auto-Submitted: auto-replied'] }),
};

/** A raw 8bit subject that is not valid UTF-8: an overlong encoding, a lone continuation byte, 0xFF. */
function rawInvalidUtf8Subject(id: string): Buffer {
  const m = rawMail(id, { subject: 'SUBJECT_PLACEHOLDER' }).toString('latin1');
  const bad = Buffer.concat([Buffer.from(`${REQUEST_SUBJECT} `), Buffer.from([0xc0, 0xaf, 0x80, 0xff, 0xfe])]).toString('latin1');
  return Buffer.from(m.replace('SUBJECT_PLACEHOLDER', bad), 'latin1');
}

/** A B-encoded word in UTF-16BE: the one charset in which an encoded word can carry a lone surrogate. */
function utf16Word(text: string): string {
  const bytes = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) bytes.writeUInt16BE(text.charCodeAt(i), i * 2);
  return `=?UTF-16BE?B?${bytes.toString('base64')}?=`;
}
