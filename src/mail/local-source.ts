import { lstat, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context.js';
import { diskFullError } from '../disk-full.js';
import { AppError, codedText, describeError, isAppError } from '../errors.js';
import { createLoop, type Loop } from '../lifecycle/loop.js';
import { ensurePrivateDir } from '../private-files.js';
import type { IngestResult, MailSink } from './incoming.js';
import { readInboxFile } from './inbox-file.js';
import { sha256 } from './parse.js';

// Local mode's mailbox: every .eml dropped into the inbox folder is ingested once, then moved to
// the processed folder. The store is idempotent on the file's hash, so a crash between the
// database commit and the move only means the file is seen again and recognised.
// What cannot be ingested is moved aside to the rejected folder with a `.reason.json` beside it,
// so no file blocks the queue: a symbolic link (moved, its target never read), an unreadable file,
// and an oversized one (its headers are stored as a quarantined PD_MSG_TOO_LARGE message first).

export interface LocalSourceOptions {
  inbox: string;
  processed: string;
  /** Where files that cannot be ingested go; default: `rejected` beside the inbox. */
  rejected?: string;
  /** Default: MAX_MESSAGE_BYTES. */
  maxMessageBytes?: number;
  intervalMs?: number;
  /** A file younger than this may still be being written; it waits for the next round. */
  settleMs?: number;
}

export function sourceKeyForFile(kind: 'local' | 'cli', raw: Buffer): string {
  return `${kind}:${sha256(raw)}`;
}

/** Ingests the files waiting in the inbox, oldest name first; returns what happened to each. */
export async function drainInbox(
  ctx: AppContext,
  sink: MailSink,
  opts: LocalSourceOptions,
  signal?: AbortSignal,
): Promise<Array<{ file: string; result: IngestResult }>> {
  const log = ctx.log.child({ component: 'local-mailbox' });
  const rejected = opts.rejected ?? path.join(path.dirname(opts.inbox), 'rejected');
  const maxBytes = opts.maxMessageBytes ?? ctx.config.limits.maxMessageBytes;
  for (const dir of [opts.inbox, opts.processed, rejected]) ensurePrivateDir(dir);
  const names = (await readdir(opts.inbox)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
  const done: Array<{ file: string; result: IngestResult }> = [];

  async function moveAside(name: string, err: AppError, size: number | null): Promise<void> {
    const target = uniqueTarget(rejected, name);
    // The link itself is moved, never what it points to.
    await rename(path.join(opts.inbox, name), target);
    const reason = { file: name, code: err.code, detail: err.detail ?? null, size, at: new Date().toISOString() };
    await writeFile(`${target}.reason.json`, JSON.stringify(reason, null, 2) + '\n', { mode: 0o600 });
    log.warn({ msg: 'file moved aside', file: name, code: err.code, detail: err.detail, size, to: path.basename(target) });
    ctx.status.count('inbox_files_rejected_total');
  }

  for (const name of names) {
    if (signal?.aborted) break;
    const file = path.join(opts.inbox, name);
    const info = await lstat(file).catch(() => null);
    if (!info) continue;
    // A link is judged at once: its mtime says nothing about the file it points to. No settle time
    // means none: Date.now() is whole milliseconds, mtimeMs is not, so a file written within the
    // current millisecond would look written in the future and be passed over.
    const settleMs = opts.settleMs ?? 1000;
    if (!info.isSymbolicLink() && settleMs > 0 && Date.now() - info.mtimeMs < settleMs) continue;
    const read = await readInboxFile(file, maxBytes);
    if (read.kind === 'gone' || read.kind === 'other') continue;
    if (read.kind === 'symlink') {
      await moveAside(name, new AppError('PD_FILE_SYMLINK', 'a symbolic link; its target was not read'), null);
      continue;
    }
    if (read.kind === 'unreadable') {
      await moveAside(name, new AppError('PD_FILE_UNREADABLE', read.detail), info.size);
      continue;
    }
    let result: IngestResult;
    if (read.kind === 'too-large') {
      // Staff see it in the quarantine by its headers; the file itself waits in the rejected folder.
      result = await sink.receive({ mailbox: 'local', sourceKey: sourceKeyForFile('local', read.head), raw: read.head, size: read.size });
      await moveAside(name, tooLarge(read.size, maxBytes), read.size);
    } else {
      result = await sink.receive({ mailbox: 'local', sourceKey: sourceKeyForFile('local', read.raw), raw: read.raw });
      await rename(file, uniqueTarget(opts.processed, name));
    }
    log.info({ msg: 'file ingested', file: name, outcome: result.outcome, ticket: result.ticket, reason: result.reason });
    done.push({ file: name, result });
  }
  ctx.status.succeeded('mailbox', { kind: 'local', inbox: opts.inbox, lastBatch: done.length });
  return done;
}

function tooLarge(size: number, limit: number): AppError {
  return new AppError('PD_FILE_TOO_LARGE', `${size} bytes, limit ${limit}; headers stored as a quarantined message`);
}

function uniqueTarget(dir: string, name: string): string {
  return path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`);
}

export function createLocalSource(ctx: AppContext, sink: MailSink, opts: LocalSourceOptions): Loop {
  const log = ctx.log.child({ component: 'local-mailbox' });
  // A full disk is one error line when it begins and one info line when it is over, not one a second.
  let diskFull = false;
  return createLoop({
    name: 'local-mailbox',
    log: ctx.log,
    intervalMs: opts.intervalMs ?? 1000,
    tick: async (signal) => {
      try {
        await drainInbox(ctx, sink, opts, signal);
      } catch (err) {
        // The file in hand stays in the inbox (it moves only once stored): nothing is lost.
        const full = diskFullError(err, `intake waits; the files stay in ${opts.inbox}`);
        ctx.status.failed('mailbox', full ? codedText(full) : describeError(err).message);
        throw full ?? err;
      }
      if (diskFull) log.info({ msg: 'disk has space again; intake resumes', code: 'PD_DISK_FULL' });
      diskFull = false;
      return false;
    },
    onError: (err) => {
      if (isAppError(err, 'PD_DISK_FULL')) {
        if (!diskFull) log.error({ msg: codedText(err), code: err.code });
        diskFull = true;
        return;
      }
      log.error({ msg: 'local-mailbox loop iteration failed', err: describeError(err) });
    },
  });
}
