import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

/**
 * Frees rows left in `sending` by a worker that died: one whose heartbeat (outbox_workers) is older
 * than `silentMs`, or any lock older than `staleMs` (a worker that beats but never finishes): back to
 * pending, or to failed (with a `mail_failed` event) when their attempts are used up, so a mail
 * that kills the worker every time cannot loop for ever. The mail may or may not have left before
 * the crash; sending it again with the same Message-ID lets the receiver see the duplicate.
 */
export async function sweepStaleOutbox(
  db: Queryable,
  staleMs: number,
  at: Date,
  silentMs = 30_000,
): Promise<Array<{ id: number; status: 'pending' | 'failed' }>> {
  const r = await rows<{ id: string | number; status: 'pending' | 'failed' }>(
    db,
    sql`with stale as (
          update outbox
             set status = case when attempts >= max_attempts then 'failed' else 'pending' end,
                 locked_by = null, locked_at = null,
                 last_error = 'worker stopped while sending (lock expired)', last_error_code = 'STALE_LOCK'
           where status = 'sending'
             and (locked_at < now() - ${Math.round(staleMs)}::double precision * interval '1 millisecond'
                  or (locked_at < now() - ${Math.round(silentMs)}::double precision * interval '1 millisecond'
                      and not exists (select 1 from outbox_workers w
                                       where w.id = outbox.locked_by
                                         and w.heartbeat_at > now() - ${Math.round(silentMs)}::double precision * interval '1 millisecond')))
          returning id, ticket_id, status, template, message_id, to_address, attempts
        ), ev as (
          insert into ticket_events (ticket_id, at, actor, kind, data)
          select ticket_id, ${at.toISOString()}::timestamptz, 'system', 'mail_failed',
                 jsonb_build_object('outboxId', id, 'template', template, 'messageId', message_id, 'to', to_address,
                                    'attempts', attempts, 'permanent', false, 'errorCode', 'STALE_LOCK',
                                    'error', 'worker stopped while sending (lock expired)')
            from stale where status = 'failed' and ticket_id is not null
          returning id
        ), gone as (
          -- Workers silent for a day are not coming back.
          delete from outbox_workers where heartbeat_at < now() - interval '1 day'
          returning id
        )
        select id, status from stale`,
  );
  return r.map((x) => ({ id: Number(x.id), status: x.status }));
}
