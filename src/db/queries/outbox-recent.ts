import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

/** Mail queued to one mailbox (its addressKey) since `since` (by the application's clock), whatever its state. */
export async function countOutboxTo(db: Queryable, toKey: string, since: Date): Promise<number> {
  const r = await rows<{ n: string | number }>(
    db,
    sql`select count(*) as n from outbox where to_key = ${toKey} and created_at >= ${since.toISOString()}::timestamptz`,
  );
  return Number(r[0]?.n ?? 0);
}
