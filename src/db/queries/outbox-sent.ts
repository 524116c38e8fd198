import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

/**
 * Marks a held row sent and, for ticket mail, writes the `mail_sent` event in the same statement;
 * the files it carried (outbox_attachments) are deleted with it.
 * False when the row is no longer ours (the stale sweep gave it away): nothing is changed.
 */
export async function markOutboxSent(
  db: Queryable,
  id: number,
  workerId: string,
  at: Date,
  response: string | null,
): Promise<boolean> {
  const r = await rows<{ updated: number | string }>(
    db,
    sql`with done as (
          update outbox set status = 'sent', sent_at = ${at.toISOString()}::timestamptz, locked_by = null, locked_at = null,
                            last_error = null, last_error_code = null
           where id = ${id} and locked_by = ${workerId} and status = 'sending'
          returning id, ticket_id, template, message_id, attempts
        ), ev as (
          insert into ticket_events (ticket_id, at, actor, kind, data)
          select ticket_id, ${at.toISOString()}::timestamptz, 'system', 'mail_sent',
                 jsonb_build_object('outboxId', id, 'template', template, 'messageId', message_id,
                                    'attempts', attempts, 'response', ${response}::text)
            from done where ticket_id is not null
          returning id
        ), files as (
          -- Relayed files are held only until they are sent.
          delete from outbox_attachments where outbox_id in (select id from done)
          returning id
        )
        select count(*)::int as updated from done`,
  );
  return Number(r[0]?.updated ?? 0) > 0;
}
