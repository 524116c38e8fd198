import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Language, Outcome, Right, TicketStatus } from '../domain.js';

// The whole data model. Migrations in drizzle/ are generated from this file (npm run db:generate)
// and are append-only. Closed sets (status, outcome) are TEXT with CHECK constraints so that the
// same SQL runs on PostgreSQL and PGlite and adding a value is a plain migration.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every inbound message, raw bytes first; parsed fields and the outcome are filled in after. */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Where it came from, unique: `imap:<mailbox>:<uidvalidity>:<uid>`, `local:<sha256>`, `cli:<sha256>`. */
    sourceKey: text('source_key').notNull(),
    mailbox: text('mailbox').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    uid: bigint('uid', { mode: 'number' }),
    raw: bytea('raw').notNull(),
    /**
     * The From address read from the raw headers when stored (mail/sender-key.ts): intake never
     * processes two unfinished messages of one sender at once, and takes them in arrival order.
     */
    senderKey: text('sender_key'),
    rawSha256: text('raw_sha256').notNull(),
    size: integer('size').notNull(),
    /** The Message-ID header, or `<sha256@derived.privacy-desk>` when the mail has none. */
    messageId: text('message_id'),
    sender: text('sender'),
    senderName: text('sender_name'),
    subject: text('subject'),
    textBody: text('text_body'),
    language: text('language').$type<Language>(),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references').$type<string[]>(),
    autoKind: text('auto_kind').$type<'none' | 'auto_reply' | 'bounce' | 'loop'>(),
    outcome: text('outcome').$type<Outcome>(),
    /** Error code from src/errors.ts when quarantined, or a short reason for other outcomes. */
    reason: text('reason'),
    reasonDetail: text('reason_detail'),
    ticketId: bigint('ticket_id', { mode: 'number' }).references(() => tickets.id),
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
    attempts: integer('attempts').notNull().default(0),
    /** A worker processing the message holds it until then (the claim counts an attempt). */
    claimedUntil: tstz('claimed_until'),
    internalDate: tstz('internal_date'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    processedAt: tstz('processed_at'),
    /** Set when retention removed the raw bytes, body, sender and subject. */
    purgedAt: tstz('purged_at'),
    /** Staff looked at a quarantined message and let it be (`cli quarantine dismiss`). */
    dismissedAt: tstz('dismissed_at'),
  },
  (t) => [
    uniqueIndex('messages_source_key_uq').on(t.sourceKey),
    index('messages_message_id_idx').on(t.messageId),
    index('messages_pending_idx').on(t.id).where(sql`outcome is null`),
    index('messages_sender_pending_idx').on(t.senderKey, t.id).where(sql`outcome is null`),
    index('messages_ticket_idx').on(t.ticketId),
    index('messages_sha_idx').on(t.rawSha256),
    check(
      'messages_outcome_ck',
      sql`outcome is null or outcome in ('ticket','thread','ignored','auto','duplicate','quarantined')`,
    ),
  ],
);

/**
 * Insert-or-nothing guard: the first message with a given (Message-ID, sender) owns the key;
 * a re-delivery finds the key taken and becomes a duplicate.
 */
export const messageKeys = pgTable('message_keys', {
  key: text('key').primaryKey(),
  messageRowId: bigint('message_row_id', { mode: 'number' })
    .notNull()
    .references(() => messages.id),
});

/**
 * The staff queue's order: tickets being worked on first, then unconfirmed ones, then finished
 * ones. Literal SQL, the same text in the index below and in the queue's ORDER BY
 * (db/queries/staff-list.ts), so that PostgreSQL can walk the index instead of sorting.
 */
export const TICKET_URGENCY_SQL = "(case when status in ('open', 'in_progress', 'waiting') then 0 when status = 'unverified' then 1 else 2 end)";

/** Ticket numbers are global and never reused; the year in DSR-YYYY-NNNNNN is the year received. */
export const ticketNumberSeq = pgSequence('ticket_number_seq', { startWith: 1 });

export const tickets = pgTable(
  'tickets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Public number, e.g. DSR-2026-000042. */
    number: text('number').notNull(),
    status: text('status').$type<TicketStatus>().notNull().default('unverified'),
    requesterEmail: text('requester_email').notNull(),
    requesterName: text('requester_name'),
    language: text('language').$type<Language>().notNull(),
    rights: jsonb('rights').$type<Right[]>().notNull().default([]),
    /** Confidence per right from the classifier, kept to explain the decision. */
    confidence: jsonb('confidence').$type<Partial<Record<Right, number>>>().notNull().default({}),
    /** Staff must read the letter and set the rights (classifier found none, or no request). */
    triage: boolean('triage').notNull().default(false),
    subject: text('subject'),
    originMessageId: bigint('origin_message_id', { mode: 'number' }),
    receivedAt: tstz('received_at').notNull(),
    verifiedAt: tstz('verified_at'),
    dueAt: tstz('due_at'),
    /** Why the due date is what it is: days counted, holidays skipped, extensions. */
    dueBasis: jsonb('due_basis').$type<Record<string, unknown>>(),
    closedAt: tstz('closed_at'),
    /** Staff address that handles the ticket and gets the requester's follow-ups (`#assign`). */
    assignee: text('assignee'),
    /** Kept by retention for the statistics: closed by its due date (null unless closed). */
    onTime: boolean('on_time'),
    /** Set when retention anonymised the ticket: no names, addresses or text remain. */
    purgedAt: tstz('purged_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.number),
    uniqueIndex('tickets_origin_uq').on(t.originMessageId),
    index('tickets_status_idx').on(t.status),
    index('tickets_requester_idx').on(t.requesterEmail),
    // The staff board's queue (src/db/queries/staff-list.ts): most urgent first within a status,
    // by assignee, and by right (jsonb containment).
    index('tickets_status_due_idx').on(t.status, t.dueAt, t.id),
    index('tickets_queue_order_idx').on(sql.raw(TICKET_URGENCY_SQL), t.dueAt, t.receivedAt, t.id),
    index('tickets_assignee_idx').on(t.assignee),
    index('tickets_rights_gin_idx').using('gin', t.rights),
    check('tickets_status_ck', sql`status in ('unverified','open','in_progress','waiting','closed','rejected','expired')`),
    check('tickets_language_ck', sql`language in ('ru','kk','en')`),
  ],
);

/** Append-only audit log of everything that happened to a ticket. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: bigint('ticket_id', { mode: 'number' })
      .notNull()
      .references(() => tickets.id),
    at: tstz('at').notNull().defaultNow(),
    /** `system`, `requester`, `staff:<address>`. */
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    messageRowId: bigint('message_row_id', { mode: 'number' }),
  },
  (t) => [
    index('ticket_events_ticket_idx').on(t.ticketId, t.id),
    // Rate limits count recent events of a kind (confirmation mail sent, held).
    index('ticket_events_kind_at_idx').on(t.kind, t.at),
  ],
);

/** What staff did to a stored message that has no ticket: quarantine retries and dismissals. */
export const messageEvents = pgTable(
  'message_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageRowId: bigint('message_row_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id),
    at: tstz('at').notNull().defaultNow(),
    /** `staff:<name>`, as on ticket events. */
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('message_events_message_idx').on(t.messageRowId, t.id)],
);

/** Where intake stands in each mailbox: last UID per UIDVALIDITY, moving only up. */
export const mailboxCursors = pgTable('mailbox_cursors', {
  mailbox: text('mailbox').primaryKey(),
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  /** Mail with an internal date before this was in the mailbox before intake began: out of scope. */
  startFrom: tstz('start_from'),
  lastPollAt: tstz('last_poll_at'),
  lastSuccessAt: tstz('last_success_at'),
  lastError: text('last_error'),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** Durable outbound mail: written in the transaction of the change that causes it. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: bigint('ticket_id', { mode: 'number' }).references(() => tickets.id),
    template: text('template').notNull(),
    language: text('language').$type<Language>().notNull(),
    toAddress: text('to_address').notNull(),
    /** addressKey(to_address): the per-recipient cap counts one mailbox under all its spellings. */
    toKey: text('to_key'),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** Our Message-ID, fixed at insert so a retry sends the very same message. */
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references').$type<string[]>().notNull().default([]),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** Secret links in the body: placeholders the worker fills at send time (src/outbox/secret-link.ts); never the token. */
    secretLinks: jsonb('secret_links').$type<Array<{ purpose: string; nonce: string }>>().notNull().default([]),
    /** Insert-or-nothing key for mail that must go at most once (reminders, digests). */
    dedupKey: text('dedup_key'),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    runAt: tstz('run_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedAt: tstz('locked_at'),
    lastError: text('last_error'),
    lastErrorCode: text('last_error_code'),
    sentAt: tstz('sent_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('outbox_message_id_uq').on(t.messageId),
    uniqueIndex('outbox_dedup_uq').on(t.dedupKey),
    index('outbox_pending_idx').on(t.runAt, t.id).where(sql`status = 'pending'`),
    // The stale-lock sweep and the failed count read only these; sent rows pile up forever.
    index('outbox_unfinished_idx').on(t.status, t.lockedAt).where(sql`status in ('sending', 'failed')`),
    index('outbox_ticket_idx').on(t.ticketId),
    index('outbox_to_idx').on(t.toAddress, t.createdAt),
    index('outbox_to_key_idx').on(t.toKey, t.createdAt),
    check('outbox_status_ck', sql`status in ('pending','sending','sent','failed')`),
  ],
);

/**
 * Files a staff reply passes on to the requester, held only until the mail is sent (then deleted
 * with markOutboxSent), so the database keeps no second copy of what staff sent.
 */
export const outboxAttachments = pgTable(
  'outbox_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    filename: text('filename'),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [uniqueIndex('outbox_attachments_uq').on(t.outboxId, t.position)],
);

/**
 * One row per running outbox worker, touched every few seconds while it runs: a row in `sending`
 * whose worker has gone quiet belongs to a dead process (kill -9, a lost machine) and is freed
 * within a minute, instead of waiting for the lock to go stale.
 */
export const outboxWorkers = pgTable('outbox_workers', {
  id: text('id').primaryKey(),
  heartbeatAt: tstz('heartbeat_at').notNull().defaultNow(),
});

/**
 * The confirmation mail budgets (verify/rate-limit.ts), counted per minute: one row per scope
 * (`recipient` with the address key, `domain`, `all` with key ''), sender class and minute. A
 * decision sums a day's or an hour's rows of three keys, however much mail went out: counting the
 * events themselves grew with the hour's mail, under the lock that every new ticket waits on.
 */
export const mailBudget = pgTable(
  'mail_budget',
  {
    scope: text('scope').$type<'recipient' | 'domain' | 'all'>().notNull(),
    key: text('key').notNull(),
    authenticated: boolean('authenticated').notNull(),
    minute: tstz('minute').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.authenticated, t.key, t.minute] }), index('mail_budget_minute_idx').on(t.minute)],
);

/** Confirmation links: only the SHA-256 of the token is stored. */
export const verificationTokens = pgTable(
  'verification_tokens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: bigint('ticket_id', { mode: 'number' })
      .notNull()
      .references(() => tickets.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    usedFor: text('used_for').$type<'confirm' | 'reject'>(),
  },
  (t) => [uniqueIndex('verification_tokens_hash_uq').on(t.tokenHash), index('verification_tokens_ticket_idx').on(t.ticketId)],
);

/** Scheduler marks: a reminder or escalation fires once per (ticket, kind, key), across instances. */
export const scheduleMarks = pgTable(
  'schedule_marks',
  {
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.kind, t.key] })],
);

/**
 * Staff sign-in links (the staff board): one row per sign-in request, staff or not, so that the
 * rate limits count every try. Only the SHA-256 of a link's token is stored, and only for a staff
 * address; `email` is null for an address that is not on the staff list (nothing about it is kept).
 */
export const staffLoginRequests = pgTable(
  'staff_login_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email'),
    /** The client's network address, for the per-client limit. */
    client: text('client').notNull(),
    tokenHash: text('token_hash'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [
    uniqueIndex('staff_login_requests_hash_uq').on(t.tokenHash),
    index('staff_login_requests_email_idx').on(t.email, t.createdAt),
    index('staff_login_requests_client_idx').on(t.client, t.createdAt),
  ],
);

/** Signed-in staff: the SHA-256 of the session id in the cookie, never the id itself. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idHash: text('id_hash').notNull(),
    email: text('email').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    /** The earlier of last_seen_at + idle time and created_at + the longest life. */
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [uniqueIndex('staff_sessions_hash_uq').on(t.idHash), index('staff_sessions_email_idx').on(t.email)],
);

export type MessageRow = typeof messages.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
export type StaffSessionRow = typeof staffSessions.$inferSelect;
