import { mkdirSync } from 'node:fs';
import { readFile, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context.js';
import { describeError } from '../errors.js';
import { createLoop, type Loop } from '../lifecycle/loop.js';
import type { IngestResult, MailSink } from './incoming.js';
import { sha256 } from './parse.js';

// Local mode's mailbox: every .eml dropped into the inbox folder is ingested once, then moved to
// the processed folder. The store is idempotent on the file's hash, so a crash between the
// database commit and the move only means the file is seen again and recognised.

export interface LocalSourceOptions {
  inbox: string;
  processed: string;
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
  mkdirSync(opts.inbox, { recursive: true });
  mkdirSync(opts.processed, { recursive: true });
  const names = (await readdir(opts.inbox)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
  const done: Array<{ file: string; result: IngestResult }> = [];
  for (const name of names) {
    if (signal?.aborted) break;
    const file = path.join(opts.inbox, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    if (Date.now() - info.mtimeMs < (opts.settleMs ?? 1000)) continue;
    const raw = await readFile(file);
    const result = await sink.receive({ mailbox: 'local', sourceKey: sourceKeyForFile('local', raw), raw });
    await rename(file, uniqueTarget(opts.processed, name));
    log.info({ msg: 'file ingested', file: name, outcome: result.outcome, ticket: result.ticket, reason: result.reason });
    done.push({ file: name, result });
  }
  ctx.status.succeeded('mailbox', { kind: 'local', inbox: opts.inbox, lastBatch: done.length });
  return done;
}

function uniqueTarget(dir: string, name: string): string {
  return path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`);
}

export function createLocalSource(ctx: AppContext, sink: MailSink, opts: LocalSourceOptions): Loop {
  return createLoop({
    name: 'local-mailbox',
    log: ctx.log,
    intervalMs: opts.intervalMs ?? 1000,
    tick: async (signal) => {
      try {
        await drainInbox(ctx, sink, opts, signal);
      } catch (err) {
        ctx.status.failed('mailbox', describeError(err).message);
        throw err;
      }
      return false;
    },
  });
}
