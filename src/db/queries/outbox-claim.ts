import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';
import { isSecretLinkRef } from '../../outbox/secret-link.js';
import type { NewOutboxMail } from './outbox-insert.js';

/** An outbox row a worker holds: everything needed to send it (the inserted mail, plus its state). */
export interface ClaimedMail extends Omit<NewOutboxMail, 'dedupKey' | 'toKey'> {
  id: number;
  /** Including this one. */
  attempts: number;
}

interface Row {
  id: string | number;
  ticket_id: string | number | null;
  template: string;
  language: ClaimedMail['language'];
  to_address: string;
  from_address: string;
  subject: string;
  html: string;
  text: string;
  message_id: string;
  in_reply_to: string | null;
  references: unknown;
  headers: unknown;
  secret_links: unknown;
  attempts: number;
  max_attempts: number;
  created_at: Date | string;
}

function json<T>(v: unknown, fallback: T): T {
  if (typeof v === 'string') return JSON.parse(v) as T;
  return (v ?? fallback) as T;
}

/**
 * Claims up to `limit` due rows in one statement (STYLE "For privacy-desk" #3): rows another
 * worker holds are skipped, not waited for, so workers on one backlog never take the same row.
 * The attempt is counted at claim time, so a worker that dies mid-send still used it up.
 */
export async function claimOutboxMail(db: Queryable, workerId: string, limit: number): Promise<ClaimedMail[]> {
  const r = await rows<Row>(
    db,
    sql`with next as (
          select id from outbox
          where status = 'pending' and run_at <= now()
          order by run_at, id
          limit ${limit}::int
          for update skip locked
        )
        update outbox o
           set status = 'sending', attempts = o.attempts + 1, locked_by = ${workerId}, locked_at = now()
          from next
         where o.id = next.id and o.status = 'pending'
        returning o.id, o.ticket_id, o.template, o.language, o.to_address, o.from_address, o.subject, o.html, o.text,
                  o.message_id, o.in_reply_to, o."references", o.headers, o.secret_links, o.attempts, o.max_attempts, o.created_at`,
  );
  return r
    .map((x) => ({
      id: Number(x.id),
      ticketId: x.ticket_id === null ? null : Number(x.ticket_id),
      template: x.template,
      language: x.language,
      toAddress: x.to_address,
      fromAddress: x.from_address,
      subject: x.subject,
      html: x.html,
      text: x.text,
      messageId: x.message_id,
      inReplyTo: x.in_reply_to,
      references: json<string[]>(x.references, []),
      headers: json<Record<string, string>>(x.headers, {}),
      secretLinks: json<unknown[]>(x.secret_links, []).filter(isSecretLinkRef),
      attempts: Number(x.attempts),
      maxAttempts: Number(x.max_attempts),
      createdAt: x.created_at instanceof Date ? x.created_at : new Date(x.created_at),
    }))
    .sort((a, b) => a.id - b.id);
}
