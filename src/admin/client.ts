import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { DATABASE_COMMANDS } from '../cli/dispatch.js';
import { wantsHelp } from '../cli/io.js';
import { loadConfig, loadDotEnv, type Config } from '../config.js';
import { lockHolder } from '../db/dir-lock.js';
import { AppError } from '../errors.js';
import { adminSocketPath, type AdminReply, type AdminRequest } from './protocol.js';

// The command line's side of the admin endpoint: when a running service holds the embedded database,
// commands that need it are sent to the service and their output is written here as it comes.

function embeddedConfig(): Config | null {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (err) {
    // The command itself loads the configuration again and reports the problem in its own words.
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Runs argv in the running service and returns its exit code, or null when the CLI runs it itself. */
export async function delegateToService(argv: string[]): Promise<number | null> {
  const name = argv[0];
  if (!name || !DATABASE_COMMANDS.includes(name) || wantsHelp(argv.slice(1))) return null;
  const config = embeddedConfig();
  if (!config || config.database.kind !== 'pglite') return null;
  const holder = lockHolder(config.database.dir);
  const socketPath = adminSocketPath(config.dataDir);
  if (holder === null || !existsSync(socketPath)) return null;
  const request: AdminRequest = { argv, cwd: process.cwd(), user: userInfo().username };
  return new Promise<number>((resolve, reject) => {
    const socket = connect(socketPath);
    let buffer = '';
    let exit: number | null = null;
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n')) !== -1) {
        const reply = JSON.parse(buffer.slice(0, end)) as AdminReply;
        buffer = buffer.slice(end + 1);
        if ('out' in reply) process.stdout.write(reply.out);
        else if ('err' in reply) process.stderr.write(reply.err);
        else exit = reply.exit;
      }
    });
    socket.on('error', (err) => {
      reject(new AppError('PD_DB_UNAVAILABLE', `the service (process ${holder}) holds the embedded database, and its admin socket ${socketPath} failed: ${err.message}`, { cause: err }));
    });
    socket.on('close', () => {
      if (exit !== null) resolve(exit);
      else reject(new AppError('PD_DB_UNAVAILABLE', `the service (process ${holder}) closed ${socketPath} before the command finished`));
    });
  });
}
