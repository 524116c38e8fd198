import type { AppContext } from './context.js';
import type { Tx } from './db/client.js';
import { getMessage, lockAndClaimKey, setOutcome, type ParsedFields } from './db/queries/messages.js';
import { ticketById } from './db/queries/tickets.js';
import type { MessageRow, TicketRow } from './db/schema.js';
import { AppError, describeError } from './errors.js';
import { crashPoint } from './lifecycle/crash-point.js';
import { authFailed, readAuthResults } from './mail/auth-results.js';
import { detectAuto, type AutoVerdict } from './mail/auto-reply.js';
import { HEADER_CAP_BYTES, headerBlock } from './mail/inbox-file.js';
import type { IngestResult } from './mail/incoming.js';
import { sha256 } from './mail/parse.js';
import type { MailReader, ReadMail } from './mail/reader.js';
import { routeMessage } from './mail/route.js';
import { isStaffAddress, ourAddresses, senderProblem } from './mail/sender.js';
import { extractTicketNumber } from './mail/subject.js';
import { findReferencedTicket, findTaggedTicket } from './mail/thread-lookup.js';
import { applyRoute, type IntakeHooks } from './intake-actions.js';

// The steps of processing one claimed message: read it and decide what needs no transaction
// (prepare), act in the message's transaction (act), then count and log what was committed
// (settle). intake.ts runs them for one message at a time, or for a batch in one transaction.

export interface StepDeps {
  /** Parses and classifies a raw message (the service: worker threads under a time limit). */
  reader: MailReader;
  hooks: IntakeHooks;
  /** Recognises our own signed Message-IDs; returns the ticket number they carry. */
  ourTicketNumber?: (messageId: string) => string | null;
}

/** A message read and checked, ready for its transaction. */
export interface Ready {
  id: number;
  row: MessageRow;
  read: ReadMail;
  fields: ParsedFields;
  auto: AutoVerdict;
  senderIsStaff: boolean;
  senderAuthFailed: boolean;
}

export type Prepared = { done: IngestResult } | { ready: Ready };

export function fieldsOf(parsed: ReadMail['parsed']): ParsedFields {
  return {
    messageId: parsed.messageId,
    sender: parsed.from?.address ?? null,
    senderName: parsed.from?.name ?? null,
    subject: parsed.subject,
    textBody: parsed.text,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    autoKind: null,
  };
}

/**
 * Whether the message's transaction can share one with others': it points at no ticket (no
 * In-Reply-To, References or ticket tag), so it cannot join a thread, whose staff mail runs in a
 * savepoint of its own. And it has a sender key: the claim then keeps every other message of its
 * sender out of the batch.
 */
export function standsAlone(ready: Ready): boolean {
  const { parsed } = ready.read;
  return ready.row.senderKey !== null && !parsed.inReplyTo && parsed.references.length === 0 && extractTicketNumber(parsed.subject) === null;
}

export function createIntakeSteps(ctx: AppContext, deps: StepDeps) {
  const { db } = ctx.database;
  const log = ctx.log.child({ component: 'intake' });
  const { config } = ctx;
  // Fixed by the configuration: worked out once, not for every message.
  const ours = ourAddresses(config);

  async function resultOf(row: MessageRow): Promise<IngestResult> {
    const ticket = row.ticketId ? await ticketById(db, row.ticketId) : null;
    return {
      messageRowId: row.id,
      outcome: row.outcome ?? 'quarantined',
      ...(ticket ? { ticket: ticket.number } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
    };
  }

  async function quarantine(id: number, err: AppError, fields: Partial<ParsedFields> = {}): Promise<IngestResult> {
    await setOutcome(db, id, { ...fields, outcome: 'quarantined', reason: err.code, reasonDetail: err.message.slice(0, 500) });
    log.warn({ msg: 'message quarantined', messageRowId: id, code: err.code });
    ctx.status.count('messages_quarantined_total');
    const row = await getMessage(db, id);
    return row ? resultOf(row) : { messageRowId: id, outcome: 'quarantined', reason: err.code };
  }

  /** Reads the headers of a too-large message (never its body) and hands them to the hook. */
  async function afterTooLarge(row: MessageRow): Promise<void> {
    if (!deps.hooks.tooLarge) return;
    try {
      const { parsed } = await deps.reader.read(headerBlock(row.raw.subarray(0, HEADER_CAP_BYTES)));
      await deps.hooks.tooLarge({ messageRowId: row.id, parsed, size: row.size });
    } catch (err) {
      // The quarantine stands and staff see the message; only the courtesy note is missing.
      log.warn({ msg: 'could not tell the sender of a too-large message', messageRowId: row.id, err: describeError(err) });
    }
  }

  /** Everything before the transaction: limits, reading, the sender checks, auto-reply detection. */
  async function prepare(id: number, attempts: number, claimed?: MessageRow): Promise<Prepared> {
    const row = claimed ?? (await getMessage(db, id));
    if (!row) throw new AppError('PD_MSG_PROCESSING_FAILED', `message row ${id} does not exist`);
    if (row.outcome !== null) return { done: await resultOf(row) };
    if (attempts > config.limits.maxAttempts) {
      return { done: await quarantine(id, new AppError('PD_MSG_PROCESSING_FAILED', `gave up after ${attempts - 1} attempts`)) };
    }
    // A row holding fewer bytes than the message had stores its headers only: never parsed as mail.
    const headersOnly = row.raw.length < row.size;
    if (row.size > config.limits.maxMessageBytes || headersOnly) {
      const detail = `${row.size} bytes, limit ${config.limits.maxMessageBytes}${headersOnly ? `; ${row.raw.length} bytes of headers stored` : ''}`;
      const result = await quarantine(id, new AppError('PD_MSG_TOO_LARGE', detail));
      await afterTooLarge(row);
      return { done: result };
    }
    let read: ReadMail;
    try {
      read = await deps.reader.read(row.raw);
    } catch (err) {
      // PD_MSG_TIMEOUT is final like a parse error: the same bytes would run out of time again.
      if (err instanceof AppError) return { done: await quarantine(id, err) };
      throw err;
    }
    const { parsed } = read;
    const fields = fieldsOf(parsed);
    if (!parsed.from) return { done: await quarantine(id, new AppError('PD_MSG_NO_SENDER', 'no valid address in From'), fields) };
    // Before anything answers or threads it: mail of several authors, or with a display name posing
    // as ours, is for a person to look at.
    const problem = senderProblem(parsed, ours);
    if (problem) return { done: await quarantine(id, new AppError(problem.code, problem.detail), fields) };

    let auto: AutoVerdict = detectAuto({
      headers: parsed.headers,
      from: parsed.from.address,
      contentType: parsed.contentType,
      ownAddresses: [config.supportAddress],
    });
    // Our own signed Message-ID on an incoming mail: our mail came back (a forward rule, a list).
    if (auto.kind === 'none' && deps.ourTicketNumber?.(parsed.messageId)) {
      auto = { kind: 'loop', signal: 'own-message-id' };
    }
    fields.autoKind = auto.kind;
    const senderIsStaff = isStaffAddress(parsed.from.address, config.staffAddresses);
    const senderAuthFailed = senderIsStaff && authFailed(readAuthResults(parsed.headers, config.authservId));
    return { ready: { id, row, read, fields, auto, senderIsStaff, senderAuthFailed } };
  }

  /** In the message's transaction: its lock and duplicate key, the route, and what the route does. Null when another worker finished it first. */
  async function act(tx: Tx, ready: Ready): Promise<IngestResult | null> {
    const { id, read, fields } = ready;
    const { parsed, classification } = read;
    const sender = parsed.from!.address;
    // Locked until commit; a worker whose claim ran out finds the outcome set and stops here.
    const held = await lockAndClaimKey(tx, id, sha256(Buffer.from(`${parsed.messageId}\n${sender}`)));
    if (!held.locked) return null;
    const owner = held.owner;
    if (owner !== null) {
      const first = await getMessage(tx, owner);
      await setOutcome(tx, id, { ...fields, outcome: 'duplicate', reason: 'same Message-ID and sender', duplicateOf: owner, ticketId: first?.ticketId ?? null });
      const ticket: TicketRow | null = first?.ticketId ? await ticketById(tx, first.ticketId) : null;
      return { messageRowId: id, outcome: 'duplicate' as const, ...(ticket ? { ticket: ticket.number } : {}), reason: 'duplicate' };
    }
    const referenced = await findReferencedTicket(tx, [parsed.inReplyTo, ...[...parsed.references].reverse()], deps.ourTicketNumber);
    const tagged = await findTaggedTicket(tx, parsed.subject);
    const route = routeMessage(parsed, ready.auto, {
      referenced,
      tagged,
      senderIsStaff: ready.senderIsStaff,
      senderAuthFailed: ready.senderAuthFailed,
      ourAddresses: ours,
      requestSubjects: config.requestSubjects,
    });
    return applyRoute(tx, { ctx, deps, messageRowId: id, row: ready.row, parsed, classification, fields, route });
  }

  /** After the commit: count and log the outcome; a message another worker finished reports theirs. */
  async function settle(ready: Ready, result: IngestResult | null): Promise<IngestResult> {
    const { id } = ready;
    if (result?.outcome === 'ticket') crashPoint('after-ticket');
    if (result === null) {
      const done = await getMessage(db, id);
      return done ? resultOf(done) : { messageRowId: id, outcome: 'duplicate', reason: 'processed by another worker' };
    }
    ctx.status.count(`messages_total{outcome="${result.outcome}"}`);
    log.info({ msg: 'message processed', messageRowId: id, outcome: result.outcome, ticket: result.ticket, reason: result.reason });
    return result;
  }

  return { prepare, act, settle, resultOf };
}
