import { describe, expect, it } from 'vitest';
import { diskFullError, isDiskFull } from '../../src/disk-full.js';
import { AppError } from '../../src/errors.js';

// A full disk is recognised however it is wrapped: Node's ENOSPC, PostgreSQL's SQLSTATE 53100
// (PGlite) under drizzle's "Failed query", and our own coded error.

describe('full disk', () => {
  const pglite = Object.assign(new Error('could not extend file "base/5/16419": No space left on device'), { code: '53100' });
  const drizzle = new Error('Failed query: insert into messages (raw) values ($1)\nparams: secret', { cause: pglite });

  it('is recognised in the cause chain', () => {
    expect(isDiskFull(drizzle)).toBe(true);
    expect(isDiskFull(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(new AppError('PD_DISK_FULL'))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isDiskFull('a string')).toBe(false);
  });

  it('becomes PD_DISK_FULL naming what waits and the innermost words, never the bound parameters', () => {
    const err = diskFullError(drizzle, 'intake waits');
    expect(err?.code).toBe('PD_DISK_FULL');
    expect(err?.message).toContain('intake waits (could not extend file "base/5/16419": No space left on device)');
    expect(err?.message).not.toContain('secret');
    expect(diskFullError(new Error('other'), 'x')).toBeNull();
  });
});
