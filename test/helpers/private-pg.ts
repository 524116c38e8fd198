import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { repoRoot } from './service.js';

// A PostgreSQL of one test file's own (scripts/services.sh start-pg), for tests that restart or
// stop their database: the suite-wide one serves other files in parallel and must stay up.

const run = promisify(execFile);

export interface PrivatePostgres {
  url: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

async function services(...args: string[]): Promise<void> {
  await run('bash', [path.join(repoRoot, 'scripts/services.sh'), ...args], { timeout: 120_000 });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-private-pg-'));
  await services('start-pg', dir);
  const port = Number(readFileSync(path.join(dir, 'pg/port'), 'utf8').trim());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => services('pg', dir, 'restart'),
    stop: () => services('pg', dir, 'stop'),
    start: () => services('pg', dir, 'start'),
    remove: () => services('stop', dir),
  };
}

export interface PrivatePostgresHandle {
  readonly pg: PrivatePostgres;
  /** One connection to its maintenance database, where the service's tables live too. */
  readonly sql: postgres.Sql;
  /** `select count(*) as n ...`, or -1 while the database is away: the test's client meets the outage too. */
  count(query: string): Promise<number>;
}

/** A private PostgreSQL for the enclosing describe: started in beforeAll, removed in afterAll. */
export function usePrivatePostgres(): PrivatePostgresHandle {
  let pg: PrivatePostgres | undefined;
  let sql: postgres.Sql | undefined;
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  }, 180_000);
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await pg?.remove();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the private PostgreSQL was not started (see the beforeAll error)');
    return v;
  };
  return {
    get pg() {
      return started(pg);
    },
    get sql() {
      return started(sql);
    },
    async count(query) {
      try {
        return Number((await started(sql).unsafe(query))[0]!.n);
      } catch {
        return -1;
      }
    },
  };
}
