import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMail, type ParsedMail } from '../../src/mail/parse.js';
import { buildMail } from '../helpers/mail.js';

const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mail');
const fixture = (name: string): Buffer => readFileSync(path.join(fixtureDir, name));
const parseFixture = (name: string): Promise<ParsedMail> => parseMail(fixture(name));

interface Expected {
  subject?: string | null;
  textIncludes?: string[];
  fromAddress?: string | null;
  parseRejects?: true;
}
const expected = JSON.parse(readFileSync(path.join(fixtureDir, 'expected.json'), 'utf8')) as Record<string, Expected>;
const squash = (s: string | null | undefined): string | null => (s == null ? null : s.replace(/\s+/g, ' ').trim());

describe('parseMail: charsets and transfer encodings', () => {
  it('decodes a windows-1251 8bit body and a windows-1251 B-encoded subject and sender name', async () => {
    const m = await parseFixture('req-ru-cp1251-b-subject.eml');
    expect(m.subject).toBe('Запрос на управление данными');
    expect(m.text).toContain('Прошу предоставить копию всех моих персональных данных');
    expect(m.from).toEqual({ address: 'olga.sidorova@example.org', name: 'Ольга Сидорова' });
  });

  it('decodes a KOI8-R quoted-printable body with ё, and a KOI8-R Q-encoded subject', async () => {
    const m = await parseFixture('req-ru-koi8r-q-subject.eml');
    expect(m.subject).toBe('Запрос на управление данными');
    expect(m.text).toContain('В моём профиле неверно указана фамилия');
  });

  it('decodes a windows-1251 quoted-printable body with Ё', async () => {
    const m = await parseFixture('subj-per-cp1251-b.eml');
    expect(m.subject).toBe('Пер: Запрос на управление данными');
    expect(m.text).toContain('«Ёлкина»');
  });

  it('decodes a KOI8-R 8bit body', async () => {
    const m = await parseFixture('subj-otv-koi8r-q.eml');
    expect(m.text).toContain('Прошу удалить мои данные и закрыть аккаунт');
  });

  it('decodes a KOI8-R base64 part inside a multipart/report', async () => {
    const m = await parseFixture('bounce-report-ru-koi8r.eml');
    expect(m.text).toContain('Ваше письмо не доставлено');
  });

  it('decodes Kazakh letters from UTF-8 base64 and quoted-printable', async () => {
    expect((await parseFixture('req-kk-plain-utf8.eml')).text).toContain('дербес деректердің көшірмесін');
    expect((await parseFixture('req-kk-html-only.eml')).text).toContain('барлық дербес деректерімді жоюыңызды');
  });

  it('joins a subject folded over several encoded words without stray spaces', async () => {
    const m = await parseFixture('req-ru-folded-subject.eml');
    expect(m.subject).toBe('Запрос на управление данными — прошу удалить аккаунт, созданный без моего ведома');
  });

  it('reads a raw UTF-8 subject (RFC 6532 style)', async () => {
    expect((await parseFixture('req-kk-alternative-base64.eml')).subject).toBe('Деректерді басқаруға сұрау');
  });

  it('falls back to a readable decoding for an unknown charset name', async () => {
    expect((await parseFixture('bad-unknown-charset.eml')).text).toContain('Прошу исправить мой номер телефона');
  });

  const withExpectations = Object.entries(expected).filter(([, e]) => !e.parseRejects);
  it.each(withExpectations)('%s: subject and text decode as written', async (file, e) => {
    const m = await parseFixture(file);
    if (e.subject !== undefined) expect(squash(m.subject)).toBe(squash(e.subject));
    for (const phrase of e.textIncludes ?? []) expect(m.text).toContain(phrase);
    if (file !== 'bad-garbage-binary.eml') expect(m.text).not.toContain('\ufffd');
  });
});

describe('parseMail: HTML', () => {
  it('turns an HTML-only message into text without tags, styles or raw entities', async () => {
    const m = await parseFixture('req-ru-html-only.eml');
    expect(m.html).toBe(true);
    expect(m.text).toContain('машиночитаемом формате');
    expect(m.text).toContain('Азамат Нурланов');
    expect(m.text).not.toMatch(/<\/?(p|br|html|body|div)\b/i);
    expect(m.text).not.toContain('&nbsp;');
    expect(m.text).not.toContain('font-family');
  });

  it('decodes HTML entities in an HTML-only message', async () => {
    const m = await parseFixture('req-en-html-only.eml');
    expect(m.text).toContain('Thanks & best wishes');
    expect(m.text).not.toContain('&amp;');
    expect(m.text).not.toMatch(/<\/?(table|tr|td)\b/i);
  });

  it('reports html false for a plain-text message', async () => {
    expect((await parseFixture('req-en-plain.eml')).html).toBe(false);
  });

  it('takes the text part of a multipart/alternative message', async () => {
    const m = await parseFixture('req-ru-alternative-qp.eml');
    expect(m.text).toContain('Я отзываю своё согласие');
    expect(m.text).not.toMatch(/<\/?(p|div)\b/i);
  });
});

describe('parseMail: Message-ID', () => {
  it('keeps a present Message-ID with its angle brackets and says it is not derived', async () => {
    const m = await parseFixture('req-ru-plain-utf8.eml');
    expect(m.messageId).toBe('<shared-id-0001@mail.example.com>');
    expect(m.derivedMessageId).toBe(false);
  });

  it('derives <sha256@derived.privacy-desk> when the Message-ID is missing', async () => {
    const m = await parseFixture('req-ru-no-message-id.eml');
    expect(m.derivedMessageId).toBe(true);
    expect(m.messageId).toMatch(/^<[0-9a-f]{64}@derived\.privacy-desk>$/);
  });

  it('derives the same Message-ID from the same bytes, every time', async () => {
    const raw = fixture('req-ru-no-message-id.eml');
    const a = await parseMail(raw);
    const b = await parseMail(Buffer.from(raw));
    expect(b.messageId).toBe(a.messageId);
  });

  it('derives different Message-IDs from different bytes', async () => {
    const raw = fixture('req-ru-no-message-id.eml');
    const changed = Buffer.from(raw.toString('utf8').replace('Павел Орлов\r\n', 'Павел Орлов.\r\n'));
    expect(changed.equals(raw)).toBe(false);
    expect((await parseMail(changed)).messageId).not.toBe((await parseMail(raw)).messageId);
  });

  it('gives the garbage and empty fixtures a derived Message-ID too', async () => {
    for (const file of ['bad-garbage-binary.eml', 'bad-empty.eml']) {
      const m = await parseFixture(file);
      expect(m.derivedMessageId).toBe(true);
      expect(m.messageId).toMatch(/^<[0-9a-f]{64}@derived\.privacy-desk>$/);
    }
  });

  it('reads a Message-ID shared by two fixtures from different senders the same way', async () => {
    const a = await parseFixture('req-ru-plain-utf8.eml');
    const b = await parseFixture('req-ru-duplicate-msgid-other-sender.eml');
    expect(b.messageId).toBe(a.messageId);
    expect(b.from?.address).not.toBe(a.from?.address);
  });

  it('takes no Message-ID, In-Reply-To or References with a control character in it (PostgreSQL text holds no NUL)', async () => {
    const raw = Buffer.from(
      'From: Test Person <test.person@example.com>\r\nSubject: ids\r\nMessage-ID: <nul\u0000id@example.com>\r\n' +
        'In-Reply-To: <a\u0000b@example.net>\r\nReferences: <c\u0001d@example.net> <e@example.net>\r\n\r\nbody\r\n',
    );
    const m = await parseMail(raw);
    expect(m.derivedMessageId).toBe(true);
    expect(m.inReplyTo).toBeNull();
    expect(m.references).toEqual(['<e@example.net>']);
  });
});

describe('parseMail: addresses and threading headers', () => {
  it('takes no From address longer than RFC 5321 allows (local part 64, address 254)', async () => {
    const from = async (address: string) => (await parseMail(Buffer.from(`From: X <${address}>\r\nSubject: s\r\n\r\nbody\r\n`))).from;
    expect(await from(`${'a'.repeat(64)}@example.org`)).toMatchObject({ address: `${'a'.repeat(64)}@example.org` });
    expect(await from(`${'a'.repeat(65)}@example.org`)).toBeNull();
    expect(await from(`a@${'b'.repeat(250)}.org`)).toBeNull();
    expect(await from(`${'a'.repeat(70_000)}@example.org`)).toBeNull();
  });

  it('reads From, To and a different Reply-To separately', async () => {
    const m = await parseFixture('req-en-qp-reply-to.eml');
    expect(m.from).toEqual({ address: 'alex.green@example.com', name: 'Alex Green' });
    expect(m.replyTo).toBe('someone.else@example.net');
    expect(m.to).toEqual(['help@mexrontal.com']);
  });

  it('reports replyTo null when there is no Reply-To', async () => {
    expect((await parseFixture('req-en-plain.eml')).replyTo).toBeNull();
  });

  it('reports a bare From address with name null', async () => {
    expect((await parseFixture('req-ru-unclear-rights.eml')).from).toEqual({ address: 'dmitry.k@example.com', name: null });
  });

  it.each(['bad-no-from.eml', 'bad-unparseable-from.eml', 'bad-from-undisclosed.eml', 'bad-garbage-binary.eml', 'bad-empty.eml'])(
    '%s: reports from null (no usable sender)',
    async (file) => {
      expect((await parseFixture(file)).from).toBeNull();
    },
  );

  it('reads In-Reply-To and References', async () => {
    const m = await parseFixture('thread-tag-and-in-reply-to.eml');
    expect(m.inReplyTo).toBe('<pd-DSR-2026-000042-confirm.5b1e9f20@mexrontal.com>');
    expect(m.references).toEqual(['<pd-DSR-2026-000042-confirm.5b1e9f20@mexrontal.com>']);
  });

  it('splits a folded References header into its message ids, in order', async () => {
    const m = await parseFixture('thread-references-only.eml');
    expect(m.references).toEqual(['<a1@mail.example.com>', '<pd-DSR-2026-000042-answer.1c2d3e4f@mexrontal.com>', '<draft-77@mail.example.com>']);
    expect(m.inReplyTo).toBe('<draft-77@mail.example.com>');
  });

  it('reports inReplyTo null and references empty for a new message', async () => {
    const m = await parseFixture('req-en-plain.eml');
    expect(m.inReplyTo).toBeNull();
    expect(m.references).toEqual([]);
  });
});

describe('parseMail: headers, content type, attachments, date', () => {
  it('keys headers by lower-case name with the raw value', async () => {
    const m = await parseFixture('req-kk-plain-utf8.eml');
    expect(m.headers.get('auto-submitted')).toBe('no');
    expect(m.headers.has('Auto-Submitted')).toBe(false);
  });

  it('keeps the empty Return-Path visible for auto-reply detection', async () => {
    const m = await parseFixture('auto-empty-return-path.eml');
    const rp = m.headers.get('return-path');
    expect(Array.isArray(rp) ? rp.join(' ') : rp).toMatch(/^\s*<\s*>\s*$/);
  });

  it('reports the top-level content type of a DSN as multipart/report', async () => {
    expect((await parseFixture('bounce-dsn-mailer-daemon.eml')).contentType).toMatch(/^multipart\/report/i);
  });

  it('counts attachments', async () => {
    expect((await parseFixture('req-ru-attachment.eml')).attachments).toBe(1);
    expect((await parseFixture('req-ru-plain-utf8.eml')).attachments).toBe(0);
  });

  it('parses the Date header with its zone', async () => {
    const m = await parseFixture('req-ru-plain-utf8.eml');
    expect(m.date?.toISOString()).toBe('2026-01-01T05:01:00.000Z');
  });

  it('reports date null for an unparseable Date, not the time of parsing', async () => {
    expect((await parseFixture('bad-broken-mime.eml')).date).toBeNull();
  });

  it('reports date null when there is no Date header', async () => {
    const raw = Buffer.from('From: a.person@example.com\r\nSubject: hi\r\n\r\nbody\r\n');
    expect((await parseMail(raw)).date).toBeNull();
  });

  it.each(Object.keys(expected).filter((f) => !expected[f]?.parseRejects))('%s: never yields an Invalid Date', async (file) => {
    const d = (await parseFixture(file)).date;
    if (d !== null) expect(Number.isNaN(d.getTime())).toBe(false);
  });
});

describe('parseMail: bad input', () => {
  // These resolve: a parse result the pipeline can route or quarantine (no sender) itself.
  it.each(['bad-garbage-binary.eml', 'bad-empty.eml', 'bad-broken-mime.eml', 'bad-unknown-charset.eml', 'bad-no-from.eml', 'bad-unparseable-from.eml', 'bad-from-undisclosed.eml'])(
    '%s: resolves instead of throwing',
    async (file) => {
      await expect(parseFixture(file)).resolves.toBeDefined();
    },
  );

  it('reads what it can of a multipart that is never closed', async () => {
    const m = await parseFixture('bad-broken-mime.eml');
    expect(m.text).toContain('Прошу удалить мой аккаунт');
    expect(m.from?.address).toBe('roza.abenova@example.org');
  });

  // Rejecting is right here: a header block over 1 MB is hostile, and the pipeline quarantines
  // the message with PD_MSG_UNPARSEABLE.
  it('rejects with an Error for a header block over 1 MB (bad-huge-header.eml)', async () => {
    await expect(parseFixture('bad-huge-header.eml')).rejects.toBeInstanceOf(Error);
  });

  it('resolves for a message with NUL and control bytes in the body and a header', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: Test Person <test.person@example.com>\r\nSubject: nul\u0000byte\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'),
      Buffer.from([0x00, 0x01, 0x02, 0x1b, 0x7f, 0x0d, 0x0a]),
      Buffer.from('Прошу удалить мои данные.\r\n'),
    ]);
    const m = await parseMail(raw);
    expect(m.text).toContain('Прошу удалить мои данные');
  });

  it('keeps subject and sender name on one line when encoded words carry CR, LF, NUL or C1 controls', async () => {
    const word = (t: string) => `=?UTF-8?B?${Buffer.from(t, 'utf8').toString('base64')}?=`;
    const raw = Buffer.from(
      `From: ${word('Dana\r\nBcc: x@example.net\u0085')} <dana@example.com>\r\n` +
        `Subject: ${word('Data management request\r\nBcc: x@example.net\u2028\u0000!')}\r\n\r\nbody\r\n`,
    );
    const m = await parseMail(raw);
    expect(m.subject).toBe('Data management request Bcc: x@example.net !');
    expect(m.from?.name).toBe('Dana Bcc: x@example.net');
  });

  it('resolves for a header line with no colon and a body of one 2 MB line', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: Test Person <test.person@example.com>\r\nThis line has no colon at all\r\nSubject: long\r\n\r\n'),
      Buffer.alloc(2 * 1024 * 1024, 0x61),
      Buffer.from('\r\n'),
    ]);
    const m = await parseMail(raw);
    expect(m.from?.address).toBe('test.person@example.com');
  });

  it('settles (resolves, or rejects with an Error) for 1,200 MIME parts, past mailparser\'s 1,000-part limit', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 1200; i++) parts.push(`--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`);
    const raw = Buffer.from(`From: Test Person <test.person@example.com>\r\nSubject: many parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts.join('')}--b--\r\n`);
    const settled = await parseMail(raw).then(
      () => 'resolved' as const,
      (err: unknown) => (err instanceof Error ? ('rejected' as const) : ('threw a non-Error' as const)),
    );
    expect(['resolved', 'rejected']).toContain(settled);
  });

  it('settles for multiparts nested 200 deep', async () => {
    let body = 'Content-Type: text/plain\r\n\r\ninnermost\r\n';
    for (let i = 0; i < 200; i++) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
    const raw = Buffer.from(`From: Test Person <test.person@example.com>\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}`);
    const settled = await parseMail(raw).then(
      () => 'resolved' as const,
      (err: unknown) => (err instanceof Error ? ('rejected' as const) : ('threw a non-Error' as const)),
    );
    expect(['resolved', 'rejected']).toContain(settled);
  });
});

describe('attachments kept for a relay', () => {
  const raw = buildMail({
    body: 'see attached',
    attachments: [
      { filename: 'a.csv', contentType: 'text/csv', content: Buffer.from('1,2\n') },
      { filename: 'b.bin', contentType: 'application/octet-stream', content: Buffer.alloc(100, 1) },
    ],
  });

  it('names every attachment with its size, and keeps bytes only while they fit in the limit', async () => {
    const m = await parseMail(raw, 30_000, 50);
    expect(m.files.map((f) => [f.filename, f.contentType, f.size, f.content === null ? null : Buffer.from(f.content).toString()])).toEqual([
      ['a.csv', 'text/csv', 4, '1,2\n'],
      ['b.bin', 'application/octet-stream', 100, null],
    ]);
  });

  it('keeps no bytes at all by default (request mail is never relayed)', async () => {
    expect((await parseMail(raw)).files.every((f) => f.content === null)).toBe(true);
  });
});
