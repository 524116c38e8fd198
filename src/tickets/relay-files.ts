import type { Queryable } from '../db/client.js';
import { insertOutboxAttachments } from '../db/queries/outbox-attachments.js';
import type { TicketRow } from '../db/schema.js';
import type { MailFile, ParsedMail } from '../mail/parse.js';
import { queueMail } from '../verify/mail.js';
import type { VerifyDeps } from '../verify/deps.js';
import { staffThreading } from './staff-mail.js';

// The attachments of a relayed staff answer. The reader kept the bytes of the files that fit in
// RELAY_MAX_ATTACHMENT_BYTES together (in the order the mail has them); those go with the answer,
// the rest are left out and the staff member who wrote is told which, so nothing goes missing quietly.

export interface RelayFiles {
  sent: Array<MailFile & { content: Uint8Array }>;
  leftOut: MailFile[];
}

/** Pure: which files go with the answer and which were over the limit. */
export function relayFiles(files: readonly MailFile[]): RelayFiles {
  const sent: RelayFiles['sent'] = [];
  const leftOut: MailFile[] = [];
  for (const f of files) {
    if (f.content !== null) sent.push({ ...f, content: f.content });
    else leftOut.push(f);
  }
  return { sent, leftOut };
}

/** Pure: a size as people read it: `900 B`, `48 KB`, `14.2 MB`. */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`.replace('.0 MB', ' MB');
}

/** Pure: what the event and the staff mail say about a file. */
export function describeFile(f: MailFile): string {
  return `${f.filename ?? '(no name)'} (${readableSize(f.size)})`;
}

/** Stores the files that go with the queued answer, and tells the staff member about the rest. */
export async function attachRelayFiles(
  db: Queryable,
  deps: VerifyDeps,
  ticket: TicketRow,
  outboxId: number,
  files: RelayFiles,
  message: { messageRowId: number; parsed: ParsedMail; staff: string },
): Promise<void> {
  await insertOutboxAttachments(
    db,
    outboxId,
    files.sent.map((f) => ({ filename: f.filename, contentType: f.contentType, content: Buffer.from(f.content) })),
  );
  if (files.leftOut.length === 0) return;
  const threading = staffThreading(message.parsed);
  await queueMail(db, deps, {
    template: 'staff_relay_files_left_out',
    language: deps.config.staffLanguage,
    to: message.staff,
    ticket,
    vars: { ticketNumber: ticket.number, files: files.leftOut.map(describeFile), limit: readableSize(deps.config.staffThread.relayMaxAttachmentBytes) },
    ...(threading ? { threading } : {}),
    dedupKey: `staff_relay_files_left_out:${message.messageRowId}`,
  });
}
