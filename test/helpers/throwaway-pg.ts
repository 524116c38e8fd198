import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { requireEnv } from './env.js';
import { TEMPLATE_DB, databaseUrl } from './pg-url.js';

// A throwaway database on the suite's PostgreSQL, cloned from the migrated template, for tests that
// talk to it with raw SQL and hand its URL to a service process. Dropped (with force: a killed
// service may leave sessions behind) when the test is done with it.

export interface ThrowawayDatabase {
  name: string;
  url: string;
  sql: postgres.Sql;
  /** Closes `sql` and drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

/** `create database <name> template pd_template` on the admin URL, retried while the template is busy. */
export async function cloneTemplate(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (admin) => {
    // Two files cloning at the same instant can see "source database is being accessed": retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === '3D000') {
          throw new Error(`${TEMPLATE_DB} does not exist: run the integration project (its globalSetup creates it)`, {
            cause: err,
          });
        }
        if (code !== '55006' || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (admin) => admin.unsafe(`drop database if exists ${name} with (force)`));
}

/** A fresh clone named `<prefix>_<random>`, with a small pool on it. */
export async function createThrowawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const admin = requireEnv('PD_TEST_PG_URL');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await cloneTemplate(admin, name);
  const url = databaseUrl(admin, name);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  let dropped: Promise<void> | undefined;
  return {
    name,
    url,
    sql,
    drop: () =>
      (dropped ??= (async () => {
        try {
          await sql.end({ timeout: 5 });
        } finally {
          await dropDatabase(admin, name);
        }
      })()),
  };
}

/**
 * One throwaway database for the enclosing describe: created in beforeAll, dropped in afterAll.
 * The getters throw until beforeAll has run (or when it failed), naming the cause.
 */
export function useThrowawayDatabase(prefix: string): { readonly sql: postgres.Sql; readonly url: string } {
  let db: ThrowawayDatabase | undefined;
  beforeAll(async () => {
    db = await createThrowawayDatabase(prefix);
  });
  afterAll(async () => {
    await db?.drop();
  });
  const current = (): ThrowawayDatabase => {
    if (!db) throw new Error(`the ${prefix} test database was not created (see the beforeAll error)`);
    return db;
  };
  return {
    get sql() {
      return current().sql;
    },
    get url() {
      return current().url;
    },
  };
}

async function withAdmin<T>(url: string, fn: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
