import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { requireEnv } from './env.js';
import { adminUrl, databaseUrl } from './pg-url.js';
import { cloneTemplate, dropDatabase } from './throwaway-pg.js';

// A fresh database per test file (or per describe): PostgreSQL clones the migrated template,
// PGlite runs in memory and migrates. Database tests run on both, because production runs on both.

export const DB_KINDS = ['postgres', 'pglite'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export interface TestDatabase {
  kind: DbKind;
  database: Database;
  /** Closes the pool; for PostgreSQL also drops the database. Safe to call twice. */
  close(): Promise<void>;
}

/** True when the throwaway PostgreSQL of `npm test` is there (PD_TEST_PG_URL is set). */
export function isPostgresAvailable(): boolean {
  return adminUrl() !== undefined;
}

/**
 * The kinds to run. PD_TEST_DB=pglite or =postgres narrows it on purpose (a quick local loop);
 * otherwise both, and a missing PostgreSQL makes the postgres variants fail, not skip.
 */
export function dbKinds(): readonly DbKind[] {
  const only = process.env.PD_TEST_DB;
  if (only === 'pglite' || only === 'postgres') return [only];
  if (only) throw new Error(`PD_TEST_DB="${only}": expected pglite or postgres (or unset for both)`);
  return DB_KINDS;
}

export async function createTestDatabase(kind: DbKind, opts: { max?: number } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dir: null });
    try {
      await migrate(database);
    } catch (err) {
      await database.close();
      throw err;
    }
    return { kind, database, close: once(() => database.close()) };
  }

  const url = requireEnv('PD_TEST_PG_URL');
  const name = `pd_test_${randomBytes(6).toString('hex')}`;
  await cloneTemplate(url, name);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, name), max: opts.max ?? 5 });
  return {
    kind,
    database,
    close: once(async () => {
      try {
        await database.close();
      } finally {
        await dropDatabase(url, name);
      }
    }),
  };
}

/**
 * Runs `fn` once per database kind, each in its own describe with a fresh database created in
 * beforeAll and dropped in afterAll. `db()` returns the open database inside tests and hooks.
 */
export function describeEachDb(name: string, fn: (db: () => Database, kind: DbKind) => void): void {
  for (const kind of dbKinds()) {
    describe(`${name} [${kind}]`, () => {
      let t: TestDatabase | undefined;
      beforeAll(async () => {
        t = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await t?.close();
      });
      fn(() => {
        if (!t) throw new Error(`the ${kind} test database was not created (see the beforeAll error)`);
        return t.database;
      }, kind);
    });
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
