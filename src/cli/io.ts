import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, describeError } from '../errors.js';
import { safeJson, safeLine } from './safe-text.js';
import { callerCwd, writeErr, writeOut } from './session.js';

// Small helpers shared by the commands: stdout carries data (JSON lines or tables), stderr carries
// logs and errors, and a wrong argument is a PD_CLI_USAGE error that names it.

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

export function out(line: string): void {
  writeOut(line + '\n');
}

export function err(line: string): void {
  writeErr(line + '\n');
}

/** One JSON line; C1, bidi and format characters from mail come out as \\u escapes (see safe-text.ts). */
export function jsonLine(value: unknown): void {
  out(safeJson(value));
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
): { values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; args: string[] }>>['values']; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values, positionals: r.positionals };
  } catch (err) {
    throw new AppError('PD_CLI_USAGE', `${err instanceof Error ? err.message : String(err)}\nusage: ${usage}`);
  }
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** A plain-text table; cells are single lines with unsafe characters escaped (they may come from mail). */
export function table(headers: string[], cellsIn: string[][]): string {
  const rowsIn = cellsIn.map((r) => r.map(safeLine));
  const widths = headers.map((h, i) => Math.max(h.length, ...rowsIn.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rowsIn.map(line)].join('\n');
}

/**
 * Reads each file and prints the JSON line `fn` makes of it; an unreadable file or a failure gives
 * an error line (and a message on stderr) instead, and the next file goes on. Returns the failures.
 * A file larger than `maxBytes` is refused by its size, before it is read.
 */
export async function eachFile(
  files: string[],
  failureCode: string,
  fn: (raw: Buffer) => Promise<Record<string, unknown>>,
  maxBytes = Infinity,
): Promise<number> {
  let failures = 0;
  for (const file of files) {
    let raw: Buffer;
    try {
      const { size } = await stat(path.resolve(callerCwd(), file));
      if (size > maxBytes) {
        failures++;
        err(`error: ${file}: ${size} bytes, more than MAX_MESSAGE_BYTES (${maxBytes}); not read`);
        jsonLine({ file, error: 'PD_FILE_TOO_LARGE', size });
        continue;
      }
      raw = await readFile(path.resolve(callerCwd(), file));
    } catch (e) {
      failures++;
      err(`error: cannot read ${file}: ${describeError(e).message}`);
      jsonLine({ file, error: 'PD_FILE_NOT_FOUND' });
      continue;
    }
    try {
      jsonLine({ file, ...(await fn(raw)) });
    } catch (caught) {
      failures++;
      const e = describeError(caught);
      err(`error: ${file}: ${e.message}`);
      jsonLine({ file, error: e.code ?? failureCode, message: e.message });
    }
  }
  return failures;
}
