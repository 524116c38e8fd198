import { AppError, describeError } from './errors.js';
import { calendarCommand } from './cli/calendar.js';
import { classifyCommand } from './cli/classify.js';
import { digestCommand } from './cli/digest.js';
import { ingestCommand } from './cli/ingest.js';
import { out, wantsHelp, type Command } from './cli/io.js';
import { migrateCommand } from './cli/migrate.js';
import { quarantineCommand } from './cli/quarantine.js';
import { retentionCommand } from './cli/retention.js';
import { ticketCommand, ticketsCommand } from './cli/tickets.js';
import { startCommand } from './main.js';

// `npm run --silent cli -- <command> [args]`. Data goes to stdout, errors to stderr with a
// non-zero exit code.

const COMMANDS: Command[] = [
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

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'privacy-desk: privacy-rights email to deadline-bound tickets',
    '',
    'usage: npm run --silent cli -- <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Each command takes --help. Configuration comes from the environment (or .env); see README.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`error: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    out(`usage: npm run --silent cli -- ${command.usage.replace(/^cli /, '')}`);
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // After the service has stopped nothing should be left to wait for; a stray handle must not
    // keep a stopped service alive.
    if (process.argv[2] === 'start') process.exit(code);
  },
  (err: unknown) => {
    const e = describeError(err);
    process.stderr.write(`error${err instanceof AppError ? ` [${err.code}]` : ''}: ${e.message}\n`);
    process.exitCode = err instanceof AppError && err.code === 'PD_CLI_USAGE' ? 2 : 1;
  },
);
