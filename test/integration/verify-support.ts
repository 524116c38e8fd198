import { and, asc, eq } from 'drizzle-orm';
import { loadCalendar, wireIntake } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { Database } from '../../src/db/client.js';
import { weekdayCalendar } from '../../src/deadlines/working-days.js';
import { messages, outbox, ticketEvents, tickets, verificationTokens, type OutboxRow, type TicketRow } from '../../src/db/schema.js';
import type { Language, Right } from '../../src/domain.js';
import { StatusBoard } from '../../src/lifecycle/status.js';
import { createRenderer, type Renderer } from '../../src/outbox/render.js';
import { revealSecretLinks } from '../../src/outbox/secret-link.js';
import type { VerifyDeps } from '../../src/verify/deps.js';
import { requestConfirmation } from '../../src/verify/request.js';
import { inlineReader } from '../../src/mail/reader.js';
import type { Intake, RightsClassifier } from '../../src/intake.js';
import { captureLog, STUB_CLASSIFIER, testConfig, type CapturedLog } from '../helpers/app.js';

// Shared by the verification and web integration tests: a context with a clock the test moves,
// tickets inserted directly, and the link read back from the confirm_request mail in the outbox.

export interface Clock {
  now: () => Date;
  set(at: Date): void;
  advanceHours(hours: number): void;
}

export function fakeClock(start = new Date('2026-03-02T05:00:00Z')): Clock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = at.getTime();
    },
    advanceHours: (h) => {
      t += h * 3_600_000;
    },
  };
}

export interface Fixture {
  ctx: AppContext;
  deps: VerifyDeps;
  clock: Clock;
  logs: CapturedLog;
  config: Config;
}

let renderer: Promise<Renderer> | undefined;

export async function makeFixture(database: Database, env: Record<string, string> = {}, clock = fakeClock()): Promise<Fixture> {
  const config = testConfig({ HTTP_PORT: '0', ...env });
  const logs = captureLog();
  // Compiling every template takes a moment: once per test file is plenty (the config's org values are the same).
  renderer ??= createRenderer(config);
  const calendar = loadCalendar(config);
  const ctx: AppContext = { config, database, log: logs.log, status: new StatusBoard(), now: clock.now, calendar };
  const deps: VerifyDeps = { config, renderer: await renderer, now: clock.now, log: logs.log, calendar };
  return { ctx, deps, clock, logs, config };
}

/** The intake the web server's staff board opens quarantined mail with: the real pipeline, a stub classifier. */
export function boardIntake(fx: Fixture, classifier: RightsClassifier = STUB_CLASSIFIER): { intake: Intake } {
  const reader = inlineReader(classifier, fx.config.limits.processingTimeoutMs, fx.config.staffThread.relayMaxAttachmentBytes);
  return { intake: wireIntake(fx.ctx, fx.deps, reader) };
}

let seq = 0;

/** A new request as intake leaves it: an origin message and an unverified ticket. */
export async function insertTicket(
  database: Database,
  over: { email?: string; language?: Language; rights?: Right[]; triage?: boolean; receivedAt?: Date; text?: string } = {},
): Promise<TicketRow> {
  seq++;
  const n = `${process.pid}${seq}`.slice(-6).padStart(6, '0');
  const db = database.db;
  const messageId = `<origin-${n}-${Date.now()}@example.com>`;
  const raw = Buffer.from(`Message-ID: ${messageId}\r\n\r\nhello\r\n`);
  const [m] = await db
    .insert(messages)
    .values({
      sourceKey: `test:${messageId}`,
      mailbox: 'test',
      raw,
      rawSha256: messageId,
      size: raw.length,
      messageId,
      sender: over.email ?? 'aigerim@example.com',
      subject: 'Запрос на управление данными',
      textBody: over.text ?? 'Прошу удалить мои данные.',
      references: ['<earlier@example.com>'],
      outcome: 'ticket',
    })
    .returning();
  const [t] = await db
    .insert(tickets)
    .values({
      number: `DSR-2026-${n}`,
      status: 'unverified',
      requesterEmail: over.email ?? 'aigerim@example.com',
      requesterName: 'Aigerim',
      language: over.language ?? 'ru',
      rights: over.rights ?? ['erasure'],
      triage: over.triage ?? false,
      subject: 'Запрос на управление данными',
      originMessageId: m!.id,
      receivedAt: over.receivedAt ?? new Date('2026-03-02T05:00:00Z'),
    })
    .returning();
  await db.update(messages).set({ ticketId: t!.id }).where(eq(messages.id, m!.id));
  return t!;
}

/** Runs requestConfirmation the way intake does: in a transaction with the ticket. */
export async function request(fx: Fixture, ticket: TicketRow, opts: { authenticated?: boolean } = {}): Promise<void> {
  const [m] = await fx.ctx.database.db.select().from(messages).where(eq(messages.id, ticket.originMessageId!));
  await fx.ctx.database.db.transaction((tx) =>
    requestConfirmation(tx, fx.deps, ticket, { messageId: m!.messageId, references: m!.references ?? [], authenticated: opts.authenticated ?? false }),
  );
}

export function mailsOf(database: Database, ticketId: number): Promise<OutboxRow[]> {
  return database.db.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(asc(outbox.id));
}

export async function eventsOf(database: Database, ticketId: number, kind?: string) {
  return database.db
    .select()
    .from(ticketEvents)
    .where(kind ? and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind)) : eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.id));
}

export async function ticketOf(database: Database, id: number): Promise<TicketRow> {
  const [t] = await database.db.select().from(tickets).where(eq(tickets.id, id));
  return t!;
}

export async function tokensOf(database: Database, ticketId: number) {
  return database.db.select().from(verificationTokens).where(eq(verificationTokens.ticketId, ticketId)).orderBy(asc(verificationTokens.id));
}

/** The token in the link of a mail's plain-text body. */
export function linkToken(text: string): string {
  const m = /\/confirm\/([A-Za-z0-9_-]{43})\b/.exec(text);
  if (!m) throw new Error('no confirmation link in the mail');
  return m[1]!;
}

/** The mail as the worker puts it on the wire: the row's secret-link placeholders filled in. */
export function sentText(row: OutboxRow, secret: string): string {
  return revealSecretLinks(row, row.secretLinks, secret).text;
}

/** The link token of the latest mail of `template` for the ticket, as the worker would send it. */
export async function latestLink(database: Database, ticketId: number, template = 'confirm_request', secret = testConfig().secret): Promise<string> {
  const rows = (await mailsOf(database, ticketId)).filter((r) => r.template === template);
  const last = rows[rows.length - 1];
  if (!last) throw new Error(`no ${template} mail for ticket ${ticketId}`);
  return linkToken(sentText(last, secret));
}
