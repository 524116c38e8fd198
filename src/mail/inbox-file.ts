import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';

// Reading one file of the local inbox, defensively: the folder is a drop box, and what lies in it
// is not trusted. A symbolic link is never followed (it could point at any file this user can
// read), the size is checked before a byte is read, and an oversized file gives its headers only.

/** The head kept of an oversized file: up to the blank line after the headers, at most this much. */
export const HEADER_CAP_BYTES = 64 * 1024;

export type InboxFile =
  | { kind: 'mail'; raw: Buffer }
  /** Larger than the limit: `head` holds the headers only, `size` the file's real size. */
  | { kind: 'too-large'; head: Buffer; size: number }
  | { kind: 'symlink' }
  | { kind: 'unreadable'; detail: string }
  /** A directory, socket or the like: not mail, left alone. */
  | { kind: 'other' }
  | { kind: 'gone' };

export async function readInboxFile(file: string, maxBytes: number): Promise<InboxFile> {
  let handle: FileHandle;
  try {
    const link = await lstat(file);
    if (link.isSymbolicLink()) return { kind: 'symlink' };
    if (!link.isFile()) return { kind: 'other' };
    // O_NOFOLLOW: a file swapped for a link after the lstat fails here (ELOOP) instead of being
    // followed; O_NONBLOCK: one swapped for a FIFO cannot hang the open.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'gone' };
    if (code === 'ELOOP') return { kind: 'symlink' };
    return { kind: 'unreadable', detail: code ?? String(err) };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'other' };
    if (st.size > maxBytes) return { kind: 'too-large', head: headerBlock(await readUpTo(handle, HEADER_CAP_BYTES)), size: st.size };
    // One byte over the limit is asked for: a file that grew since the stat is caught here too.
    const raw = await readUpTo(handle, maxBytes + 1);
    if (raw.length > maxBytes) return { kind: 'too-large', head: headerBlock(raw.subarray(0, HEADER_CAP_BYTES)), size: raw.length };
    return { kind: 'mail', raw };
  } catch (err) {
    return { kind: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) };
  } finally {
    await handle.close();
  }
}

/** Reads until EOF or `limit` bytes, whichever comes first; memory follows what is read. */
async function readUpTo(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(256 * 1024, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** The header block of a message start: through the first blank line, or all of it when there is none. */
export function headerBlock(start: Buffer): Buffer {
  const crlf = start.indexOf('\r\n\r\n');
  const lf = start.indexOf('\n\n');
  const ends = [crlf === -1 ? -1 : crlf + 4, lf === -1 ? -1 : lf + 2].filter((n) => n > 0);
  return ends.length > 0 ? start.subarray(0, Math.min(...ends)) : start;
}
