import { pino, type Logger } from 'pino';
import { describeError } from './errors.js';

export type { Logger };

// One JSON object per line on stdout. Bodies, tokens and passwords are never logged; the redact
// list is a second line of defence for fields that might carry them by accident.
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  fd: 1 | 2 = 1,
): Logger {
  // stdout may be a file on the disk that fills up (`npm start >> var/service.log`). A failed write
  // (ENOSPC) was an unhandled 'error' event that killed the process, and under a supervisor a crash
  // loop, since every start logs at once. Now sonic-boom keeps the unwritten lines and writes them
  // once there is space again, up to 16 MB; past that new lines are dropped, never the service.
  const destination = pino.destination({ fd, sync: true, maxLength: 16 * 1024 * 1024 });
  destination.on('error', () => undefined);
  return pino({
    level,
    base: { service: 'privacy-desk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // A stack trace is for a developer: at info and above an `err` is its message and code.
    serializers: { err: ['debug', 'trace'].includes(level) ? pino.stdSerializers.err : errWithoutStack },
    redact: {
      paths: ['token', '*.token', 'password', '*.password', 'raw', '*.raw', 'body', '*.body', 'text', '*.text', 'html', '*.html'],
      censor: '[redacted]',
    },
  }, destination);
}

function errWithoutStack(err: unknown): unknown {
  return err instanceof Error ? describeError(err) : err;
}

/** A logger that writes nothing: for tests and for CLI commands whose stdout is data. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
