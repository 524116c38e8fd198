import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import type { App } from '../app.js';
import { DATABASE_COMMANDS, runCommand } from '../cli/dispatch.js';
import { inSession } from '../cli/session.js';
import { describeError } from '../errors.js';
import { adminSocketPath, type AdminReply, type AdminRequest } from './protocol.js';

// The service's side of the admin endpoint: runs the CLI's database commands with the service's
// own app, so they share its PGlite instance (queries interleave one at a time; a command is a few
// short queries) instead of waiting for the database to be free.

const MAX_REQUEST_BYTES = 64 * 1024;

export interface AdminServer {
  path: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function parseRequest(line: string): AdminRequest | null {
  const value = JSON.parse(line) as Partial<AdminRequest>;
  if (!Array.isArray(value.argv) || !value.argv.every((a) => typeof a === 'string')) return null;
  if (typeof value.cwd !== 'string' || typeof value.user !== 'string') return null;
  return { argv: value.argv, cwd: value.cwd, user: value.user };
}

export function createAdminServer(app: App): AdminServer {
  const { log } = app.ctx;
  const socketPath = adminSocketPath(app.ctx.config.dataDir);
  const running = new Set<Promise<void>>();
  let server: Server | undefined;

  async function serve(socket: Socket, line: string): Promise<void> {
    const send = (reply: AdminReply) => {
      if (!socket.destroyed) socket.write(JSON.stringify(reply) + '\n');
    };
    let request: AdminRequest | null;
    try {
      request = parseRequest(line);
    } catch {
      request = null;
    }
    if (!request || !DATABASE_COMMANDS.includes(request.argv[0] ?? '')) {
      send({ err: `error [PD_CLI_USAGE]: the service runs only these commands: ${DATABASE_COMMANDS.join(', ')}\n` });
      send({ exit: 2 });
      socket.end();
      return;
    }
    const started = Date.now();
    const code = await inSession(
      { app, cwd: request.cwd, user: request.user, servicePid: process.pid, write: (stream, text) => send(stream === 'out' ? { out: text } : { err: text }) },
      () => runCommand(request.argv),
    );
    send({ exit: code });
    socket.end();
    // The command's name only: its arguments may name people.
    log.info({ msg: 'admin command', command: request.argv[0], exit: code, ms: Date.now() - started });
  }

  function onConnection(socket: Socket): void {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', (err) => log.warn({ msg: 'admin connection failed', err: describeError(err) }));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end === -1) {
        if (buffer.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.removeAllListeners('data');
      const job = serve(socket, buffer.slice(0, end)).catch((err: unknown) => {
        log.error({ msg: 'admin command failed', err: describeError(err) });
        socket.destroy();
      });
      running.add(job);
      void job.finally(() => running.delete(job));
    });
  }

  return {
    path: socketPath,
    async start() {
      mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
      chmodSync(path.dirname(socketPath), 0o700);
      // Left behind by a service that was killed; this process holds the database lock, so no
      // other service is listening on it.
      rmSync(socketPath, { force: true });
      const s = createServer(onConnection);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(socketPath, () => {
          s.off('error', reject);
          resolve();
        });
      });
      chmodSync(socketPath, 0o600);
      s.on('error', (err) => log.error({ msg: 'admin endpoint failed', err: describeError(err) }));
      server = s;
    },
    async stop() {
      const s = server;
      if (!s) return;
      server = undefined;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      await Promise.all([...running]);
      await closed;
      rmSync(socketPath, { force: true });
    },
  };
}
