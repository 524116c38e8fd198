import { describeError } from '../errors.js';

// Small helpers of the IMAP source: error details fit for a log line, dates from a FETCH, timers
// that never keep a stopping process alive.

export interface ErrorInfo {
  message: string;
  code?: string;
  cause?: { message: string; code?: string };
}

/**
 * describeError plus the cause, which holds the real reason when drizzle wraps a driver error.
 * Drizzle's message ends with the bound parameters, which can be a mail's bytes: cut off.
 */
export function errorInfo(err: unknown): ErrorInfo {
  const clean = (e: unknown) => {
    const d = describeError(e);
    return { ...d, message: d.message.split('\nparams:')[0]!.slice(0, 1000) };
  };
  const cause = err instanceof Error && err.cause !== undefined ? clean(err.cause) : undefined;
  return { ...clean(err), ...(cause ? { cause } : {}) };
}

export function toDate(v: Date | string | undefined): Date | null {
  if (v === undefined) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
