import { PGlite } from '@electric-sql/pglite';
import type { InitReply } from './pglite.js';

// Child process entry (see pglite.ts): makes a new PGlite data directory and closes it, so the
// memory initdb leaves behind ends with this process instead of staying with the service.

if (!process.send) throw new Error('pglite-init runs only as a child process of the service');
/** `dir` is where the files are made; `target`, where they will be moved, is the name errors use. */
const { dir, target, startParams } = JSON.parse(process.env.PD_PGLITE_INIT ?? '{}') as { dir: string; target: string; startParams: string[] };

/** Sends the reply, then closes the channel: nothing else keeps this process. */
function reply(message: InitReply): void {
  process.send!(message, undefined, {}, () => process.disconnect());
}

// PGlite's file system fails with Emscripten's ErrnoError, which is not an Error and carries only
// a WASI errno: the ones an operator can act on, by name.
const WASI_ERRNO: Record<number, [code: string, text: string]> = {
  2: ['EACCES', 'permission denied'],
  44: ['ENOENT', 'no such file or directory'],
  51: ['ENOSPC', 'No space left on device'],
  63: ['EPERM', 'operation not permitted'],
  69: ['EROFS', 'read-only file system'],
};

function describe(err: unknown): { message: string; code?: string } {
  const e = typeof err === 'object' && err !== null ? (err as { code?: unknown; errno?: unknown; name?: unknown }) : {};
  if (typeof e.errno === 'number' && !(err instanceof Error)) {
    const [code, text] = WASI_ERRNO[e.errno] ?? [undefined, `errno ${e.errno}`];
    return { message: `could not make the database files for ${target}: ${text}`, ...(code ? { code } : {}) };
  }
  return { message: err instanceof Error ? err.message : String(err), ...(typeof e.code === 'string' ? { code: e.code } : {}) };
}

try {
  const db = await PGlite.create(dir, { startParams });
  await db.close();
  reply({ ok: true });
} catch (err) {
  reply({ ok: false, ...describe(err) });
}
