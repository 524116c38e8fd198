import { delegateToService } from './admin/client.js';
import { AppError } from './errors.js';
import { runCommand } from './cli/dispatch.js';

// `npm run --silent cli -- <command> [args]`, or `node dist/cli.js <command>`. Data goes to stdout,
// errors to stderr with a non-zero exit code. When the running service holds the embedded database,
// commands that need it are run by the service (src/admin/) and their output relayed here.

async function main(argv: string[]): Promise<number> {
  const delegated = await delegateToService(argv);
  if (delegated !== null) return delegated;
  return runCommand(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // After the service has stopped nothing should be left to wait for; a stray handle must not
    // keep a stopped service alive.
    if (process.argv[2] === 'start') process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`error${err instanceof AppError ? ` [${err.code}]` : ''}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
