import type { AppContext } from './context.js';
import type { Tx } from './db/client.js';
import { advanceCursor } from './db/queries/cursor.js';
import { anyStoredUnderOtherGeneration, claimNextMessages, insertRawMessages } from './db/queries/message-batch.js';
import { insertMessageEvent, takeQuarantined } from './db/queries/quarantine-actions.js';
import {
  claimMessage,
  findBySourceKey,
  getMessage,
  insertRawMessage,
  pendingMessageIds,
  releaseMessage,
  rekeyBySha,
  type RawInsert,
} from './db/queries/messages.js';
import { ticketById } from './db/queries/tickets.js';
import type { MessageRow } from './db/schema.js';
import { diskFullError } from './disk-full.js';
import { AppError, describeError } from './errors.js';
import { crashPoint } from './lifecycle/crash-point.js';
import { sleep } from './lifecycle/loop.js';
import type { IncomingMail, IngestResult, MailSink } from './mail/incoming.js';
import { HEADER_CAP_BYTES, headerBlock } from './mail/inbox-file.js';
import { sha256 } from './mail/parse.js';
import { routeMessage } from './mail/route.js';
import { isStaffAddress, ourAddresses } from './mail/sender.js';
import { senderKeyOf } from './mail/sender-key.js';
import { applyRoute, type IntakeHooks, type RightsClassifier } from './intake-actions.js';
import { createIntakeSteps, fieldsOf, standsAlone, type Ready, type StepDeps } from './intake-steps.js';

export type { IntakeHooks, RightsClassifier };

// The pipeline: store raw -> parse -> route -> act. Storing and acting are separate transactions,
// each safe to repeat: a crash after the store leaves a pending row that `processPending` finishes;
// the outcome is written only where none is set, so nothing is done twice.

export interface Intake extends MailSink {
  /** Processes a stored message (again); returns its one outcome. */
  process(messageRowId: number): Promise<IngestResult>;
  /** Finishes stored messages that have no outcome yet (after a crash or a database outage). */
  processPending(limit?: number): Promise<IngestResult[]>;
  /**
   * Stores a fetched batch (one mailbox, one UIDVALIDITY, in UID order) in one transaction with
   * the cursor moved past it; processBatch() does the rest. Stored means never fetched as new again.
   */
  storeBatch(mails: readonly IncomingMail[]): Promise<void>;
  /**
   * Claims up to `max` of the oldest stored messages that may go next (none of its sender's older
   * messages is unfinished, so one per sender) and processes them; empty when there is none.
   * Messages pointing at no ticket share one transaction (see the function). Several callers may
   * run at once.
   */
  processBatch(max: number): Promise<IngestResult[]>;
  /**
   * Staff say a quarantined message is a request: it goes through intake as one (a ticket and the
   * confirmation mail), once. Throws PD_MSG_NOT_QUARANTINED when it is not (or no longer)
   * quarantined, PD_MSG_NO_SENDER when nobody could confirm it, the reader's code when unreadable.
   */
  openAsRequest(messageRowId: number, actor: string): Promise<IngestResult>;
}

export const OPENED_AS_REQUEST_EVENT = 'quarantine_opened_as_request';

export type IntakeDeps = StepDeps;

export function createIntake(ctx: AppContext, deps: IntakeDeps): Intake {
  const { db } = ctx.database;
  const log = ctx.log.child({ component: 'intake' });
  const { config } = ctx;
  const steps = createIntakeSteps(ctx, deps);
  const { resultOf } = steps;

  function toInsert(mail: IncomingMail): RawInsert {
    return {
      sourceKey: mail.sourceKey,
      mailbox: mail.mailbox,
      uidValidity: mail.uidValidity ?? null,
      uid: mail.uid ?? null,
      raw: mail.raw,
      rawSha256: sha256(mail.raw),
      ...(mail.size !== undefined ? { size: mail.size } : {}),
      internalDate: mail.internalDate ?? null,
      senderKey: senderKeyOf(mail.raw),
    };
  }

  async function storeOne(tx: Tx, insert: RawInsert): Promise<{ id: number; existing: MessageRow | null }> {
    const rekeyed = await rekeyBySha(tx, insert);
    if (rekeyed) return { id: rekeyed.id, existing: rekeyed };
    const id = await insertRawMessage(tx, insert);
    const existing = id === null ? await findBySourceKey(tx, insert.sourceKey) : null;
    return { id: id ?? existing!.id, existing };
  }

  async function store(mail: IncomingMail): Promise<{ id: number; existing: MessageRow | null }> {
    const insert = toInsert(mail);
    return db.transaction(async (tx) => {
      const result = await storeOne(tx, insert);
      // The high-water mark moves in the store's transaction: stored means never fetched as new again.
      if (mail.uidValidity !== undefined && mail.uid !== undefined) {
        await advanceCursor(tx, mail.mailbox, mail.uidValidity, mail.uid);
      }
      return result;
    });
  }

  async function storeBatch(mails: readonly IncomingMail[]): Promise<void> {
    const first = mails[0];
    if (!first) return;
    if (mails.some((m) => m.mailbox !== first.mailbox || m.uidValidity !== first.uidValidity)) {
      throw new TypeError('storeBatch: every message of a batch comes from one mailbox and one UIDVALIDITY');
    }
    const inserts = mails.map(toInsert);
    const uids = mails.flatMap((m) => (m.uid === undefined ? [] : [m.uid]));
    await db.transaction(async (tx) => {
      const renumbered =
        first.uidValidity !== undefined &&
        (await anyStoredUnderOtherGeneration(tx, first.mailbox, first.uidValidity, inserts.map((i) => i.rawSha256)));
      // After a UIDVALIDITY change, rows are re-keyed one by one; otherwise one statement stores all.
      if (renumbered) for (const insert of inserts) await storeOne(tx, insert);
      else await insertRawMessages(tx, inserts);
      if (first.uidValidity !== undefined && uids.length > 0) await advanceCursor(tx, first.mailbox, first.uidValidity, Math.max(...uids));
    });
    crashPoint('after-store');
  }

  // A claim lasts as long as the work may: a worker that died lets the sweep retry after it.
  const leaseSeconds = Math.ceil(config.limits.processingTimeoutMs / 1000) + 30;

  /**
   * Claims the message (counting the attempt), or waits for the worker that holds it and returns
   * its outcome: after an outage the sweep and the mailbox may reach one message at once.
   */
  async function claim(id: number): Promise<number | IngestResult> {
    const giveUpAt = Date.now() + 2 * leaseSeconds * 1000;
    for (;;) {
      const attempts = await claimMessage(db, id, leaseSeconds);
      if (attempts !== null) return attempts;
      const row = await getMessage(db, id);
      if (!row) throw new AppError('PD_MSG_PROCESSING_FAILED', `message row ${id} does not exist`);
      if (row.outcome !== null) return resultOf(row);
      if (Date.now() > giveUpAt) throw new AppError('PD_MSG_PROCESSING_FAILED', `message row ${id} is held by another worker`);
      await sleep(250);
    }
  }

  async function process(id: number): Promise<IngestResult> {
    const claimed = await claim(id);
    if (typeof claimed !== 'number') return claimed;
    return processHeld(id, claimed);
  }

  /**
   * Claims up to `max` messages (one per sender) and processes them. Those that point at no ticket
   * share one transaction, their statements sent together: a flood costs a round trip per step
   * of the batch, not per step of each message. Each message still gets its outcome and its
   * effects in one commit; when the shared transaction fails, each is tried again alone, so one
   * bad message never holds back the others.
   */
  async function processBatch(max: number): Promise<IngestResult[]> {
    const claimed = await claimNextMessages(db, leaseSeconds, max);
    const results: IngestResult[] = [];
    const failures: unknown[] = [];
    const failed = (id: number, attempt: number) => (err: unknown) => {
      failures.push(err);
      log.error({ msg: 'stored message failed; will retry', messageRowId: id, attempt, err: describeError(err) });
    };
    const together: Ready[] = [];
    const alone: Ready[] = [];
    // Read all at once: the reader threads take them in turn while the database waits for nothing.
    await Promise.all(
      claimed.map((row) =>
        held(row.id, async () => {
          const prepared = await steps.prepare(row.id, counted(row.id, row.attempts), row);
          if ('done' in prepared) results.push(prepared.done);
          else (standsAlone(prepared.ready) ? together : alone).push(prepared.ready);
        }).catch(failed(row.id, row.attempts)),
      ),
    );
    if (together.length > 1) {
      let outcomes: Array<IngestResult | null> | null = null;
      try {
        outcomes = await db.transaction(async (tx: Tx) => {
          // Every message's statements are in flight before any fails: wait for all, then roll back.
          const settled = await Promise.allSettled(together.map((ready) => steps.act(tx, ready)));
          const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
          if (rejected) throw rejected.reason;
          return settled.map((s) => (s as PromiseFulfilledResult<IngestResult | null>).value);
        });
      } catch (err) {
        log.warn({ msg: 'a batch of messages failed together; each is tried alone', size: together.length, err: describeError(err) });
        alone.push(...together);
      }
      // Committed: each message has its outcome, whatever happens to the reports below.
      const committed = outcomes ?? [];
      for (const [k, outcome] of committed.entries()) {
        const ready = together[k]!;
        await steps.settle(ready, outcome).then((r) => results.push(r), failed(ready.id, ready.row.attempts));
      }
    } else alone.push(...together);
    for (const ready of alone) {
      try {
        results.push(await held(ready.id, () => actAlone(ready)));
      } catch (err) {
        failed(ready.id, ready.row.attempts)(err);
      }
    }
    if (results.length === 0 && failures.length > 0) throw failures[0];
    return results;
  }

  /**
   * Attempts spent on a full disk whose refund could not be written (on a full disk the release's
   * own UPDATE fails too). Kept here and taken off the count at the next claim, so a long outage
   * never quarantines a good message as "gave up"; a restart forgets them, at worst one attempt each.
   */
  const refundsOwed = new Map<number, number>();
  /** The claim's attempt count, less the attempts owed back. */
  const counted = (id: number, attempts: number): number => attempts - (refundsOwed.get(id) ?? 0);

  /** Work on a message this worker has claimed; on failure hands it back for another attempt. */
  async function held<T>(id: number, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      refundsOwed.delete(id);
      return result;
    } catch (err) {
      const full = diskFullError(err, `message row ${id} could not be processed`);
      await releaseMessage(db, id, { refundAttempt: full !== null }).catch((e: unknown) => {
        if (full) refundsOwed.set(id, (refundsOwed.get(id) ?? 0) + 1);
        log.warn({ msg: 'could not release the message; a worker retries when its claim ends', messageRowId: id, err: describeError(e) });
      });
      throw full ?? err;
    }
  }

  /** Processes a message this worker has claimed; on failure hands it back for another attempt. */
  function processHeld(id: number, attempts: number, claimed?: MessageRow): Promise<IngestResult> {
    return held(id, async () => {
      const prepared = await steps.prepare(id, counted(id, attempts), claimed);
      return 'done' in prepared ? prepared.done : actAlone(prepared.ready);
    });
  }

  /** Acts on a read message in a transaction of its own. */
  async function actAlone(ready: Ready): Promise<IngestResult> {
    return steps.settle(ready, await db.transaction((tx: Tx) => steps.act(tx, ready)));
  }

  async function openAsRequest(id: number, actor: string): Promise<IngestResult> {
    const row = await getMessage(db, id);
    if (!row || row.outcome !== 'quarantined') throw await notQuarantined(id, row);
    // A too-large message is read by its headers only (all that may be stored): staff saw it and
    // decided; the ticket opens in triage and the letter's text is read where the mail is kept.
    const tooLarge = row.size > config.limits.maxMessageBytes || row.raw.length < row.size;
    const { parsed, classification } = await deps.reader.read(tooLarge ? headerBlock(row.raw.subarray(0, HEADER_CAP_BYTES)) : row.raw);
    if (!parsed.from) throw new AppError('PD_MSG_NO_SENDER', `message ${id} has no usable From address: nobody could confirm a request; dismiss it`);
    const fields = fieldsOf(parsed);
    const sender = parsed.from.address;
    const route = routeMessage(parsed, { kind: 'none', signal: null }, {
      referenced: null,
      tagged: null,
      senderIsStaff: isStaffAddress(sender, config.staffAddresses),
      senderAuthFailed: false,
      ourAddresses: ourAddresses(config),
      requestSubjects: config.requestSubjects,
      forceRequest: true,
    });
    const result = await db.transaction(async (tx: Tx) => {
      const before = await takeQuarantined(tx, id);
      if (!before) return null;
      const r = await applyRoute(tx, { ctx, deps, messageRowId: id, row: before, parsed, classification, fields, route });
      await insertMessageEvent(tx, { messageRowId: id, actor, kind: OPENED_AS_REQUEST_EVENT, data: { reason: before.reason, ticket: r.ticket ?? null } });
      return r;
    });
    if (result === null) throw await notQuarantined(id, await getMessage(db, id));
    ctx.status.count(`messages_total{outcome="${result.outcome}"}`);
    log.info({ msg: 'quarantined message opened as a request', messageRowId: id, ticket: result.ticket, actor });
    return result;
  }

  /** Says what became of the message: a double click or a colleague opened it already. */
  async function notQuarantined(id: number, row: MessageRow | null): Promise<AppError> {
    if (!row) return new AppError('PD_MSG_NOT_QUARANTINED', `${id}: no such message`);
    const ticket = row.ticketId ? await ticketById(db, row.ticketId) : null;
    return new AppError(
      'PD_MSG_NOT_QUARANTINED',
      ticket ? `message ${id} is no longer quarantined: it is ${ticket.number}; reload the page` : `message ${id} is not quarantined (${row.outcome ?? 'being processed'}); reload the page`,
    );
  }

  return {
    openAsRequest,
    async receive(mail) {
      const { id, existing } = await store(mail);
      crashPoint('after-store');
      if (existing && existing.outcome !== null) {
        const prior = await resultOf(existing);
        return { messageRowId: existing.id, outcome: 'duplicate', ...(prior.ticket ? { ticket: prior.ticket } : {}), reason: 'already stored' };
      }
      return process(id);
    },
    process,
    async processPending(limit = 100) {
      const results: IngestResult[] = [];
      for (const id of await pendingMessageIds(db, limit)) {
        try {
          results.push(await process(id));
        } catch (err) {
          log.error({ msg: 'pending message failed; will retry', messageRowId: id, err: describeError(err) });
        }
      }
      return results;
    },
    storeBatch,
    processBatch,
  };
}
