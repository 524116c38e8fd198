import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { outboxWorkers } from '../schema.js';

// Outbox workers say they are alive; the sweep (outbox-sweep.ts) frees the rows of the silent ones.

export async function beatOutboxWorker(db: Queryable, workerId: string): Promise<void> {
  await db
    .insert(outboxWorkers)
    .values({ id: workerId, heartbeatAt: sql`now()` })
    .onConflictDoUpdate({ target: outboxWorkers.id, set: { heartbeatAt: sql`now()` } });
}

/** A stopping worker leaves nothing behind; the rows of workers long gone are dropped by the sweep. */
export async function forgetOutboxWorker(db: Queryable, workerId: string): Promise<void> {
  await db.delete(outboxWorkers).where(eq(outboxWorkers.id, workerId));
}
