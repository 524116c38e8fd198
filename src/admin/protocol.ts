import path from 'node:path';

// The local admin endpoint: a Unix socket under DATA_DIR through which the command line asks the
// running service to run a command, because only the service may open the embedded database.
// One connection per command: the client sends one request line, the service answers with output
// lines and ends with the exit code. JSON lines both ways.

export interface AdminRequest {
  argv: string[];
  /** The caller's working directory: relative file names are the caller's. */
  cwd: string;
  /** The caller's user name: the default actor of what the command records. */
  user: string;
}

export type AdminReply = { out: string } | { err: string } | { exit: number };

/** In a directory of its own (mode 0700), so that only the service's user can reach it. */
export function adminSocketPath(dataDir: string): string {
  return path.join(dataDir, 'run', 'admin.sock');
}
