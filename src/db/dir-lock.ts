import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's file name, inside the database directory. */
export const DIR_LOCK_FILE = '.privacy-desk.lock';

/**
 * PGlite keeps its files in one directory that only one process may open; two would corrupt it.
 * The lock file holds the owner's PID, and a lock left by a dead process (kill -9) is taken over.
 */
export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, DIR_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new AppError(
          'PD_DB_UNAVAILABLE',
          `the embedded database in ${dir} is in use by process ${pid}; stop it first, or use another DATA_DIR`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('PD_DB_UNAVAILABLE', `could not lock ${dir}`);
}

/** The live process that holds the embedded database in dir, if another one does. */
export function lockHolder(dir: string): number | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, DIR_LOCK_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}
