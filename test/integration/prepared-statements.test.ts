import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rows, type Database } from '../../src/db/client.js';
import { messages } from '../../src/db/schema.js';
import { useThrowawayDatabase } from '../helpers/throwaway-pg.js';

// drizzle's queries run as prepared statements on PostgreSQL: one round trip each instead of two,
// and no parse and plan on the server for a query it has seen. A pooler that cannot keep
// statements (PgBouncer in transaction mode) gets them unprepared with ?prepare=false.

async function preparedOnOneConnection(database: Database): Promise<string[]> {
  return database.db.transaction(async (tx) => {
    await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, 424242));
    await tx.select({ id: messages.id }).from(messages).where(eq(messages.id, 434343));
    const found = await rows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements`);
    return found.map((r) => r.statement);
  });
}

describe('prepared statements on PostgreSQL', () => {
  const pg = useThrowawayDatabase('pd_prepared');

  it('runs a parameterised query as one named statement, reused for other values', async () => {
    const database = await openDatabase({ kind: 'postgres', url: pg.url, max: 1 });
    try {
      const statements = await preparedOnOneConnection(database);
      expect(statements.filter((s) => s.includes('from "messages"') && s.includes('"messages"."id" = $1'))).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('prepares in a transaction and its savepoints, and returns what an unprepared query would', async () => {
    const database = await openDatabase({ kind: 'postgres', url: pg.url, max: 1 });
    try {
      const got = await database.db.transaction(async (tx) =>
        tx.transaction(async (inner) => {
          const r = await rows<{ n: number; t: string }>(inner, sql`select ${41}::int + 1 as n, ${'ünïcode'}::text as t`);
          const names = await rows<{ n: number }>(inner, sql`select count(*)::int as n from pg_prepared_statements where statement like ${'%+ 1 as n%'}`);
          return { r: r[0], prepared: names[0]?.n };
        }),
      );
      expect(got).toEqual({ r: { n: 42, t: 'ünïcode' }, prepared: 1 });
    } finally {
      await database.close();
    }
  });

  it('leaves every query unprepared when the URL says prepare=false (a transaction-mode pooler)', async () => {
    const url = new URL(pg.url);
    url.searchParams.set('prepare', 'false');
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), max: 1 });
    try {
      expect(await preparedOnOneConnection(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
