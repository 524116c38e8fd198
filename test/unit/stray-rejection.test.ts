import { describe, expect, it } from 'vitest';
import { handleStrayRejections, isLostConnection } from '../../src/lifecycle/stray-rejection.js';
import type { Logger } from '../../src/log.js';

describe('stray rejections', () => {
  it('tells a lost database connection from any other error', () => {
    expect(isLostConnection(Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' }))).toBe(true);
    expect(isLostConnection(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isLostConnection(new TypeError('x is undefined'))).toBe(false);
    expect(isLostConnection(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isLostConnection('CONNECTION_CLOSED')).toBe(false);
  });

  it('logs a lost connection and lives; exits 1 on anything else', () => {
    const lines: string[] = [];
    const record = (o: unknown) => void lines.push(JSON.stringify(o));
    const log = { warn: record, error: record } as unknown as Logger;
    const exits: number[] = [];
    const off = handleStrayRejections(log, (code) => exits.push(code));
    try {
      process.emit('unhandledRejection', Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }), Promise.resolve());
      expect(exits).toEqual([]);
      process.emit('unhandledRejection', new TypeError('a bug'), Promise.resolve());
      expect(exits).toEqual([1]);
    } finally {
      off();
    }
    expect(lines.join('')).toContain('"code":"PD_DB_UNAVAILABLE"');
    expect(lines.join('')).toContain('unhandled rejection: exiting');
  });
});
