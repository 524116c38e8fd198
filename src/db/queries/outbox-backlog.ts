import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

export interface OutboxBacklog {
  pending: number;
  sending: number;
  /** Given up for good: each needs a person. */
  failed: number;
  /** Age of the oldest mail still waiting to go; 0 when none waits. */
  oldestPendingSeconds: number;
}

export async function outboxBacklog(db: Queryable): Promise<OutboxBacklog> {
  const r = await rows<{ pending: number | string; sending: number | string; failed: number | string; oldest: number | string | null }>(
    db,
    sql`select count(*) filter (where status = 'pending')::int as pending,
               count(*) filter (where status = 'sending')::int as sending,
               count(*) filter (where status = 'failed')::int as failed,
               extract(epoch from now() - min(created_at) filter (where status = 'pending'))::double precision as oldest
          from outbox
         where status in ('pending', 'sending', 'failed')`,
  );
  const row = r[0];
  return {
    pending: Number(row?.pending ?? 0),
    sending: Number(row?.sending ?? 0),
    failed: Number(row?.failed ?? 0),
    oldestPendingSeconds: Math.max(0, Number(row?.oldest ?? 0)),
  };
}
