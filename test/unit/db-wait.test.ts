import { describe, expect, it } from 'vitest';
import { databaseEndpoint, isUnreachable } from '../../src/db/wait.js';
import { loadConfig } from '../../src/config.js';

describe('waiting for the database', () => {
  it('names host and port of DATABASE_URL, never the password', () => {
    expect(databaseEndpoint('postgres://app:s3cret@db.example.org:6543/pd')).toEqual({ host: 'db.example.org', port: 6543 });
    expect(databaseEndpoint('postgresql://app:s3cret@10.0.0.5/pd')).toEqual({ host: '10.0.0.5', port: 5432 });
  });

  it('waits out a server that is away, starting or shutting down, not a wrong password or a bad migration', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006']) {
      expect(isUnreachable(Object.assign(new Error(code), { code })), code).toBe(true);
    }
    for (const code of ['28P01', '3D000', '42P01']) expect(isUnreachable(Object.assign(new Error(code), { code })), code).toBe(false);
    expect(isUnreachable(new Error('no code'))).toBe(false);
  });

  it('reads DB_WAIT_SECONDS (unset: the command decides) and HEALTHZ_TOKEN', () => {
    expect(loadConfig({}).dbWaitSeconds).toBeNull();
    expect(loadConfig({ DB_WAIT_SECONDS: '90', HEALTHZ_TOKEN: 'tok-123' })).toMatchObject({ dbWaitSeconds: 90, healthzToken: 'tok-123' });
    expect(() => loadConfig({ DB_WAIT_SECONDS: 'soon' })).toThrow(/DB_WAIT_SECONDS/);
  });
});
