import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '../errors.js';
import { DIR_LOCK_FILE } from './dir-lock.js';
import { siblingWorkerUrl } from '../lifecycle/worker-pool.js';

// Opening the embedded database of local mode with a footprint to match a small team's desk.
//
// - PostgreSQL's default shared_buffers (128 MB) lives inside PGlite's WebAssembly memory and
//   counts in full against the service's resident memory. 16 MB holds this database's hot pages
//   many times over, and what misses is in the operating system's file cache: the service's
//   resident memory went from about 280 to 160 MB for a bare open.
// - A new data directory is made by initdb, a second WebAssembly module whose memory stays with
//   the process once it has run: a first start peaked at about 800 MB and stayed near 750 MB. It
//   runs in a short-lived child process (pglite-init.ts) that takes that memory with it when it
//   ends, on the first start only; the service then opens the finished directory.

export const PGLITE_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB'];

/** What the child process says: done, or the error with its code (disk-full.ts reads it). */
export interface InitReply {
  ok: boolean;
  message?: string;
  code?: string;
}

/** Makes a new data directory in a child process; resolves once it is complete and closed. */
function initInChild(dir: string, target: string): Promise<void> {
  const file = fileURLToPath(siblingWorkerUrl(import.meta.url, 'pglite-init'));
  // From source (tests, npm run dev) the child needs tsx's loader to read TypeScript.
  const execArgv = file.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href] : [];
  const child = fork(file, [], {
    execArgv,
    env: { ...process.env, PD_PGLITE_INIT: JSON.stringify({ dir, target, startParams: PGLITE_START_PARAMS }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  return new Promise((resolve, reject) => {
    let reply: InitReply | null = null;
    child.once('message', (m: InitReply) => (reply = m));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply?.ok) return resolve();
      if (reply) return reject(Object.assign(new Error(reply.message ?? 'initdb failed'), reply.code ? { code: reply.code } : {}));
      reject(new Error(`the process making the database directory ${target} ended (${signal ?? code}) before it was done`));
    });
  });
}

/**
 * Makes the data directory beside it first, then moves it in with PG_VERSION last: a first start
 * cut short (a full disk, a kill) leaves no half-made database that a later start would take for
 * one, only a `.<name>.init-*` folder, which the next first start removes.
 */
async function makeDataDir(dir: string): Promise<void> {
  // Files there but no database: not ours to overwrite or build on.
  const foreign = readdirSync(dir).filter((f) => f !== DIR_LOCK_FILE);
  if (foreign.length > 0) {
    throw new AppError(
      'PD_DATA_DIR',
      `${dir} holds files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}) but no database (no PG_VERSION): move them away, or point DATA_DIR elsewhere`,
    );
  }
  const parent = path.dirname(dir);
  const prefix = `.${path.basename(dir)}.init-`;
  for (const old of readdirSync(parent).filter((f) => f.startsWith(prefix))) rmSync(path.join(parent, old), { recursive: true, force: true });
  const tmp = mkdtempSync(path.join(parent, prefix));
  try {
    await initInChild(tmp, dir);
    const entries = readdirSync(tmp).filter((f) => f !== 'PG_VERSION');
    for (const f of [...entries, 'PG_VERSION']) renameSync(path.join(tmp, f), path.join(dir, f));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** PGlite on a directory (made first when new), or in memory when dir is null. */
export async function openPglite(dir: string | null): Promise<PGlite> {
  if (dir === null) return PGlite.create({ startParams: [...PGLITE_START_PARAMS] });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await makeDataDir(dir);
  return PGlite.create(dir, { startParams: [...PGLITE_START_PARAMS] });
}
