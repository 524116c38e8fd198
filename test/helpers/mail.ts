import { randomBytes } from 'node:crypto';

// Builds small RFC 822 messages for tests. Only example domains; people are invented.

export interface MailSpec {
  from?: string | null;
  to?: string;
  subject?: string | null;
  body?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  date?: Date;
  /** Attached after the text, as multipart/mixed. */
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

function encodeWord(s: string): string {
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

export function buildMail(spec: MailSpec = {}): Buffer {
  const lines: string[] = [];
  if (spec.from !== null) lines.push(`From: ${spec.from ?? 'Aigerim Test <aigerim@example.com>'}`);
  lines.push(`To: ${spec.to ?? 'help@mexrontal.com'}`);
  if (spec.subject !== null) lines.push(`Subject: ${encodeWord(spec.subject ?? 'Запрос на управление данными')}`);
  lines.push(`Date: ${(spec.date ?? new Date('2026-11-20T09:00:00Z')).toUTCString()}`);
  if (spec.messageId !== null) lines.push(`Message-ID: ${spec.messageId ?? `<${randomBytes(8).toString('hex')}@example.com>`}`);
  if (spec.inReplyTo) lines.push(`In-Reply-To: ${spec.inReplyTo}`);
  if (spec.references) lines.push(`References: ${spec.references.join(' ')}`);
  for (const [k, v] of Object.entries(spec.headers ?? {})) lines.push(`${k}: ${v}`);
  const body = spec.body ?? 'Здравствуйте! Прошу удалить все мои персональные данные и аккаунт.\n\nАйгерим';
  const base64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
  if (!spec.attachments?.length) {
    lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '');
    lines.push(base64(Buffer.from(body, 'utf8')));
    return Buffer.from(lines.join('\r\n') + '\r\n');
  }
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  lines.push('MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '');
  lines.push(`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', base64(Buffer.from(body, 'utf8')));
  for (const a of spec.attachments) {
    lines.push(`--${boundary}`, `Content-Type: ${a.contentType}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`);
    lines.push('Content-Transfer-Encoding: base64', '', base64(a.content));
  }
  lines.push(`--${boundary}--`);
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

/** Puts `subject` in place of the message's Subject (or adds one), leaving every other byte alone. */
export function withSubject(raw: Buffer, subject: string): Buffer {
  const text = raw.toString('latin1');
  const sep = text.search(/\r?\n\r?\n/);
  const head = sep >= 0 ? text.slice(0, sep) : text;
  const rest = sep >= 0 ? text.slice(sep) : '\r\n\r\n';
  const nl = head.includes('\r\n') ? '\r\n' : '\n';
  const encoded = `=?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`;
  const re = /^subject:.*(?:\r?\n[ \t].*)*/im;
  const newHead = re.test(head) ? head.replace(re, `Subject: ${encoded}`) : `Subject: ${encoded}${nl}${head}`;
  return Buffer.from(newHead + rest, 'latin1');
}
