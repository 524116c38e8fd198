// Small, deterministic pieces for the hostile corpus (test/helpers/hostile-corpus.ts): the same
// id always gives the same bytes, so a failing case can be written to a file and replayed with
// `cli ingest`. Every address is invented and on an example domain.

/** Where corpus mails are sent; the request subject the service listens for. */
export const TO = 'help@mexrontal.com';
export const REQUEST_SUBJECT = 'Data management request';
export const REQUEST_TEXT = 'Hello,\r\n\r\nPlease delete all my personal data and my account.\r\n\r\nRegards\r\n';

export interface RawSpec {
  /** The whole From value as written, or null for none. */
  from?: string | null;
  /** The Subject value as written (already encoded if it should be), or null for none. */
  subject?: string | null;
  /** The Message-ID value as written, or null for none. */
  messageId?: string | null;
  date?: string | null;
  /** Extra header lines, as written, after the standard ones. */
  headers?: string[];
  /** Content-Type and Content-Transfer-Encoding lines; default a plain UTF-8 8bit body. */
  contentHeaders?: string[];
  body?: string | Buffer;
  /** Line break between header lines and before the body. */
  eol?: string;
}

/** An address on an example domain named after the case: each case is its own requester. */
export function senderFor(id: string): string {
  return `${id}@example.org`;
}

/** A message assembled from its parts byte for byte, nothing escaped or folded for the caller. */
export function rawMail(id: string, spec: RawSpec = {}): Buffer {
  const eol = spec.eol ?? '\r\n';
  const lines: string[] = [];
  const from = spec.from === undefined ? `Test Person <${senderFor(id)}>` : spec.from;
  if (from !== null) lines.push(`From: ${from}`);
  lines.push(`To: ${TO}`);
  const subject = spec.subject === undefined ? REQUEST_SUBJECT : spec.subject;
  if (subject !== null) lines.push(`Subject: ${subject}`);
  const date = spec.date === undefined ? 'Fri, 20 Nov 2026 09:00:00 +0000' : spec.date;
  if (date !== null) lines.push(`Date: ${date}`);
  const messageId = spec.messageId === undefined ? `<${id}@hostile.example.org>` : spec.messageId;
  if (messageId !== null) lines.push(`Message-ID: ${messageId}`);
  lines.push(...(spec.headers ?? []));
  lines.push('MIME-Version: 1.0');
  lines.push(...(spec.contentHeaders ?? ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit']));
  const head = Buffer.from(lines.join(eol) + eol + eol, 'utf8');
  const body = spec.body ?? REQUEST_TEXT;
  return Buffer.concat([head, typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

/** An RFC 2047 B-encoded word of `text` in UTF-8: lets any character into a header. */
export function bWord(text: string, charset = 'UTF-8'): string {
  return `=?${charset}?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Base64 in 76-character lines, as mail carries it. */
export function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** A multipart body from parts that are each headers + blank line + content. */
export function multipart(boundary: string, parts: string[]): string {
  return parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`;
}

export const TEXT_PART = `Content-Type: text/plain; charset=utf-8\r\n\r\n${REQUEST_TEXT}`;

/** A part carrying a file, its name written as given (quoted), content base64. */
export function attachmentPart(filename: string, content: Buffer, contentType = 'application/octet-stream'): string {
  return [
    `Content-Type: ${contentType}; name="${filename}"`,
    `Content-Disposition: attachment; filename="${filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(content),
  ].join('\r\n');
}

/** Deterministic bytes that compress badly (a linear congruential sequence), `size` long. */
export function noise(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
