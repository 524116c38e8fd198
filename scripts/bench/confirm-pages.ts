import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import { openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { ticketEvents, tickets } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { generateToken } from '../../src/verify/token.js';
import { createWebServer } from '../../src/web/server.js';
import { buildMail } from '../../test/helpers/mail.js';

// The confirmation pages under a link-guessing load: GET /confirm/<random token> at a steady rate
// (BENCH_PAGES_RATE per second, default 200, for BENCH_PAGES_SECONDS, default 60) against the real
// web server on the embedded database, with one real unconfirmed ticket beside them. Figures: the
// rate reached, answer times (p50, p99, max), the status codes, and whether the real ticket was
// touched (it must not be: a guess never confirms anything, and a GET never changes anything).

const RATE = Number(process.env.BENCH_PAGES_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 60);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-bench-pages-'));
  const database = await openDatabase({ kind: 'pglite', dir: null });
  await migrate(database);
  const app = await openApp(loadConfig({ DATA_DIR: dataDir, APP_SECRET: 'bench-secret-bench-secret-bench-secret-01', HTTP_PORT: '0' }), silentLogger(), database);
  const web = createWebServer(app.ctx, app.verify, { intake: app.intake });
  await web.start();
  const base = `http://127.0.0.1:${web.address().port}`;
  try {
    const raw = buildMail({ from: 'real.person@example.com' });
    const real = await app.intake.receive({ mailbox: 'bench', sourceKey: sourceKeyForFile('cli', raw), raw });
    const [before] = await database.db.select().from(tickets).where(eq(tickets.number, real.ticket!));
    const eventsBefore = (await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, before!.id))).length;

    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const inFlight: Array<Promise<void>> = [];
    const total = RATE * SECONDS;
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      // A steady schedule, not a closed loop: a slow answer must not slow the attacker down.
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const t = performance.now();
      inFlight.push(
        fetch(`${base}/confirm/${generateToken()}`).then(
          async (res) => {
            await res.arrayBuffer();
            latencies.push(performance.now() - t);
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          },
          () => {
            statuses.error = (statuses.error ?? 0) + 1;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const [after] = await database.db.select().from(tickets).where(eq(tickets.id, before!.id));
    const eventsAfter = (await database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, before!.id))).length;
    return [
      {
        metric: 'random_token_gets',
        requests: total,
        requests_per_second: Number((total / elapsed).toFixed(1)),
        p50_ms: Number(percentile(latencies, 50).toFixed(2)),
        p99_ms: Number(percentile(latencies, 99).toFixed(2)),
        max_ms: Number((latencies.at(-1) ?? 0).toFixed(2)),
        statuses,
        real_ticket_untouched: after!.status === before!.status && eventsAfter === eventsBefore,
      },
    ];
  } finally {
    await web.stop();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
