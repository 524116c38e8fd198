import { diskFullError } from '../disk-full.js';
import { AppError, describeError } from '../errors.js';
import { startCommand } from '../main.js';
import { calendarCommand } from './calendar.js';
import { classifyCommand } from './classify.js';
import { digestCommand } from './digest.js';
import { ingestCommand } from './ingest.js';
import { err, out, wantsHelp, type Command } from './io.js';
import { migrateCommand } from './migrate.js';
import { quarantineCommand } from './quarantine.js';
import { retentionCommand } from './retention.js';
import { ticketCommand, ticketsCommand } from './tickets.js';

// Finds the command named by argv and runs it; errors become a message on stderr and an exit code.
// The same in the CLI's own process and inside the service (src/admin/server.ts).

// A function, not a constant: main.ts imports this module back (the admin endpoint), and the list
// must not be built before startCommand exists.
function commands(): Command[] {
  return [
    startCommand,
    migrateCommand,
    ingestCommand,
    classifyCommand,
    ticketsCommand,
    ticketCommand,
    quarantineCommand,
    calendarCommand,
    digestCommand,
    retentionCommand,
  ];
}

/** Commands that use the database: with the embedded one held by the service, the service runs them. */
export const DATABASE_COMMANDS: readonly string[] = ['migrate', 'ingest', 'tickets', 'ticket', 'quarantine', 'digest', 'retention'];

function help(): string {
  const list = commands();
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'privacy-desk: privacy-rights email to deadline-bound tickets',
    '',
    'usage: npm run --silent cli -- <command> [options]',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Each command takes --help. Configuration comes from the environment (or .env); see README.',
  ].join('\n');
}

export async function runCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 2;
  }
  const command = commands().find((c) => c.name === name);
  if (!command) {
    err(`error: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    out(`usage: npm run --silent cli -- ${command.usage.replace(/^cli /, '')}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (thrown) {
    // A full disk says so by its code, not as a bare "ENOSPC: no space left on device, write".
    const caught = diskFullError(thrown, `${name} cannot go on; free space on the disk that holds DATA_DIR or the database`) ?? thrown;
    const e = describeError(caught);
    err(`error${caught instanceof AppError ? ` [${caught.code}]` : ''}: ${e.message}`);
    return caught instanceof AppError && caught.code === 'PD_CLI_USAGE' ? 2 : 1;
  }
}
