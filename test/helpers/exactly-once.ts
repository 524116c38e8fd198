import { readdirSync } from 'node:fs';
import path from 'node:path';
import type postgres from 'postgres';
import { expect } from 'vitest';
import { waitWithService, type ServiceProcess } from './service.js';
import type { CountingListener } from './smtp-listener.js';

// The end of a fault test: whatever was done to the service (kills, restarts, outages), every
// request ended as one ticket with one confirmation, and every mail went out once. The checks
// every fault test shares live here; what one test alone proves stays in that test.

export interface ExactlyOnce {
  /** Requests sent: one ticket each, each from its own requester. */
  requests: number;
  /** Messages by outcome (`{ ticket: n }`, or with `ignored` for mail that is not a request). */
  outcomes?: Record<string, number>;
  /** Messages stored: this many, each Message-ID once. */
  messages?: number;
  /**
   * `queued`: one confirmation per ticket, besides the managers' digest (the run may pass 09:00 in
   * Almaty). `sent`: every outbox row is a sent confirmation, one per ticket (runs without digest).
   */
  confirmations?: 'queued' | 'sent';
  /** The service's DATA_DIR in file mode: one .eml in mail/outbox per sent row. */
  dataDir?: string;
  /** The listener accepted exactly the outbox's Message-IDs. */
  listener?: CountingListener;
  /** With `listener`: the test checks duplicates itself (a kill may allow one); else there must be none. */
  duplicatesCheckedByTest?: boolean;
}

export async function expectExactlyOnce(sql: postgres.Sql, want: ExactlyOnce): Promise<void> {
  const n = want.requests;
  if (want.outcomes) {
    const outcomes = await sql`select outcome, count(*)::int as n from messages group by outcome`;
    expect(Object.fromEntries(outcomes.map((o) => [o.outcome, o.n]))).toEqual(want.outcomes);
  }
  if (want.messages !== undefined) {
    const [m] = await sql`select count(*)::int as n, count(distinct message_id)::int as ids from messages`;
    expect(m).toEqual({ n: want.messages, ids: want.messages });
  }
  const [t] = await sql`select count(*)::int as n, count(distinct requester_email)::int as people from tickets`;
  expect(t).toEqual({ n, people: n });
  if (want.confirmations === 'queued') {
    const mails = await sql`select template, count(*)::int as n, count(distinct ticket_id)::int as tickets from outbox
                            where template <> 'manager_digest' group by template`;
    expect(mails.map((r) => ({ ...r }))).toEqual([{ template: 'confirm_request', n, tickets: n }]);
  } else if (want.confirmations === 'sent') {
    const mails = await sql`select template, status, count(*)::int as n, count(distinct ticket_id)::int as tickets from outbox group by template, status`;
    expect(mails.map((r) => ({ ...r }))).toEqual([{ template: 'confirm_request', status: 'sent', n, tickets: n }]);
  }
  if (want.dataDir !== undefined) {
    const [sent] = await sql`select count(*)::int as n from outbox where status = 'sent'`;
    expect(readdirSync(path.join(want.dataDir, 'mail', 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(sent!.n as number);
  }
  if (want.listener) {
    if (!want.duplicatesCheckedByTest) expect(want.listener.duplicates()).toEqual([]);
    const ids = (await sql<Array<{ message_id: string }>>`select message_id from outbox`).map((r) => r.message_id);
    expect([...want.listener.accepted.keys()].sort()).toEqual(ids.sort());
  }
}

/**
 * Waits until every request has its outcome and each confirmation is sent (and, with a listener,
 * accepted there). Errors while the database is away count as "not yet".
 */
export async function waitForEveryConfirmation(
  svc: ServiceProcess,
  sql: postgres.Sql,
  opts: { requests: number; listener?: CountingListener; timeoutMs?: number },
): Promise<void> {
  const count = async (query: string): Promise<number> => Number((await sql.unsafe(query))[0]!.n);
  const what = opts.listener
    ? 'every request to become a ticket and every confirmation to be accepted'
    : 'every request to become a ticket and every confirmation to be sent';
  await waitWithService(
    svc,
    what,
    async () =>
      (await count('select count(*) as n from messages where outcome is not null')) === opts.requests &&
      (await count(`select count(*) as n from outbox where status = 'sent' and template = 'confirm_request'`)) === opts.requests &&
      (opts.listener === undefined || opts.listener.accepted.size === opts.requests),
    opts.timeoutMs,
  );
}
