import { pino, type Logger } from 'pino';
import { describeError } from './errors.js';

export type { Logger };

// One JSON object per line on stdout. Bodies, tokens and passwords are never logged; the redact
// list is a second line of defence for fields that might carry them by accident.
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  fd: 1 | 2 = 1,
): Logger {
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
  }, pino.destination({ fd, sync: true }));
}

function errWithoutStack(err: unknown): unknown {
  return err instanceof Error ? describeError(err) : err;
}

/** A logger that writes nothing: for tests and for CLI commands whose stdout is data. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
