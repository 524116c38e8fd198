import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.js';
import { buildMail } from '../helpers/mail.js';
import { startService, waitWithService } from '../helpers/service.js';

// kill -9 in the middle of a backlog, then a restart: exactly one ticket per request and no
// message left unprocessed. Local mode: embedded PGlite and the inbox folder.

const REQUESTS = 40;

describe('service killed with SIGKILL in local mode', () => {
  it('resumes after a restart with one ticket per request and nothing left behind', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-crash-local-'));
    const inbox = path.join(dataDir, 'mail', 'inbox');
    const processed = path.join(dataDir, 'mail', 'processed');
    mkdirSync(inbox, { recursive: true });
    for (let i = 0; i < REQUESTS; i++) {
      const file = path.join(inbox, `req-${String(i).padStart(3, '0')}.eml`);
      writeFileSync(file, buildMail({ from: `person${i}@example.com`, messageId: `<crash-${i}@example.com>` }));
    }
    // Plus an ordinary mail and one that cannot be answered: each still gets its one outcome.
    writeFileSync(path.join(inbox, 'zz-other.eml'), buildMail({ subject: 'Где мой счёт?' }));
    writeFileSync(path.join(inbox, 'zz-nofrom.eml'), buildMail({ from: null }));
    const env = { DATA_DIR: dataDir };

    const first = startService(env);
    const count = () => readdirSync(processed, { withFileTypes: true }).length;
    await waitWithService(first, 'the first messages to be processed', () => count() >= 5);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(count()).toBeLessThan(REQUESTS + 2);

    const second = startService(env);
    await waitWithService(second, 'the inbox to drain after the restart', () => readdirSync(inbox).length === 0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const database = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'db') });
    try {
      const [t] = await rows<{ n: number; people: number }>(
        database.db,
        sql`select count(*)::int as n, count(distinct requester_email)::int as people from tickets`,
      );
      expect(t).toEqual({ n: REQUESTS, people: REQUESTS });
      const outcomes = await rows<{ outcome: string | null; n: number }>(
        database.db,
        sql`select outcome, count(*)::int as n from messages group by outcome order by outcome`,
      );
      expect(outcomes.find((o) => o.outcome === null)).toBeUndefined();
      const byOutcome = Object.fromEntries(outcomes.map((o) => [o.outcome, o.n]));
      expect(byOutcome.ticket).toBe(REQUESTS);
      expect(byOutcome.ignored).toBe(1);
      expect(byOutcome.quarantined).toBe(1);
      const [mail] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from outbox where template = 'confirm_request'`);
      expect(mail!.n).toBe(REQUESTS);
    } finally {
      await database.close();
    }
  }, 240_000);
});
