import { createHash } from 'node:crypto';
import { parseAddressHeader, simpleParser, type AddressObject, type ParsedMail as MpParsed } from 'mailparser';
import { AppError } from '../errors.js';
import { normalizeAddress } from './address.js';
import { authorBySender, type Mailbox } from './sender.js';

// Raw RFC 822 bytes to the few fields intake needs. mailparser does the hard parts (MIME, charsets
// such as windows-1251 and KOI8-R through iconv, RFC 2047 words, HTML to text); this file decides
// what counts as a usable sender and gives every message a Message-ID.

export interface ParsedMail {
  messageId: string;
  /** True when the mail had no Message-ID and one was derived from a hash of its bytes. */
  derivedMessageId: boolean;
  /** The author we answer: the first From mailbox, or the one of several that the Sender names. */
  from: Mailbox | null;
  /**
   * Every usable mailbox of every From header (mailparser keeps only the first header), groups
   * opened, names decoded but not shortened: whether the sender is ambiguous or spoofed is decided
   * on these (src/mail/sender.ts).
   */
  fromMailboxes: Mailbox[];
  /** The usable addresses of every Sender header. */
  senderAddresses: string[];
  replyTo: string | null;
  to: string[];
  subject: string | null;
  /** Plain text of the body; for HTML-only mail, the HTML turned into text. */
  text: string;
  html: boolean;
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  /** Lower-cased header names to raw unfolded values. */
  headers: Map<string, string | string[]>;
  contentType: string | null;
  attachments: number;
  /**
   * The attachments a reply could pass on (inline images of a signature left out), in order. The
   * bytes are kept only while they fit in the `keepAttachmentBytes` given to parseMail, in total;
   * a file past it has `content: null`.
   */
  files: MailFile[];
}

export interface MailFile {
  filename: string | null;
  contentType: string;
  size: number;
  content: Uint8Array | null;
}

export function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function derivedMessageId(raw: Buffer): string {
  return `<${sha256(raw)}@derived.privacy-desk>`;
}

// No blanks and no control characters: a NUL in an id (or In-Reply-To, References) cannot be stored
// in a PostgreSQL text column and made intake throw on every attempt instead of giving an outcome.
const MSGID_RE = /<[^<>\s\u0000-\u001f\u007f]{1,900}>/g;
const BARE_MSGID_RE = /^[^<>\s\u0000-\u001f\u007f]{1,900}$/;

/** Message-IDs in a header value, normalised with angle brackets; junk between them is ignored. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const found = text.match(MSGID_RE);
  if (found) return found;
  const bare = text.trim();
  return BARE_MSGID_RE.test(bare) ? [`<${bare}>`] : [];
}

function rawHeaders(parsed: MpParsed): Map<string, string | string[]> {
  const map = new Map<string, string | string[]>();
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    const value = (colon >= 0 ? line.slice(colon + 1) : '').replace(/\r?\n[ \t]+/g, ' ').trim();
    const prev = map.get(key);
    if (prev === undefined) map.set(key, value);
    else map.set(key, Array.isArray(prev) ? [...prev, value] : [prev, value]);
  }
  return map;
}

function firstAddress(obj: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(obj) ? obj : obj ? [obj] : [];
  for (const o of list) {
    for (const v of o.value) {
      const address = v.address ? normalizeAddress(v.address.trim()) : null;
      if (address) return { address, name: cleanName(v.name) };
    }
  }
  return null;
}

function allAddresses(obj: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(obj) ? obj : obj ? [obj] : [];
  return list.flatMap((o) => o.value.flatMap((v) => [v, ...(v.group ?? [])]))
    .flatMap((v) => {
      const a = v.address ? normalizeAddress(v.address.trim()) : null;
      return a ? [a] : [];
    });
}

type AddressHeader = AddressObject | AddressObject[] | undefined;

function asAddressHeader(value: unknown): AddressHeader {
  const one = (v: unknown): v is AddressObject => typeof v === 'object' && v !== null && Array.isArray((v as { value?: unknown }).value);
  if (Array.isArray(value)) return value.filter(one);
  return one(value) ? value : undefined;
}

/**
 * Every occurrence of an address header. mailparser parses the first and drops the rest; the rest
 * are parsed here from their raw lines, whose 8-bit bytes are UTF-8 as mailparser reads them.
 */
function everyAddressHeader(parsed: MpParsed, key: 'from' | 'sender', first: AddressHeader): AddressObject[] {
  const list = Array.isArray(first) ? first : first ? [first] : [];
  const more = parsed.headerLines
    .filter((h) => h.key === key)
    .slice(1)
    .map((h) => Buffer.from(h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' '), 'latin1').toString('utf8'));
  return more.length > 0 ? [...list, parseAddressHeader(more)] : list;
}

/** Mailboxes of address headers with groups opened; names kept whole (up to 1000 characters) for checks. */
function mailboxesOf(list: AddressObject[]): Mailbox[] {
  return list
    .flatMap((o) => o.value.flatMap((v) => [v, ...(v.group ?? [])]))
    .flatMap((v) => {
      const address = v.address ? normalizeAddress(v.address.trim()) : null;
      if (!address) return [];
      const name = (v.name ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 1000);
      return [{ address, name: name.trim() === '' ? null : name }];
    });
}

/** A display name without control characters, quotes or anything longer than a name should be. */
function cleanName(name: string | undefined): string | null {
  const n = (name ?? '').replace(/[\p{Cc}\p{Zl}\p{Zp}<>"]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return n === '' ? null : n;
}

/**
 * A subject on one line: an encoded word can carry CR, LF, NUL or C1 controls that unfolding does
 * not remove, and a subject with a line break in it breaks every header and log line it goes into.
 */
function oneLine(subject: string | undefined): string | null {
  return subject === undefined ? null : subject.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
}

function headerText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(' ');
  return null;
}

/** mailparser puts the parse time in place of a Date it cannot read; we want to know it was bad. */
function dateOf(headers: Map<string, string | string[]>): Date | null {
  const raw = headers.get('date');
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (!text) return null;
  const d = new Date(text.replace(/\([^()]*\)\s*$/, '').trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The attachments worth relaying, with their bytes while they fit in `keepBytes` in total. */
function filesOf(parsed: MpParsed, keepBytes: number): MailFile[] {
  let kept = 0;
  return parsed.attachments
    .filter((a) => !a.related)
    .map((a) => {
      const size = a.content.length;
      const fits = kept + size <= keepBytes;
      if (fits) kept += size;
      const filename = a.filename ? a.filename.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 200) : null;
      return { filename, contentType: a.contentType || 'application/octet-stream', size, content: fits ? new Uint8Array(a.content) : null };
    });
}

export async function parseMail(raw: Buffer, timeoutMs = 30_000, keepAttachmentBytes = 0): Promise<ParsedMail> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('PD_MSG_TIMEOUT', `parsing took over ${timeoutMs} ms`)), timeoutMs);
  });
  let parsed: MpParsed;
  try {
    parsed = await Promise.race([simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true }), timeout]);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('PD_MSG_UNPARSEABLE', err instanceof Error ? err.message : String(err), { cause: err });
  } finally {
    clearTimeout(timer);
  }
  if (parsed.headerLines.length === 0) throw new AppError('PD_MSG_UNPARSEABLE', 'no header lines');

  const headers = rawHeaders(parsed);
  const ownId = messageIds(headerText(parsed.headers.get('message-id')) ?? parsed.messageId)[0];
  const inReplyTo = messageIds(headerText(parsed.headers.get('in-reply-to')) ?? parsed.inReplyTo)[0] ?? null;
  const contentType = parsed.headers.get('content-type');
  const fromMailboxes = mailboxesOf(everyAddressHeader(parsed, 'from', parsed.from));
  const senderAddresses = mailboxesOf(everyAddressHeader(parsed, 'sender', asAddressHeader(parsed.headers.get('sender')))).map((m) => m.address);
  const bySender = authorBySender(fromMailboxes, senderAddresses);
  return {
    messageId: ownId ?? derivedMessageId(raw),
    derivedMessageId: ownId === undefined,
    from: bySender ? { address: bySender.address, name: cleanName(bySender.name ?? undefined) } : firstAddress(parsed.from),
    fromMailboxes,
    senderAddresses,
    replyTo: firstAddress(parsed.replyTo)?.address ?? null,
    to: [...allAddresses(parsed.to), ...allAddresses(parsed.cc)],
    subject: oneLine(parsed.subject),
    text: (parsed.text ?? '').replace(/\u0000/g, ''),
    html: parsed.html !== false,
    date: dateOf(headers),
    inReplyTo,
    references: messageIds(parsed.references),
    headers,
    contentType:
      contentType && typeof contentType === 'object' && 'value' in contentType ? String(contentType.value) : null,
    attachments: parsed.attachments.length,
    files: filesOf(parsed, keepAttachmentBytes),
  };
}
