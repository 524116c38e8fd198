import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Local mode keeps the database, raw mail (with live confirmation links) and the secret under
// DATA_DIR: only the service's own user may read them. Directories are 0700, files 0600.

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Files and directories this process creates get no group or other bits, whatever they ask for. */
export function restrictUmask(): void {
  process.umask(process.umask() | 0o077);
}

/**
 * Creates `dir` (and missing parents) as 0700, and takes group and other bits off an existing one
 * we own: an older release made DATA_DIR 0755. A directory someone else owns is left as it is.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const st = statSync(dir);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) chmodSync(dir, PRIVATE_DIR);
}

/**
 * Takes group and other bits off every directory and regular file under `dir` (links are not
 * followed). PGlite's file system layer sets 0666 on the files it makes, ignoring the umask: this
 * runs when the database is opened and closed; between the two, the 0700 directory keeps them private.
 */
export function makeTreePrivate(dir: string): void {
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if ((st.mode & 0o077) !== 0) chmodSync(dir, st.mode & PRIVATE_DIR);
    for (const name of readdirSync(dir)) makeTreePrivate(path.join(dir, name));
  } else if (st.isFile() && (st.mode & 0o077) !== 0) {
    chmodSync(dir, st.mode & PRIVATE_FILE);
  }
}
