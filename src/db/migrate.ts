import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Database } from './client.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

// Any fixed number: instances starting together queue on it, so one migrates and the rest wait.
const MIGRATION_LOCK = 7_215_330_101;

/** Applies the SQL migrations in drizzle/ that are not yet applied; safe to run from many instances. */
export async function migrate(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase<Record<string, unknown>>, config);
    return;
  }
  // The advisory lock is session-level: it lives on a connection of its own, ended afterwards
  // (which drops the lock even when the unlock cannot be sent).
  const conn = database.sessionClient!();
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(database.db as unknown as PostgresJsDatabase<Record<string, unknown>>, config);
  } finally {
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    await conn.end({ timeout: 1 });
  }
}
