import type postgres from 'postgres';

// drizzle-orm runs every query through postgres.js `unsafe(text, params, { prepare: false })`
// unless it was built with `.prepare(name)`. An unprepared query with parameters costs two round
// trips in postgres.js (Parse and Describe to learn the parameter types, then Bind and Execute)
// and a parse and plan on the server, every time. Prepared, it is one round trip after the first:
// the statement is kept per connection under its text and types, and drizzle builds the same text
// for the same query shape. Through a flood of requests that halves the database round trips.
// Queries without parameters are sent as they are (one round trip already); so is everything when
// the pool was opened with prepare off (`?prepare=false` in DATABASE_URL, for a pooler such as
// PgBouncer in transaction mode, which cannot keep a statement between transactions).

type Client = postgres.Sql | postgres.TransactionSql;
type Unsafe = (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) => unknown;
type Scoped = (...args: unknown[]) => unknown;

/** The client, with every parameterised query run as a prepared statement. */
export function preparingClient<T extends postgres.Sql>(client: T): T {
  return client.options.prepare === false ? client : preparing(client);
}

function preparing<T extends Client>(client: T): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'unsafe') {
        const unsafe = value as Unsafe;
        return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          unsafe(query, params, params && params.length > 0 ? { ...options, prepare: true } : options);
      }
      // A transaction (and a savepoint in it) hands its callback a client of its own connection.
      if (prop === 'begin' || prop === 'savepoint') {
        const scoped = value as Scoped;
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return scoped(...args, (tx: postgres.TransactionSql) => fn(preparing(tx)));
        };
      }
      return value;
    },
  });
}
