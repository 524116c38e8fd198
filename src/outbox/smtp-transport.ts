import type { Worker } from 'node:worker_threads';
import { siblingWorkerUrl, startWorker } from '../lifecycle/worker-pool.js';
import { mailOptions } from './mail-options.js';
import { rebuildError, type SmtpThreadReply, type SmtpThreadRequest, type SmtpThreadSetup } from './smtp-thread-protocol.js';
import type { MailTransport, TransportOptions } from './transport.js';

// Mail by SMTP, with nodemailer running in a thread of its own (smtp-thread.ts): composing each
// mail and writing it to the server took a quarter of the main thread under a backlog, which then
// held back intake and the web pages. The outbox workers stay on the main thread and see the same
// promise as before: it resolves with the server's reply, or rejects with nodemailer's error (its
// code, responseCode and command rebuilt), so delivery-error.ts decides as it always did.
//
// The thread starts with the first mail. Should it die (it should not), the mails in it fail with
// ESMTPTHREAD, a transient error: they are retried with backoff, and a mail the server had already
// accepted may go twice, as after a crash of the whole service between acceptance and our record.

interface Pending {
  resolve: (r: { response: string | null }) => void;
  reject: (err: Error) => void;
}

export function smtpThreadTransport(url: string, connections: number, opts: TransportOptions = {}): MailTransport {
  const t = opts.timeouts ?? {};
  const setup: SmtpThreadSetup = {
    url,
    connections,
    timeouts: { connectMs: t.connectMs ?? 15_000, greetingMs: t.greetingMs ?? 15_000, socketMs: t.socketMs ?? 60_000 },
  };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let thread: { worker: Worker; ready: Promise<void> } | null = null;
  let closed = false;

  function failAll(worker: Worker, why: string): void {
    if (thread?.worker !== worker) return;
    thread = null;
    const err = Object.assign(new Error(`the SMTP thread stopped (${why}); the mail will be retried`), { code: 'ESMTPTHREAD' });
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function start(): { worker: Worker; ready: Promise<void> } {
    // Small young generation, as the readers: the thread makes garbage fast and keeps little.
    const worker = startWorker(siblingWorkerUrl(import.meta.url, 'smtp-thread'), { maxYoungGenerationSizeMb: 8 }, setup);
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('exit', (code) => reject(Object.assign(new Error(`the SMTP thread exited (${code}) while starting`), { code: 'ESMTPTHREAD' })));
      worker.on('message', (m: SmtpThreadReply) => {
        if (m === 'ready') return resolve();
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (pending.size === 0) worker.unref();
        if (m.ok) p.resolve({ response: m.response });
        else p.reject(rebuildError(m.error));
      });
    });
    // Settled here too, so a thread that dies before anyone waits leaves no unhandled rejection.
    ready.catch(() => undefined);
    worker.on('error', (err) => failAll(worker, err.message));
    worker.on('exit', (code) => failAll(worker, `exit ${code}`));
    return { worker, ready };
  }

  return {
    kind: 'smtp',
    async send(m, sendOpts = {}) {
      if (closed) throw Object.assign(new Error('the SMTP transport is closed'), { code: 'ESMTPTHREAD' });
      thread ??= start();
      const { worker, ready } = thread;
      await ready;
      const id = nextId++;
      const { after } = sendOpts;
      // A mail in the thread keeps the process alive until the server has answered.
      worker.ref();
      const accepted = new Promise<{ response: string | null }>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'send', id, mail: mailOptions(m), held: after !== undefined } satisfies SmtpThreadRequest);
      });
      after?.then(
        () => worker.postMessage({ kind: 'release', id } satisfies SmtpThreadRequest),
        () => worker.postMessage({ kind: 'withdraw', id } satisfies SmtpThreadRequest),
      );
      return accepted;
    },
    close() {
      closed = true;
      const worker = thread?.worker;
      thread = null;
      // Called once the workers have stopped, so nothing should be in flight; what is would never
      // hear back from a closed thread, and is retried instead (it may have gone: ESMTPTHREAD).
      const err = Object.assign(new Error('the SMTP transport closed while the mail was in flight'), { code: 'ESMTPTHREAD' });
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      // The thread says QUIT on its pooled connections and ends once they are closed.
      worker?.postMessage({ kind: 'close' } satisfies SmtpThreadRequest);
    },
  };
}
