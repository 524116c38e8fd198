import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase, rows, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { tickets } from '../../src/db/schema.js';
import { addWorkingDays, weekdayCalendar } from '../../src/deadlines/working-days.js';
import { RIGHTS, TICKET_STATUSES, type Right, type TicketStatus } from '../../src/domain.js';
import { queuePage, queueQuery, type QueueFilter } from '../../src/db/queries/staff-list.js';
import { BOARD_COPY } from '../../src/web/staff/copy.js';
import { PAGE_SIZE, queueBody } from '../../src/web/staff/pages-queue.js';

// The staff board's queue on PostgreSQL with BENCH_BOARD_TICKETS (default 10,000) tickets: the one
// statement of src/db/queries/staff-list.ts under the filters staff use (default view, overdue,
// due soon, triage, a right, an assignee, a search, a later page), each answer also drawn as the
// page's HTML. Figures: p50 and p99 of query + render (and of the query alone) over BENCH_BOARD_ROUNDS
// rounds of all filters.
// Uses PD_TEST_PG_URL when set (inside `npm test`'s services), else starts PostgreSQL itself.

const TICKETS = Number(process.env.BENCH_BOARD_TICKETS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_BOARD_ROUNDS ?? 30);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-03-02T05:00:00Z');
const TZ = 'Asia/Almaty';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A mix like a busy year: most tickets finished, a few hundred being worked on. */
async function seed(database: Database): Promise<void> {
  const statuses: TicketStatus[] = [...TICKET_STATUSES];
  const rows = [];
  for (let i = 0; i < TICKETS; i++) {
    const status = i % 10 < 7 ? statuses[4 + (i % 3)]! : statuses[i % 4]!;
    const rights: Right[] = [RIGHTS[i % RIGHTS.length]!, ...(i % 5 === 0 ? [RIGHTS[(i + 2) % RIGHTS.length]!] : [])];
    const received = new Date(NOW.getTime() - (i % 400) * 86_400_000);
    rows.push({
      number: `DSR-2026-${String(i + 1).padStart(6, '0')}`,
      status,
      requesterEmail: `requester${i}@example.${['com', 'org', 'net'][i % 3]}`,
      language: (['ru', 'kk', 'en'] as const)[i % 3]!,
      rights,
      triage: i % 17 === 0,
      receivedAt: received,
      dueAt: status === 'unverified' ? null : new Date(received.getTime() + 14 * 86_400_000),
      assignee: i % 4 === 0 ? null : `staff${i % 6}@mexrontal.com`,
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await database.db.insert(tickets).values(rows.slice(i, i + 1000));
  await database.db.execute(sql`analyze tickets`);
}

async function withPostgres<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const given = process.env.PD_TEST_PG_URL;
  let services: string | undefined;
  let adminUrl = given;
  if (!adminUrl) {
    services = mkdtempSync(path.join(tmpdir(), 'pd-bench-services-'));
    execFileSync('bash', [path.join(repoRoot, 'scripts/services.sh'), 'start', services], { stdio: ['ignore', 'ignore', 'inherit'] });
    const m = /^export PD_TEST_PG_URL='(.*)'$/m.exec(readFileSync(path.join(services, 'env'), 'utf8'));
    adminUrl = m?.[1];
    if (!adminUrl) throw new Error('services.sh wrote no PD_TEST_PG_URL');
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe('drop database if exists pd_bench_board with (force)');
    await admin.unsafe('create database pd_bench_board');
    const url = new URL(adminUrl);
    url.pathname = '/pd_bench_board';
    return await fn(url.toString());
  } finally {
    await admin.unsafe('drop database if exists pd_bench_board with (force)').catch(() => undefined);
    await admin.end({ timeout: 5 });
    if (services) execFileSync('bash', [path.join(repoRoot, 'scripts/services.sh'), 'stop', services], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  return withPostgres(async (url) => {
    const database = await openDatabase({ kind: 'postgres', url, max: 2 });
    try {
      await migrate(database);
      await seed(database);
      const base: QueueFilter = { status: 'current', right: null, assignee: null, overdue: false, dueSoon: false, triage: false, search: null };
      const filters: Array<[string, QueueFilter, number]> = [
        ['default', base, 0],
        ['overdue', { ...base, overdue: true }, 0],
        ['due_soon', { ...base, dueSoon: true }, 0],
        ['triage', { ...base, triage: true }, 0],
        ['right', { ...base, right: 'erasure' }, 0],
        ['assignee', { ...base, assignee: 'staff3@mexrontal.com' }, 0],
        ['search', { ...base, status: 'all', search: 'requester42' }, 0],
        ['all_page_20', { ...base, status: 'all' }, 19 * PAGE_SIZE],
      ];
      const dueSoonUntil = addWorkingDays(NOW, 3, { calendar: weekdayCalendar, timeZone: TZ }).dueAt;
      const view = { lang: 'ru' as const, timeZone: TZ, calendar: weekdayCalendar, now: NOW };
      const times: number[] = [];
      const queryTimes: number[] = [];
      const perFilter: Record<string, number[]> = {};
      for (let round = 0; round < ROUNDS + 2; round++) {
        for (const [name, filter, offset] of filters) {
          const t = performance.now();
          const data = await queuePage(database.db, filter, { now: NOW, dueSoonUntil, limit: PAGE_SIZE, offset });
          const queried = performance.now() - t;
          queueBody(BOARD_COPY.ru, { filter, page: offset / PAGE_SIZE + 1 }, data, view);
          const ms = performance.now() - t;
          // The first two rounds warm the connection and the plan cache.
          if (round >= 2) {
            times.push(ms);
            queryTimes.push(queried);
            (perFilter[name] ??= []).push(ms);
          }
        }
      }
      times.sort((a, b) => a - b);
      queryTimes.sort((a, b) => a - b);
      if (process.env.BENCH_EXPLAIN === '1') {
        for (const [name, filter, offset] of filters) {
          const plan = await rows<Record<string, string>>(database.db, sql`explain analyze ${queueQuery(filter, { now: NOW, dueSoonUntil, limit: PAGE_SIZE, offset })}`);
          console.error(`--- ${name}\n${plan.map((r) => Object.values(r)[0]).join('\n')}`);
        }
      }
      const slowest = Object.entries(perFilter)
        .map(([name, ms]) => [name, percentile(ms.sort((a, b) => a - b), 99)] as const)
        .sort((a, b) => b[1] - a[1])[0]!;
      return [
        {
          database: 'postgres',
          tickets: TICKETS,
          queries: times.length,
          p50_ms: Number(percentile(times, 50).toFixed(2)),
          p99_ms: Number(percentile(times, 99).toFixed(2)),
          max_ms: Number((times.at(-1) ?? 0).toFixed(2)),
          query_only_p50_ms: Number(percentile(queryTimes, 50).toFixed(2)),
          query_only_p99_ms: Number(percentile(queryTimes, 99).toFixed(2)),
          slowest_filter: slowest[0],
          slowest_filter_p99_ms: Number(slowest[1].toFixed(2)),
        },
      ];
    } finally {
      await database.close();
    }
  });
}
