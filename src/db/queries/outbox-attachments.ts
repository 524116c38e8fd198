import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { outboxAttachments } from '../schema.js';

// The files an outbox row carries (a staff reply's attachments, relayed): written with the row,
// read by the worker at send time, deleted once the mail is sent (markOutboxSent).

export interface OutboxFile {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

export async function insertOutboxAttachments(db: Queryable, outboxId: number, files: readonly OutboxFile[]): Promise<void> {
  if (files.length === 0) return;
  await db.insert(outboxAttachments).values(files.map((f, position) => ({ outboxId, position, ...f })));
}

export async function outboxAttachmentsOf(db: Queryable, outboxId: number): Promise<OutboxFile[]> {
  const r = await db
    .select({ filename: outboxAttachments.filename, contentType: outboxAttachments.contentType, content: outboxAttachments.content })
    .from(outboxAttachments)
    .where(eq(outboxAttachments.outboxId, outboxId))
    .orderBy(asc(outboxAttachments.position));
  return r.map((f) => ({ ...f, content: Buffer.from(f.content) }));
}
