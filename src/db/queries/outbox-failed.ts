import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

/**
 * Gives a held row up for good (refused permanently, or out of attempts) and, for ticket mail,
 * writes the `mail_failed` event in the same statement so staff see it on the ticket.
 * False when the row is no longer ours.
 */
export async function markOutboxFailed(
  db: Queryable,
  id: number,
  workerId: string,
  at: Date,
  error: { message: string; code: string; permanent: boolean },
): Promise<boolean> {
  const r = await rows<{ updated: number | string }>(
    db,
    sql`with failed as (
          update outbox set status = 'failed', locked_by = null, locked_at = null,
                            last_error = ${error.message}, last_error_code = ${error.code}
           where id = ${id} and locked_by = ${workerId} and status = 'sending'
          returning id, ticket_id, template, message_id, to_address, attempts
        ), ev as (
          insert into ticket_events (ticket_id, at, actor, kind, data)
          select ticket_id, ${at.toISOString()}::timestamptz, 'system', 'mail_failed',
                 jsonb_build_object('outboxId', id, 'template', template, 'messageId', message_id, 'to', to_address,
                                    'attempts', attempts, 'permanent', ${error.permanent}::boolean,
                                    'errorCode', ${error.code}::text, 'error', ${error.message}::text)
            from failed where ticket_id is not null
          returning id
        )
        select count(*)::int as updated from failed`,
  );
  return Number(r[0]?.updated ?? 0) > 0;
}
