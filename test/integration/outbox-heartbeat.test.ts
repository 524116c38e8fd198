import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { beatOutboxWorker, forgetOutboxWorker } from '../../src/db/queries/outbox-heartbeat.js';
import { sweepStaleOutbox } from '../../src/db/queries/outbox-sweep.js';
import { describeEachDb } from '../helpers/db.js';

// After kill -9 a worker's rows in `sending` are freed once its heartbeat is 30 s old, not after
// the 10-minute stale lock; a live worker's rows stay with it however long its send takes.

const TEN_MINUTES = 10 * 60_000;

describeEachDb('outbox heartbeats', (db) => {
  let n = 0;
  async function sendingRow(lockedBy: string, lockedSecondsAgo: number): Promise<number> {
    n++;
    const [r] = await rows<{ id: number | string }>(
      db().db,
      sql`insert into outbox (template, language, to_address, from_address, subject, html, text, message_id, status, attempts, locked_by, locked_at)
          values ('closing', 'ru', ${`p${n}@example.com`}, 'help@mexrontal.com', 's', 'h', 't', ${`<hb-${n}-${Date.now()}@mexrontal.com>`},
                  'sending', 1, ${lockedBy}, now() - ${lockedSecondsAgo}::int * interval '1 second')
          returning id`,
    );
    return Number(r!.id);
  }
  const statusOf = async (id: number) => (await rows<{ status: string }>(db().db, sql`select status from outbox where id = ${id}`))[0]!.status;

  it('frees the rows of a worker silent for 30 s, keeps those of a worker that beats', async () => {
    await beatOutboxWorker(db().db, 'alive');
    await beatOutboxWorker(db().db, 'quiet');
    await db().db.execute(sql`update outbox_workers set heartbeat_at = now() - interval '40 seconds' where id = 'quiet'`);
    const killed = await sendingRow('killed', 40); // no heartbeat at all: a worker from before the restart
    const quiet = await sendingRow('quiet', 40);
    const alive = await sendingRow('alive', 40);
    const justTaken = await sendingRow('killed', 5);

    const freed = await sweepStaleOutbox(db().db, TEN_MINUTES, new Date(), 30_000);
    expect(freed.map((f) => f.id).sort()).toEqual([killed, quiet].sort());
    expect(await statusOf(killed)).toBe('pending');
    expect(await statusOf(quiet)).toBe('pending');
    expect(await statusOf(alive)).toBe('sending');
    expect(await statusOf(justTaken)).toBe('sending');
  });

  it('a stopping worker removes its heartbeat; a lock past the stale limit goes even with one', async () => {
    await beatOutboxWorker(db().db, 'stuck');
    const stuck = await sendingRow('stuck', 3600);
    expect((await sweepStaleOutbox(db().db, TEN_MINUTES, new Date(), 30_000)).map((f) => f.id)).toContain(stuck);
    await forgetOutboxWorker(db().db, 'stuck');
    expect(await rows(db().db, sql`select id from outbox_workers where id = 'stuck'`)).toEqual([]);
  });
});
