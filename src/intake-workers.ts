import type { AppContext } from './context.js';
import { describeError } from './errors.js';
import type { Intake } from './intake.js';
import { createLoop, type Loop } from './lifecycle/loop.js';
import type { IngestResult } from './mail/incoming.js';

// Several loops that take stored messages and process them, each on its own pool connection:
// while one waits for the database, another's message is read in a worker thread. Which message
// goes next is the claim's decision (db/queries/message-batch.ts): the oldest one nobody holds
// whose sender has nothing older unfinished, so one sender's mail stays in arrival order and every
// message still gets exactly one outcome. They also finish what a crash or an outage left stored.

export interface IntakeWorkersOptions {
  /** How many messages are processed at once (INTAKE_CONCURRENCY). */
  concurrency: number;
  /**
   * Messages one loop claims and processes at once (one per sender; those pointing at no ticket
   * in one transaction). 1 processes one at a time.
   */
  batchSize?: number;
  /** How often an idle loop looks for work nobody announced (another instance, an expired claim). */
  idleMs?: number;
  /** After each message: e.g. wake the outbox for the mail it queued. */
  onProcessed?: (result: IngestResult) => void;
}

export interface IntakeWorkers {
  start(): void;
  /** Stops claiming; each loop finishes the messages in hand (its batch). Idempotent. */
  stop(): Promise<void>;
  /** New messages were stored: idle loops look at once. */
  wake(): void;
}

export function createIntakeWorkers(ctx: AppContext, intake: Intake, opts: IntakeWorkersOptions): IntakeWorkers {
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${opts.concurrency}`);
  const batchSize = opts.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const log = ctx.log.child({ component: 'intake-workers' });
  const loops: Loop[] = Array.from({ length: opts.concurrency }, (_, n) =>
    createLoop({
      name: `intake-${n}`,
      log,
      intervalMs: opts.idleMs ?? 5_000,
      tick: async () => {
        const results = await intake.processBatch(batchSize);
        for (const result of results) opts.onProcessed?.(result);
        return results.length > 0;
      },
      onError(err) {
        // A failed message was handed back (or its claim runs out): a later round retries it, and
        // PROCESSING_MAX_ATTEMPTS quarantines one that keeps failing. The database may be away.
        log.warn({ msg: 'intake round failed', worker: n, err: describeError(err) });
      },
    }),
  );
  return {
    start() {
      for (const loop of loops) loop.start();
      log.info({ msg: 'intake workers started', concurrency: opts.concurrency, batchSize });
    },
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
    wake() {
      for (const loop of loops) loop.wake();
    },
  };
}
