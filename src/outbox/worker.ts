import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import { claimOutboxMail, type ClaimedMail } from '../db/queries/outbox-claim.js';
import { outboxAttachmentsOf } from '../db/queries/outbox-attachments.js';
import { markOutboxFailed } from '../db/queries/outbox-failed.js';
import { needsSmtpUtf8 } from '../mail/address.js';
import { beatOutboxWorker, forgetOutboxWorker } from '../db/queries/outbox-heartbeat.js';
import { retryOutboxMail } from '../db/queries/outbox-retry.js';
import { markOutboxSent } from '../db/queries/outbox-sent.js';
import { sweepStaleOutbox } from '../db/queries/outbox-sweep.js';
import { codedText, describeError, type AppError } from '../errors.js';
import { Backoff, type BackoffOptions } from '../lifecycle/backoff.js';
import { crashPoint } from '../lifecycle/crash-point.js';
import { createLoop, sleep, type Loop } from '../lifecycle/loop.js';
import { classifyDeliveryError, deliveryErrorCode, deliveryErrorMessage, operatorDeliveryError } from './delivery-error.js';
import { DEFAULT_RETRY, retryDelayMs, type RetryPolicy } from './retry.js';
import { revealSecretLinks } from './secret-link.js';
import { holdSend, type HeldSend } from './held-send.js';
import type { MailTransport, OutgoingMail } from './transport.js';

// The outbox worker: claims due rows (FOR UPDATE SKIP LOCKED, so any number of workers in any
// number of instances share one backlog without sending a row twice), sends each, and records the
// outcome on the row it still holds (WHERE id AND locked_by). What happens after a failure:
//   4xx, timeouts, unknown  -> back to pending with run_at = now + backoff (retry.ts); given up
//                              as failed when the row's attempts are used up
//   5xx (not 503), EAUTH... -> failed at once, `mail_failed` event on the ticket
//   server unreachable      -> the attempt is taken back, the batch released, and the worker
//   login refused, outbox      pauses with growing delays: an outage delays mail, never loses it.
//   folder not writable        The last two need a person: one coded line at error, same words
//                              in /healthz (PD_SMTP_AUTH, PD_OUTBOX_DIR)
// stop() lets the mail in hand finish and hands the rest of the batch back.

export interface OutboxWorkerOptions {
  /** Shown in locked_by; default host:pid:random. */
  workerId?: string;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Sleep between rounds when there was nothing to do. */
  intervalMs?: number;
  /** A row `sending` for longer than this is swept back even if its worker still beats. */
  staleAfterMs?: number;
  /** How often this worker says it is alive (outbox_workers). */
  heartbeatMs?: number;
  /** A worker silent for this long is dead: its rows in `sending` are swept back. */
  silentAfterMs?: number;
  sweepEveryMs?: number;
  retry?: RetryPolicy;
  /** Pause while the SMTP server is unreachable: 2 s, x1.5, up to 60 s, plus jitter. */
  outage?: BackoffOptions;
  random?: () => number;
}

export interface OutboxWorker extends Loop {
  readonly id: string;
}

interface Unrecorded {
  mail: ClaimedMail;
  response: string | null;
  at: Date;
}

export function createOutboxWorker(ctx: AppContext, transport: MailTransport, opts: OutboxWorkerOptions = {}): OutboxWorker {
  const id = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const batchSize = opts.batchSize ?? 10;
  const staleAfterMs = opts.staleAfterMs ?? 10 * 60_000;
  const sweepEveryMs = opts.sweepEveryMs ?? 20_000;
  const heartbeatMs = opts.heartbeatMs ?? 10_000;
  const silentAfterMs = opts.silentAfterMs ?? 30_000;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const random = opts.random ?? Math.random;
  const outage = new Backoff({ baseMs: 2000, factor: 1.5, maxMs: 60_000, jitterMs: 1000, random, ...opts.outage, stableMs: 0 });
  const log = ctx.log.child({ component: 'outbox', workerId: id });
  const db = () => ctx.database.db;
  let lastSweep = 0;
  // Mail the server accepted while the database could not record it: recorded before new work,
  // so a database blip does not turn into a second copy once the sweep frees the row.
  const unrecorded: Unrecorded[] = [];
  // Claimed mail that could not be handed back while the database was away: handed back before
  // new work, or it would sit in `sending` until the stale-lock sweep.
  const unreleased: ClaimedMail[] = [];

  async function recordUnrecorded(): Promise<void> {
    while (unrecorded.length > 0) {
      const u = unrecorded[0]!;
      const ours = await markOutboxSent(db(), u.mail.id, id, u.at, u.response);
      if (!ours) log.warn({ msg: 'sent mail was swept from us before it was recorded', outboxId: u.mail.id, ticketId: u.mail.ticketId });
      unrecorded.shift();
    }
  }

  async function sweep(): Promise<void> {
    if (Date.now() - lastSweep < sweepEveryMs) return;
    lastSweep = Date.now();
    const freed = await sweepStaleOutbox(db(), staleAfterMs, ctx.now(), silentAfterMs);
    for (const f of freed) log.warn({ msg: 'stale outbox lock swept', outboxId: f.id, status: f.status });
  }

  const smtpUrl = ctx.config.smtp.kind === 'smtp' ? ctx.config.smtp.url : null;

  type Unavailable = { error: { message: string; code: string }; coded: AppError | null };
  /** A mail's round: the server unreachable, or done, with the next mail started held. */
  type Delivered = { unavailable: Unavailable } | { following: HeldSend | null };

  /** Nothing can be sent now: hand the rows back unspent, say why, and wait. */
  async function pause(mails: ClaimedMail[], u: Unavailable, signal: AbortSignal): Promise<void> {
    const delayMs = outage.next();
    await release(mails, delayMs, u.error);
    ctx.status.count('outbox_smtp_unavailable_total');
    if (u.coded) {
      const text = codedText(u.coded);
      ctx.status.failed('outbox', text, ctx.now());
      log.error({ msg: text, code: u.coded.code, retryInMs: delayMs, failures: outage.failures, held: mails.length });
    } else {
      ctx.status.failed('outbox', `SMTP server unreachable (${u.error.code}); retrying in ${Math.round(delayMs / 1000)} s`, ctx.now());
      log.warn({ msg: 'SMTP server unreachable; pausing', outboxId: mails[0]?.id, errorCode: u.error.code, error: u.error.message, retryInMs: delayMs, failures: outage.failures });
    }
    await sleep(delayMs, signal);
  }

  /**
   * Hands held rows back. What cannot be handed back (the database is gone, or on a full disk the
   * UPDATE itself fails) is kept and handed back at the next round: left alone, a live worker's
   * rows would wait out the 10-minute stale lock, since its heartbeat keeps the sweep off them.
   */
  async function release(mails: ClaimedMail[], delayMs: number, error: { message: string; code: string } | null): Promise<void> {
    for (let k = 0; k < mails.length; k++) {
      try {
        await retryOutboxMail(db(), mails[k]!.id, id, delayMs, { countAttempt: false, error });
      } catch (err) {
        unreleased.push(...mails.slice(k));
        throw err;
      }
    }
  }

  /** The mail as it goes on the wire. */
  function outgoing(mail: ClaimedMail, attachments: OutgoingMail['attachments'] = []): OutgoingMail {
    // The row holds placeholders; the links exist only in the mail on the wire (secret-link.ts).
    const content = revealSecretLinks(mail, mail.secretLinks, ctx.config.secret);
    return {
      outboxId: mail.id,
      createdAt: mail.createdAt,
      from: { name: ctx.config.org.name, address: mail.fromAddress },
      to: mail.toAddress,
      subject: content.subject,
      html: content.html,
      text: content.text,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      headers: mail.headers,
      attachments,
    };
  }

  /**
   * Sends one mail (or lets the one started held finish) and records the outcome. Once the server
   * has taken it, `next`, the mail after it in the batch, is started held until this one is
   * recorded, and handed back as `following`.
   */
  async function deliver(mail: ClaimedMail, started: HeldSend | null, next: ClaimedMail | undefined): Promise<Delivered> {
    const ids = { outboxId: mail.id, ticketId: mail.ticketId, template: mail.template, attempt: mail.attempts };
    let response: string | null;
    // Read before the send: a database failure here is a failed round, not a failed delivery.
    const attachments = !started && mail.template === 'staff_reply_relay' ? await outboxAttachmentsOf(db(), mail.id) : [];
    const sending = started ?? holdSend(transport, outgoing(mail, attachments));
    sending.open();
    try {
      ({ response } = await sending.accepted);
    } catch (err) {
      const kind = classifyDeliveryError(err);
      const error =
        kind === 'permanent' && needsSmtpUtf8(mail.toAddress)
          ? { message: `${mail.toAddress} has non-ASCII letters before the @ and the server refused it (${deliveryErrorMessage(err)}): it needs SMTPUTF8`, code: 'PD_SMTP_UNICODE_ADDRESS' }
          : { message: deliveryErrorMessage(err), code: deliveryErrorCode(err) };
      if (kind === 'unavailable') {
        const coded = operatorDeliveryError(err, smtpUrl);
        return { unavailable: { error: coded ? { message: deliveryErrorMessage(coded), code: coded.code } : error, coded } };
      }
      outage.connected();
      if (kind === 'permanent' || mail.attempts >= mail.maxAttempts) {
        await markOutboxFailed(db(), mail.id, id, ctx.now(), { ...error, permanent: kind === 'permanent' });
        ctx.status.count(`outbox_failed_total{template="${mail.template}"}`);
        log.warn({ msg: kind === 'permanent' ? 'mail refused permanently' : 'mail given up after retries', ...ids, errorCode: error.code, error: error.message });
      } else {
        const delayMs = retryDelayMs(mail.attempts, retry, random);
        await retryOutboxMail(db(), mail.id, id, delayMs, { countAttempt: true, error });
        ctx.status.count('outbox_retries_total');
        log.info({ msg: 'mail delivery failed; will retry', ...ids, errorCode: error.code, error: error.message, retryInMs: delayMs });
      }
      return { following: null };
    }

    outage.connected();
    // A relay's files are read from the database only when it is its turn: it is not started early.
    const following = next && next.template !== 'staff_reply_relay' ? holdSend(transport, outgoing(next)) : null;
    crashPoint('before-mark-sent');
    const at = ctx.now();
    try {
      const ours = await markOutboxSent(db(), mail.id, id, at, response);
      if (!ours) log.warn({ msg: 'sent mail was no longer ours to record (lock swept)', ...ids });
    } catch (err) {
      unrecorded.push({ mail, response, at });
      await following?.withdraw();
      throw err;
    }
    ctx.status.count(`outbox_sent_total{template="${mail.template}"}`);
    log.info({ msg: 'mail sent', ...ids, messageId: mail.messageId });
    return { following };
  }

  // Beats on its own timer: a long SMTP transaction must not make a live worker look dead.
  let heartbeat: NodeJS.Timeout | null = null;
  let lastBeatFailed = false;
  function beat(): void {
    beatOutboxWorker(db(), id).then(
      () => {
        lastBeatFailed = false;
      },
      (err: unknown) => {
        // The database being away shows in /healthz already; one line, not one per beat.
        if (!lastBeatFailed) log.warn({ msg: 'outbox heartbeat failed', err: describeError(err) });
        lastBeatFailed = true;
      },
    );
  }

  async function tick(signal: AbortSignal): Promise<boolean> {
    if (heartbeat === null) {
      await beatOutboxWorker(db(), id);
      heartbeat = setInterval(beat, heartbeatMs);
      heartbeat.unref();
    }
    await recordUnrecorded();
    if (unreleased.length > 0) await release(unreleased.splice(0), 0, null);
    await sweep();
    if (transport.check) {
      // Checked before claiming: a folder that cannot take mail spends no attempt.
      try {
        await transport.check();
      } catch (err) {
        const coded = operatorDeliveryError(err, smtpUrl);
        if (!coded) throw err;
        await pause([], { error: { message: deliveryErrorMessage(coded), code: coded.code }, coded }, signal);
        return false;
      }
    }
    const batch = await claimOutboxMail(db(), id, batchSize);
    let started: HeldSend | null = null;
    for (let i = 0; i < batch.length; i++) {
      const mail = batch[i]!;
      if (signal.aborted) {
        // Stopping: the mail in hand has finished; the rest go back untouched for another worker.
        await started?.withdraw();
        await release(batch.slice(i), 0, null);
        return false;
      }
      let outcome: Delivered;
      try {
        outcome = await deliver(mail, started, batch[i + 1]);
      } catch (err) {
        // The database failed while recording: what is still held (not this mail when it left and
        // waits to be recorded) goes back now, or at the next tick when the database is back.
        const rest = batch.slice(unrecorded.some((u) => u.mail.id === mail.id) ? i + 1 : i);
        // A failed hand-back keeps the rows in `unreleased` itself; the error that matters is err.
        await release(rest, 0, null).catch((e: unknown) => log.warn({ msg: 'held mail not handed back yet; retried next round', err: describeError(e) }));
        throw err;
      }
      if ('unavailable' in outcome) {
        await pause(batch.slice(i), outcome.unavailable, signal);
        return false;
      }
      started = outcome.following;
    }
    ctx.status.succeeded('outbox', { claimed: batch.length }, ctx.now());
    return batch.length === batchSize;
  }

  const loop = createLoop({
    name: 'outbox',
    log,
    intervalMs: opts.intervalMs ?? 2000,
    tick,
    onError(err) {
      const e = describeError(err);
      ctx.status.failed('outbox', e.message, ctx.now());
      log.error({ msg: 'outbox round failed', err: e });
    },
  });
  const stopLoop = loop.stop.bind(loop);
  return Object.assign(loop, {
    id,
    async stop(): Promise<void> {
      await stopLoop();
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      await forgetOutboxWorker(db(), id).catch((err: unknown) => log.warn({ msg: 'could not remove the outbox heartbeat; the sweep ages it out', err: describeError(err) }));
    },
  });
}
