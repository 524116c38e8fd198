import { describeError } from '../errors.js';
import type { Logger } from '../log.js';

// imapflow logs every failed command at error, stack and all. The IMAP source reports each failure
// itself, once, with a code and the fix; imapflow's view of it goes to warn, its `err` reduced to
// message and code. Its command traffic (debug) shows only when tracing.

type Entry = Record<string, unknown>;

export interface ImapflowLogger {
  trace(entry: Entry): void;
  debug(entry: Entry): void;
  info(entry: Entry): void;
  warn(entry: Entry): void;
  error(entry: Entry): void;
  fatal(entry: Entry): void;
  isLevelEnabled(level: string): boolean;
}

export function imapflowLogger(parent: Logger): ImapflowLogger {
  const log = parent.child({ sub: 'imapflow' }, { level: parent.level === 'trace' ? 'trace' : 'warn' });
  const debugging = ['debug', 'trace'].includes(parent.level);
  const clean = (e: Entry): Entry => (e && typeof e === 'object' && 'err' in e && !debugging ? { ...e, err: describeError(e.err) } : e);
  return {
    trace: (e) => log.trace(e),
    debug: (e) => log.debug(e),
    info: (e) => log.info(e),
    warn: (e) => log.warn(clean(e)),
    error: (e) => log.warn(clean(e)),
    fatal: (e) => log.warn(clean(e)),
    isLevelEnabled: (level) => log.isLevelEnabled(level),
  };
}
