import { sql } from 'drizzle-orm';
import type { SecretLinkRef } from '../../outbox/secret-link.js';
import type { MailContent } from '../../outbox/transport.js';
import type { Language } from '../../domain.js';
import { rows, type Queryable } from '../client.js';

export interface NewOutboxMail extends MailContent {
  ticketId: number | null;
  template: string;
  language: Language;
  toAddress: string;
  /** addressKey(toAddress). */
  toKey: string;
  fromAddress: string;
  /** Placeholders in the body the worker fills at send time. */
  secretLinks: SecretLinkRef[];
  dedupKey: string | null;
  maxAttempts: number;
  /** The application's clock (rate caps count by it); run_at stays the database's now(). */
  createdAt: Date;
}

/**
 * Insert-or-nothing: a mail whose dedup key (or Message-ID) is already in the outbox is not added
 * again, so a reminder or digest decided twice goes out once. Null when nothing was inserted.
 */
export async function insertOutboxMail(db: Queryable, m: NewOutboxMail): Promise<{ id: number; messageId: string } | null> {
  const r = await rows<{ id: string | number; message_id: string }>(
    db,
    sql`insert into outbox (ticket_id, template, language, to_address, to_key, from_address, subject, html, text,
                            message_id, in_reply_to, "references", headers, secret_links, dedup_key, max_attempts, created_at)
        values (${m.ticketId}, ${m.template}, ${m.language}, ${m.toAddress}, ${m.toKey}, ${m.fromAddress}, ${m.subject}, ${m.html}, ${m.text},
                ${m.messageId}, ${m.inReplyTo}, ${JSON.stringify(m.references)}::jsonb, ${JSON.stringify(m.headers)}::jsonb,
                ${JSON.stringify(m.secretLinks)}::jsonb, ${m.dedupKey}, ${m.maxAttempts}::int, ${m.createdAt.toISOString()}::timestamptz)
        on conflict do nothing
        returning id, message_id`,
  );
  const row = r[0];
  return row ? { id: Number(row.id), messageId: row.message_id } : null;
}
