import type { Logger } from '../log.js';
import { describeError } from '../errors.js';

// The one shape of every background loop (intake, outbox, scheduler): start(), idempotent stop(),
// an AbortSignal, an abortable sleep, and a per-iteration catch that logs and goes on.

export type LoopState = 'created' | 'running' | 'stopping' | 'stopped';

export interface LoopOptions {
  name: string;
  log: Logger;
  /** One round of work. Returns true when there may be more work right away (skip the sleep). */
  tick: (signal: AbortSignal) => Promise<boolean>;
  intervalMs: number;
  /** Called after a failed tick, before the sleep; default logs at error. */
  onError?: (err: unknown) => void;
}

export interface Loop {
  readonly name: string;
  state(): LoopState;
  start(): void;
  /** Stops claiming new work and resolves when the current tick has finished. */
  stop(): Promise<void>;
  /** Ends the current sleep early (e.g. when new work was announced). */
  wake(): void;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

const WAKE = 'wake';

export function createLoop(opts: LoopOptions): Loop {
  let state: LoopState = 'created';
  const stopper = new AbortController();
  let waker = new AbortController();
  let running: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  async function run() {
    while (!stopper.signal.aborted) {
      let more = false;
      try {
        more = await opts.tick(stopper.signal);
      } catch (err) {
        if (opts.onError) opts.onError(err);
        else opts.log.error({ msg: `${opts.name} loop iteration failed`, err: describeError(err) });
      }
      if (stopper.signal.aborted) break;
      if (!more) {
        await sleep(opts.intervalMs, AbortSignal.any([stopper.signal, waker.signal]));
        if (waker.signal.aborted) waker = new AbortController();
      }
    }
  }

  return {
    name: opts.name,
    state: () => state,
    start() {
      if (state !== 'created') return;
      state = 'running';
      running = run().finally(() => {
        state = 'stopped';
      });
    },
    stop() {
      if (stopping) return stopping;
      if (state === 'created') {
        state = 'stopped';
        return (stopping = Promise.resolve());
      }
      state = 'stopping';
      stopper.abort();
      stopping = running ?? Promise.resolve();
      return stopping;
    },
    wake() {
      // A reason of our own: without one, every call builds a DOMException (a stack trace), and a
      // busy service wakes its loops once a message.
      waker.abort(WAKE);
    },
  };
}
