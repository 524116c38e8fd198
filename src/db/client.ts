import postgres from 'postgres';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.js';
import { acquireDirLock, type DirLock } from './dir-lock.js';
import { openPglite } from './pglite.js';
import { preparingClient } from './prepared.js';
import { ensurePrivateDir, makeTreePrivate } from '../private-files.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * PostgreSQL only: a client of one connection outside the pool, for a session-level advisory
   * lock. Never a reserved pool connection: a reserved connection whose server restarted stays
   * pinned and dead. `onclose` says the session (and every lock on it) is gone.
   */
  sessionClient?: (onclose?: () => void) => postgres.Sql;
  /**
   * PostgreSQL only: a second pool of two connections for short transactions run while the caller
   * holds a connection of the main pool (the mail budget, verify/deps.ts). Waiting on the main pool
   * there could deadlock once every connection is held by a transaction doing the same.
   */
  side?: Db;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: 'pglite'; dir: string | null } | { kind: 'postgres'; url: string; max?: number };

/**
 * Opens PGlite (a directory, or in memory with dir null) or a PostgreSQL pool. An embedded
 * database directory can be open in one process only: a lock file says which one holds it.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const client = postgres(target.url, {
      max: target.max ?? 10,
      onnotice: () => {},
      connection: { application_name: 'privacy-desk' },
    });
    const db = drizzlePostgres({ client: preparingClient(client), schema }) as unknown as Db;
    const url = target.url;
    const sideClient = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: 'privacy-desk' } });
    return {
      db,
      kind: 'postgres',
      side: drizzlePostgres({ client: preparingClient(sideClient), schema }) as unknown as Db,
      sessionClient: (onclose) =>
        postgres(url, {
          max: 1,
          // A lock must not end with a connection recycled for age or idleness.
          max_lifetime: null,
          idle_timeout: 0,
          onnotice: () => {},
          connection: { application_name: 'privacy-desk' },
          ...(onclose ? { onclose } : {}),
        }),
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), sideClient.end({ timeout: 5 })]);
      },
    };
  }
  let lock: DirLock | undefined;
  if (target.dir) {
    ensurePrivateDir(target.dir);
    lock = acquireDirLock(target.dir);
  }
  try {
    const client = await openPglite(target.dir);
    if (target.dir) makeTreePrivate(target.dir);
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      close: async () => {
        try {
          await client.close();
          if (target.dir) makeTreePrivate(target.dir);
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** Runs hand-written SQL and returns its rows, the same on both drivers. */
export async function rows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const res: unknown = await db.execute(query);
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}
