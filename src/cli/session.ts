import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';
import type { App } from '../app.js';

// A command runs either in its own process (stdout, stderr, its own database) or inside the running
// service on behalf of a CLI that found the embedded database held (src/admin/server.ts). The
// session says which: where output goes, whose working directory and name count, and the app to use.

export interface Session {
  /** The running service's app, shared instead of opening the database a second time. */
  app: App;
  write(stream: 'out' | 'err', text: string): void;
  cwd: string;
  user: string;
  servicePid: number;
}

const current = new AsyncLocalStorage<Session>();

export function inSession<T>(session: Session, fn: () => Promise<T>): Promise<T> {
  return current.run(session, fn);
}

export function session(): Session | undefined {
  return current.getStore();
}

export function writeOut(text: string): void {
  const s = current.getStore();
  if (s) s.write('out', text);
  else process.stdout.write(text);
}

export function writeErr(text: string): void {
  const s = current.getStore();
  if (s) s.write('err', text);
  else process.stderr.write(text);
}

/** Who runs the command: the default actor of events the command records. */
export function osUser(): string {
  return current.getStore()?.user ?? userInfo().username;
}

/** The directory relative file names are read from: the caller's, also inside the service. */
export function callerCwd(): string {
  return current.getStore()?.cwd ?? process.cwd();
}
