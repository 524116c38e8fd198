import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { AppContext } from '../context.js';
import { advanceCursor, getCursor, recordPoll, resetCursor, type Cursor } from '../db/queries/cursor.js';
import { tryLockMailbox } from '../db/queries/mailbox-lock.js';
import { AppError, codedText, describeError } from '../errors.js';
import { Backoff, type BackoffOptions } from '../lifecycle/backoff.js';
import { sleep } from '../lifecycle/loop.js';
import { delay, errorInfo, toDate, withTimeout } from './imap-util.js';
import { imapConnectError, imapMailboxMissing, isMailboxMissing, needsOperator, type ImapEndpoint } from './imap-errors.js';
import { imapTlsOptions } from './imap-tls.js';
import { imapflowLogger } from './imapflow-log.js';
import { HEADER_CAP_BYTES, headerBlock } from './inbox-file.js';
import type { IncomingMail, MailSink } from './incoming.js';
import { cursorAction, planBatches, planFirstStart, planSteps, startAfterSearch, uidSet, type FetchMeta, type MailboxInfo } from './sync.js';

// The IMAP mailbox source. It owns the connection: one ImapFlow per connection (a client is
// single-use), IDLE plus a safety poll, reconnects with Backoff, and hands every message above the
// cursor to intake in UID order. The mailbox is shared with people, so it is opened read-only
// (EXAMINE) and fetched with BODY.PEEK: no flag is set, nothing moved or deleted.
// Decisions (where to begin, UIDVALIDITY, batches, scope) are pure, in ./sync.ts.

export interface ImapSourceOptions {
  backoff?: BackoffOptions;
  /**
   * Delays after a failure only the operator can fix (login refused, mailbox missing, wrong
   * protocol): minutes, not seconds, so a wrong password is not tried twice a minute.
   */
  refusedBackoff?: BackoffOptions;
  /** How long to wait for the server's greeting (imapflow's default is 16 s). */
  greetingTimeoutMs?: number;
  /** How long an instance that did not get the mailbox lock waits before trying again. */
  standbyRetryMs?: number;
  /** Bytes of message sources fetched in one round trip; a bigger message is fetched alone. */
  fetchBudgetBytes?: number;
  /** How long stop() waits for the session to finish before closing the connection hard. */
  stopGraceMs?: number;
}

export interface ImapSource {
  start(): void;
  /** Stops taking mail, finishes the message in hand, logs out, releases the lock. Idempotent. */
  stop(): Promise<void>;
  /** Polls at once instead of waiting for IDLE or the safety poll. */
  pollNow(): void;
}

type ImapConfig = Extract<AppContext['config']['mailbox'], { kind: 'imap' }>;

export function createImapSource(ctx: AppContext, sink: MailSink, opts: ImapSourceOptions = {}): ImapSource {
  if (ctx.config.mailbox.kind !== 'imap') {
    throw new AppError('PD_CONFIG_INVALID', 'createImapSource needs an IMAP mailbox (IMAP_URL)');
  }
  const cfg: ImapConfig = ctx.config.mailbox;
  const { db } = ctx.database;
  /** Cursor key and IncomingMail.mailbox: intake advances the cursor under the same name. */
  const key = `imap:${cfg.mailbox}`;
  const log = ctx.log.child({ component: 'imap', mailbox: cfg.mailbox });
  const backoff = new Backoff(opts.backoff);
  const refusedBackoff = new Backoff({ baseMs: 3 * 60_000, factor: 1.5, maxMs: 15 * 60_000, jitterMs: 15_000, ...opts.refusedBackoff, stableMs: 0 });
  const endpoint: ImapEndpoint = { host: cfg.host, port: cfg.port, secure: cfg.secure, user: cfg.user, mailbox: cfg.mailbox };
  const pollMs = cfg.pollSeconds * 1000;
  const standbyMs = opts.standbyRetryMs ?? Math.min(pollMs, 30_000);
  const budget = opts.fetchBudgetBytes ?? 8 * 1024 * 1024;
  const stopGraceMs = opts.stopGraceMs ?? 20_000;

  const stopper = new AbortController();
  let waker = new AbortController();
  /** Why the source was woken since its last poll: EXISTS (new mail) or pollNow(). */
  let pending: 'exists' | 'poll' | null = null;
  let supervisor: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let current: ImapFlow | undefined;
  /** True while logging in and opening the mailbox: nothing in hand, stop() may cut it short. */
  let connecting = false;
  /** Failed sessions since the last good poll: a good poll after some says "recovered". */
  let failuresSinceSuccess = 0;
  /** Whether this session still holds the mailbox lock (it is lost with its database session). */
  let lockHeld: () => boolean = () => false;

  const stopped = () => stopper.signal.aborted;

  function wake(reason: 'exists' | 'poll'): void {
    if (pending !== 'poll') pending = reason;
    waker.abort();
  }

  function newClient(): ImapFlow {
    const client = new ImapFlow({
      host: cfg.host,
      port: cfg.port,
      // Never the password in clear to a remote server without STARTTLS (see imap-tls.ts).
      ...imapTlsOptions(cfg),
      ...(opts.greetingTimeoutMs ? { greetingTimeout: opts.greetingTimeoutMs } : {}),
      auth: { user: cfg.user, pass: cfg.password },
      logger: imapflowLogger(log),
      disableAutoIdle: true,
      // IDLE is renewed every 4 minutes: traffic before imapflow's 5-minute quiet-socket check
      // and before NAT boxes or servers (RFC 9051 allows 30 minutes) drop a silent session.
      maxIdleTime: 4 * 60_000,
      clientInfo: { name: 'privacy-desk' },
      connectionTimeout: 30_000,
    });
    client.on('error', (err: Error) => log.warn({ msg: 'IMAP connection error', cid: client.id, err: errorInfo(err) }));
    client.on('exists', (d: { count: number; prevCount: number }) => {
      log.debug({ msg: 'IMAP EXISTS', cid: client.id, count: d.count, prevCount: d.prevCount });
      wake('exists');
    });
    return client;
  }

  async function supervise(): Promise<void> {
    while (!stopped()) {
      let delay = 0;
      try {
        if ((await session()) === 'standby') delay = standbyMs;
      } catch (err) {
        if (stopped()) break;
        failuresSinceSuccess++;
        ctx.status.count('imap_reconnects_total');
        let text: string;
        if (needsOperator(err)) {
          // One line at error, the same words as /healthz; the cause only when debugging.
          delay = refusedBackoff.next();
          text = codedText(err);
          log.error({ msg: text, code: err.code, retryInMs: delay, failures: failuresSinceSuccess });
          log.debug({ msg: 'IMAP failure cause', code: err.code, err: errorInfo(err.cause) });
        } else {
          delay = backoff.next();
          const error = errorInfo(err);
          text = error.cause ? `${error.message}: ${error.cause.message}` : error.message;
          log.warn({ msg: 'IMAP session failed; reconnecting', err: error, retryInMs: delay, failures: failuresSinceSuccess });
        }
        ctx.status.failed('mailbox', text);
        await recordPoll(db, key, false, text.slice(0, 500)).catch((e: unknown) =>
          log.warn({ msg: 'could not record the failed poll', err: errorInfo(e) }),
        );
      }
      if (delay > 0) await sleep(delay, stopper.signal);
    }
  }

  /** One connection's life. Returns 'standby' when another instance polls; throws on failure. */
  async function session(): Promise<'standby' | 'stopped'> {
    const lock = await tryLockMailbox(ctx.database, key);
    if (!lock) {
      log.info({ msg: 'mailbox is polled by another instance; standing by', retryInMs: standbyMs });
      ctx.status.succeeded('mailbox', { role: 'standby', mailbox: cfg.mailbox });
      return 'standby';
    }
    lockHeld = lock.held;
    const client = newClient();
    current = client;
    const closed = new AbortController();
    client.on('close', () => closed.abort());
    try {
      connecting = true;
      try {
        await client.connect();
      } catch (err) {
        throw imapConnectError(err, endpoint);
      }
      backoff.connected();
      const box = await openMailbox(client);
      refusedBackoff.connected();
      connecting = false;
      const idle = client.capabilities.has('IDLE');
      log.info({ msg: 'IMAP connected', cid: client.id, uidValidity: Number(box.uidValidity), uidNext: box.uidNext, exists: box.exists, idle });
      let fresh = true;
      while (!stopped()) {
        if (closed.signal.aborted) throw new AppError('PD_IMAP_CONNECT', 'connection closed by the server');
        const reason = pending;
        pending = null;
        if (waker.signal.aborted) waker = new AbortController();
        await lock.assertHeld();
        // EXISTS means the open mailbox is live; the safety poll and pollNow() look afresh.
        if (!fresh && reason !== 'exists') await reopen(client);
        fresh = false;
        await syncOnce(client);
        if (stopped() || pending) continue;
        await waitForWork(client, idle, closed.signal);
      }
      return 'stopped';
    } finally {
      connecting = false;
      current = undefined;
      await closeClient(client);
      await lock.release().catch((err: unknown) => log.warn({ msg: 'could not release the mailbox lock', err: errorInfo(err) }));
    }
  }

  /** EXAMINE the configured mailbox; when it is missing, say which ones exist. */
  async function openMailbox(client: ImapFlow): Promise<Awaited<ReturnType<ImapFlow['mailboxOpen']>>> {
    try {
      return await client.mailboxOpen(cfg.mailbox, { readOnly: true });
    } catch (err) {
      if (!isMailboxMissing(err)) throw err;
      const existing = (await client.list()).map((m) => m.path);
      throw imapMailboxMissing(endpoint, existing, err);
    }
  }

  /** IDLE (when the server has it) until EXISTS, pollNow(), the safety poll, stop or a drop. */
  async function waitForWork(client: ImapFlow, idle: boolean, closed: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([stopper.signal, waker.signal, closed]);
    if (idle) {
      // Not awaited: IDLE lasts until the next command, which imapflow precedes with DONE.
      client.idle().catch((err: unknown) => log.debug({ msg: 'IDLE ended with an error', cid: client.id, err: errorInfo(err) }));
    }
    await sleep(pollMs, signal);
    if (waker.signal.aborted) waker = new AbortController();
  }

  async function notePolled(uidValidity: number, lastUid: number): Promise<void> {
    await recordPoll(db, key, true, null);
    ctx.status.succeeded('mailbox', { uidValidity, lastUid });
  }

  /** Hands every message above the cursor to intake, in UID order and in batches. */
  async function syncOnce(client: ImapFlow): Promise<void> {
    if (!client.mailbox) throw new AppError('PD_IMAP_CONNECT', 'mailbox is not open');
    const info: MailboxInfo = { uidValidity: Number(client.mailbox.uidValidity), uidNext: client.mailbox.uidNext };
    const cursor = await cursorFor(client, info);
    let lastUid = cursor.lastUid;
    // One SEARCH per poll: numbers only, cheap even for a large backlog; sources come in batches.
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    if (!Array.isArray(found)) throw new AppError('PD_IMAP_CONNECT', `UID SEARCH ${lastUid + 1}:* failed`);
    // A batch ends handed over, passed (out of scope) or gone (expunged since the SEARCH), so the
    // next one starts after it even where the cursor did not move.
    for (const batch of planBatches(found, lastUid, cfg.batchSize)) {
      if (stopped()) break;
      lastUid = await handleBatch(client, batch, info.uidValidity, cursor.startFrom, lastUid);
      // Each batch read is a poll that worked: a backlog longer than three poll intervals must not
      // read as a dead mailbox in /healthz (503), nor a drop in its middle as "never polled".
      await notePolled(info.uidValidity, lastUid);
    }
    await notePolled(info.uidValidity, lastUid);
    if (failuresSinceSuccess > 0) {
      log.info({ msg: 'IMAP mailbox recovered', failures: failuresSinceSuccess, uidValidity: info.uidValidity, lastUid });
      failuresSinceSuccess = 0;
    }
  }

  /**
   * Opens the mailbox again (EXAMINE, never CLOSE: CLOSE expunges in a read-write mailbox). A
   * server need not tell a session that its mailbox was deleted and created anew: Dovecot's
   * session goes on answering from the old generation (even STATUS does), with untagged "NO
   * Internal error" lines at most. A fresh EXAMINE sees the new UIDVALIDITY, or fails and reconnects.
   */
  async function reopen(client: ImapFlow): Promise<void> {
    const before = client.mailbox ? client.mailbox.uidValidity : undefined;
    const box = await openMailbox(client);
    if (box.uidValidity !== before) {
      log.info({ msg: 'mailbox was replaced on the server; opened it again', uidValidity: Number(box.uidValidity), uidNext: box.uidNext, exists: box.exists });
    }
  }

  /** The cursor for this generation of the mailbox: resumed, begun, or begun again. */
  async function cursorFor(client: ImapFlow, info: MailboxInfo): Promise<Cursor> {
    const stored = await getCursor(db, key);
    const action = cursorAction(stored, info);
    if (action.kind === 'resume' && stored) return stored;
    if (action.kind === 'uidvalidity-changed') {
      // Stored UIDs mean nothing now. Read the mailbox again from the start: intake recognises what
      // it stored before (raw hash, Message-ID + sender), and the kept startFrom scopes out history.
      log.warn({ msg: 'UIDVALIDITY change', prevUidValidity: action.prevUidValidity, uidValidity: action.uidValidity });
      ctx.status.count('imap_uidvalidity_changes_total');
      return resetCursor(db, key, action.uidValidity, 0, null);
    }
    let newest: Date | null = null;
    if (cfg.start === 'now' && client.mailbox && client.mailbox.exists > 0) {
      const last = await client.fetchOne('*', { uid: true, internalDate: true });
      newest = last ? toDate(last.internalDate) : null;
    }
    const plan = planFirstStart(cfg.start, info, newest, ctx.now());
    let lastUid: number;
    if (plan.kind === 'uid') {
      lastUid = plan.lastUid;
    } else {
      const since = await client.search({ since: plan.since }, { uid: true });
      if (!Array.isArray(since)) throw new AppError('PD_IMAP_CONNECT', 'SEARCH SINCE failed');
      lastUid = startAfterSearch(since, info);
    }
    const cursor = await resetCursor(db, key, info.uidValidity, lastUid, plan.startFrom);
    log.info({
      msg: 'first connection to this mailbox: starting point chosen',
      start: cfg.start instanceof Date ? cfg.start.toISOString() : cfg.start,
      uidValidity: info.uidValidity,
      lastUid,
      startFrom: cursor.startFrom?.toISOString() ?? null,
    });
    return cursor;
  }

  /** One batch: sizes and dates first, then sources in groups within the byte budget. */
  async function handleBatch(client: ImapFlow, batch: number[], uidValidity: number, startFrom: Date | null, lastUid: number): Promise<number> {
    const metas: FetchMeta[] = [];
    for await (const m of client.fetch(uidSet(batch), { uid: true, size: true, internalDate: true }, { uid: true })) {
      metas.push({ uid: m.uid, size: m.size ?? 0, internalDate: toDate(m.internalDate) });
    }
    log.debug({ msg: 'fetching batch', firstUid: batch[0], lastUid: batch[batch.length - 1], count: batch.length, found: metas.length });
    for (const step of planSteps(metas, startFrom, budget, ctx.config.limits.maxMessageBytes)) {
      if (stopped()) break;
      if (step.kind === 'too-large') {
        lastUid = await deliverHeadersOnly(client, step.uid, step.size, uidValidity, lastUid);
        continue;
      }
      if (step.kind === 'skip') {
        // Mail from before intake began (seen again after a UIDVALIDITY change): pass it by.
        await advanceCursor(db, key, uidValidity, step.uid);
        lastUid = Math.max(lastUid, step.uid);
        log.info({ msg: 'message out of scope: before the start', uid: step.uid, internalDate: step.internalDate.toISOString() });
        continue;
      }
      lastUid = await deliverGroup(client, step.uids, uidValidity, lastUid);
    }
    return lastUid;
  }

  /**
   * A message larger than MAX_MESSAGE_BYTES (by RFC822.SIZE): only its first bytes are fetched
   * (BODY.PEEK[]<0.64K>, no flag set) and its header block handed to intake with the real size,
   * so it is quarantined as PD_MSG_TOO_LARGE and staff see who sent what, never held whole in memory.
   */
  async function deliverHeadersOnly(client: ImapFlow, uid: number, size: number, uidValidity: number, lastUid: number): Promise<number> {
    const m = await client.fetchOne(String(uid), { uid: true, internalDate: true, source: { start: 0, maxLength: HEADER_CAP_BYTES } }, { uid: true });
    // Expunged since the size was read: nothing to hand over.
    if (!m) return lastUid;
    if (!m.source) throw new AppError('PD_IMAP_CONNECT', `FETCH of UID ${uid} returned no source`);
    log.warn({ msg: 'message larger than MAX_MESSAGE_BYTES; intake will quarantine it', uid, size, fetched: 'headers' });
    const internalDate = toDate(m.internalDate);
    const mail: IncomingMail = {
      mailbox: key,
      sourceKey: `imap:${cfg.mailbox}:${uidValidity}:${uid}`,
      uidValidity,
      uid,
      raw: headerBlock(m.source),
      size,
      ...(internalDate ? { internalDate } : {}),
    };
    if (sink.store) {
      await sink.store([mail]);
      log.debug({ msg: 'message stored for intake', uid, size });
    } else {
      const result = await sink.receive(mail);
      log.debug({ msg: 'message handed to intake', uid, size, outcome: result.outcome, ticket: result.ticket });
    }
    await advanceCursor(db, key, uidValidity, uid);
    ctx.status.count('imap_messages_total');
    return Math.max(lastUid, uid);
  }

  async function deliverGroup(client: ImapFlow, uids: number[], uidValidity: number, lastUid: number): Promise<number> {
    const fetched: FetchMessageObject[] = [];
    // Collected first, handed over after: no database work while the FETCH is in flight. The
    // group fits the byte budget, or is one message alone.
    for await (const m of client.fetch(uidSet(uids), { uid: true, size: true, internalDate: true, source: true }, { uid: true })) {
      fetched.push(m);
    }
    // A UID asked for but not returned was expunged meanwhile: nothing to hand over.
    const mails = fetched.sort((a, b) => a.uid - b.uid).map((m): IncomingMail => {
      if (!m.source) throw new AppError('PD_IMAP_CONNECT', `FETCH of UID ${m.uid} returned no source`);
      const internalDate = toDate(m.internalDate);
      return { mailbox: key, sourceKey: `imap:${cfg.mailbox}:${uidValidity}:${m.uid}`, uidValidity, uid: m.uid, raw: m.source, ...(internalDate ? { internalDate } : {}) };
    });
    if (sink.store && mails.length > 0) {
      // One transaction for the group, the cursor moved past it in the same one; the intake
      // workers process it. Far fewer round trips than one message at a time, and no waiting.
      assertLockHeld();
      await sink.store(mails);
      const top = Math.max(lastUid, ...mails.map((m) => m.uid!));
      ctx.status.count('imap_messages_total', mails.length);
      log.debug({ msg: 'messages stored for intake', firstUid: mails[0]!.uid, lastUid: top, count: mails.length });
      return top;
    }
    for (const mail of mails) {
      if (stopped()) break;
      assertLockHeld();
      const result = await sink.receive(mail);
      // Intake advances the cursor in its store transaction; this repeat is a no-op then, and keeps
      // the cursor right for any sink that does not.
      await advanceCursor(db, key, uidValidity, mail.uid!);
      lastUid = Math.max(lastUid, mail.uid!);
      ctx.status.count('imap_messages_total');
      log.debug({ msg: 'message handed to intake', uid: mail.uid, size: mail.raw.length, outcome: result.outcome, ticket: result.ticket });
    }
    return lastUid;
  }

  /** Another instance may poll as soon as our lock is gone: hand over nothing more. */
  function assertLockHeld(): void {
    if (!lockHeld()) throw new AppError('PD_DB_UNAVAILABLE', 'mailbox lock lost with its database session; polling stops until it is taken again');
  }

  async function closeClient(client: ImapFlow): Promise<void> {
    if (!client.usable) {
      client.close();
      return;
    }
    try {
      await withTimeout(client.logout(), 5_000, 'IMAP LOGOUT');
    } catch (err) {
      log.warn({ msg: 'IMAP logout failed; closing the connection', cid: client.id, err: errorInfo(err) });
      client.close();
    }
  }

  return {
    start() {
      if (supervisor || stopped()) return;
      log.info({ msg: 'IMAP source starting', host: cfg.host, port: cfg.port, pollSeconds: cfg.pollSeconds, batchSize: cfg.batchSize });
      supervisor = supervise().catch((err: unknown) => {
        // supervise() catches per session; reaching here is a bug, and it must be loud.
        log.error({ msg: 'IMAP source stopped unexpectedly', err: errorInfo(err) });
        ctx.status.failed('mailbox', `IMAP source stopped: ${errorInfo(err).message}`);
      });
    },
    stop() {
      if (stopping) return stopping;
      stopper.abort();
      // A connection still being made holds no message: no reason to wait for a slow server.
      if (connecting) current?.close();
      stopping = (async () => {
        if (!supervisor) return;
        const graceful = await Promise.race([supervisor.then(() => true), delay(stopGraceMs).then(() => false)]);
        if (!graceful) {
          log.warn({ msg: 'IMAP session did not finish in time; closing the connection', graceMs: stopGraceMs });
          current?.close();
          await supervisor;
        }
        log.info({ msg: 'IMAP source stopped' });
      })();
      return stopping;
    },
    pollNow() {
      wake('poll');
    },
  };
}
