import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { rows, type Queryable } from '../../src/db/client.js';
import { outbox, tickets } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { createTransport } from '../../src/outbox/transport.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/outbox/worker.js';
import { confirmRequest } from '../../src/verify/confirm.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';
import { waitFor } from '../helpers/wait.js';
import { linkToken } from './verify-support.js';

// Issue 12: the confirmation link must not be at rest. A request goes in through intake, the
// worker mails the link to a folder, and then every row of every table is read as text: neither
// the token nor the link may be anywhere in the database, while the mail that went out works.

/** Every row of every table of the schema, as text: what a database backup holds. */
async function dumpDatabase(db: Queryable): Promise<string[]> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  );
  const out: string[] = [];
  for (const { name } of tables) {
    const r = await rows<{ row: string }>(db, sql`select t::text as row from ${sql.identifier(name)} t`);
    out.push(...r.map((x) => `${name}: ${x.row}`));
  }
  return out;
}

describeEachDb('secret links', (db) => {
  let app: App;
  let worker: OutboxWorker;
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-secret-links-'));

  beforeAll(async () => {
    app = await openApp(testConfig(), silentLogger(), { ...db(), close: async () => {} });
    worker = createOutboxWorker(app.ctx, createTransport({ smtp: { kind: 'folder', dir } }), { intervalMs: 50 });
    worker.start();
  });

  afterAll(async () => {
    await worker?.stop();
  });

  async function sentMail(outboxId: number) {
    const file = await waitFor(`the .eml of outbox row ${outboxId}`, () => readdirSync(dir).find((f) => f.endsWith(`-${outboxId}.eml`)));
    return simpleParser(readFileSync(path.join(dir, file)));
  }

  it('keeps neither the confirmation token nor the link in any table once the mail is sent, and the sent link works', async () => {
    const raw = buildMail({ from: 'Dana Example <dana.secret@example.com>' });
    const r = await app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
    expect(r.outcome).toBe('ticket');
    const [ticket] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    const [row] = await db().db.select().from(outbox).where(eq(outbox.ticketId, ticket!.id));
    // Before sending, too, the row holds a placeholder, not a link.
    expect(row!.text).not.toMatch(/\/confirm\/[A-Za-z0-9_-]{43}\b/);
    expect(row!.secretLinks).toHaveLength(1);

    await waitFor('the confirmation mail to be sent', async () => (await db().db.select().from(outbox).where(eq(outbox.id, row!.id)))[0]!.status === 'sent');
    const mail = await sentMail(row!.id);
    const token = linkToken(mail.text ?? '');
    expect(mail.html || '').toContain(`/confirm/${token}`);
    expect(mail.text).not.toContain('pd-secret-');

    const dump = (await dumpDatabase(db().db)).join('\n');
    expect(dump).toContain(ticket!.number); // the dump does read the tables
    expect(dump).not.toContain(token);
    expect(dump).not.toMatch(/\/confirm\/[A-Za-z0-9_-]{43}\b/);

    const confirmed = await confirmRequest(db().db, app.verify, token);
    expect(confirmed).toMatchObject({ done: true, action: 'confirm' });
  });
});
