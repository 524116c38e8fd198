import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Logger } from '../log.js';

// A few worker threads for CPU-bound work on untrusted input (parsing and reading mail). The main
// thread only waits, so the web server, /healthz and the outbox keep answering; a task that runs
// past its time limit cannot be stopped from inside a JavaScript thread, so its worker is
// terminated and a new one takes its place. The worker file posts 'ready' once loaded; the time
// limit starts when a task is handed to a ready worker, not while the worker starts.

export interface WorkerPoolOptions {
  /** The worker's entry file (.ts under tsx, .js when compiled). */
  url: URL;
  size: number;
  timeoutMs: number;
  /** The error a task that ran out of time rejects with. */
  timeoutError: () => Error;
  log: Logger;
  /** Heap limits of each worker (e.g. a small young generation, so a busy reader stays small). */
  resourceLimits?: ResourceLimits;
}

export interface WorkerPool<I, O> {
  run(input: I): Promise<O>;
  /** Terminates every worker; waiting and running tasks reject. Safe to call twice. */
  close(): Promise<void>;
}

interface Waiter {
  resolve: (w: Worker) => void;
  reject: (err: Error) => void;
}

/** The worker file next to `base`, as .ts when running from source and .js when compiled. */
export function siblingWorkerUrl(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** A .ts worker file needs tsx's loader. Node 20 does not apply `--import tsx` from a worker's
 * execArgv to the worker's own entry, so a small bootstrap registers tsx first, then imports it. */
export function startWorker(url: URL, resourceLimits: ResourceLimits | undefined, workerData?: unknown): Worker {
  const limits = { ...(resourceLimits ? { resourceLimits } : {}), ...(workerData !== undefined ? { workerData } : {}) };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, limits);
  // (require.resolve would pick the CommonJS build of the API; the ESM one is beside it.)
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, ...limits });
}

export function createWorkerPool<I, O>(opts: WorkerPoolOptions): WorkerPool<I, O> {
  const log = opts.log.child({ component: 'worker-pool' });
  const all = new Set<Worker>();
  const idle: Worker[] = [];
  const waiting: Waiter[] = [];
  let closed = false;

  function closedError(): Error {
    return new Error('worker pool is closed');
  }

  function drop(w: Worker): void {
    if (!all.delete(w)) return;
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    void w.terminate();
    // Whoever waits for a worker gets a fresh one in place of this.
    const next = waiting.shift();
    if (next && !closed) spawn().then(next.resolve, next.reject);
    else if (next) next.reject(closedError());
  }

  function spawn(): Promise<Worker> {
    const w = startWorker(opts.url, opts.resourceLimits);
    all.add(w);
    // Idle workers must not keep a finished command-line run alive; a running task refs its worker.
    w.unref();
    w.on('error', (err) => {
      log.error({ msg: 'worker failed', err: { message: err.message } });
      drop(w);
    });
    return new Promise<Worker>((resolve, reject) => {
      const onMessage = (m: unknown): void => {
        if (m !== 'ready') return;
        done();
        resolve(w);
      };
      const onExit = (code: number): void => {
        done();
        drop(w);
        reject(new Error(`worker exited (${code}) while starting`));
      };
      const done = (): void => {
        w.off('message', onMessage);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.on('exit', onExit);
    });
  }

  function acquire(): Promise<Worker> {
    if (closed) return Promise.reject(closedError());
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.size < opts.size) return spawn();
    return new Promise<Worker>((resolve, reject) => waiting.push({ resolve, reject }));
  }

  function release(w: Worker): void {
    w.unref();
    const next = waiting.shift();
    if (next) next.resolve(w);
    else idle.push(w);
  }

  return {
    async run(input) {
      const w = await acquire();
      w.ref();
      return new Promise<O>((resolve, reject) => {
        const timer = setTimeout(() => {
          done();
          log.warn({ msg: 'task ran out of time; worker terminated', timeoutMs: opts.timeoutMs });
          drop(w);
          reject(opts.timeoutError());
        }, opts.timeoutMs);
        const onMessage = (m: O): void => {
          done();
          release(w);
          resolve(m);
        };
        const onExit = (code: number): void => {
          done();
          drop(w);
          reject(new Error(`worker exited (${code}) during a task`));
        };
        const done = (): void => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('exit', onExit);
        };
        w.on('message', onMessage);
        w.on('exit', onExit);
        w.postMessage(input);
      });
    },
    async close() {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter.reject(closedError());
      const workers = [...all];
      all.clear();
      idle.length = 0;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
