import { describe, expect, it } from 'vitest';
import { authFailed, isAuthenticated, readAuthResults } from '../../src/mail/auth-results.js';

const headers = (...values: string[]) => new Map<string, string | string[]>([['authentication-results', values.length === 1 ? values[0]! : values]]);

describe('Authentication-Results', () => {
  it('reads dkim, spf and dmarc from our own server, comments and properties ignored', () => {
    const v = readAuthResults(
      headers('mx.example.org; dkim=pass (2048-bit key) header.d=example.net; spf=pass smtp.mailfrom=a@example.net; dmarc=pass (p=reject) header.from=example.net'),
      'mx.example.org',
    );
    expect(v).toEqual({ trusted: true, dkim: 'pass', spf: 'pass', dmarc: 'pass' });
    expect(isAuthenticated(v)).toBe(true);
    expect(authFailed(v)).toBe(false);
  });

  it('trusts nothing without AUTHSERV_ID, or from another server', () => {
    const h = headers('mx.example.org; dmarc=pass header.from=example.net');
    expect(readAuthResults(h, undefined).trusted).toBe(false);
    expect(readAuthResults(h, 'mx.other.example').trusted).toBe(false);
    expect(isAuthenticated(readAuthResults(h, 'mx.other.example'))).toBe(false);
  });

  it('takes only the topmost header with our id: a pass the sender wrote below it counts for nothing', () => {
    const v = readAuthResults(
      headers('mx.example.org; spf=fail smtp.mailfrom=privacy@example.com; dmarc=fail header.from=example.com', 'mx.example.org; spf=pass; dmarc=pass'),
      'MX.example.org',
    );
    expect(v.dmarc).toBe('fail');
    expect(authFailed(v)).toBe(true);
    expect(isAuthenticated(v)).toBe(false);
  });

  it('a passing DKIM signature wins over a second, broken one; a lone softfail is a failure', () => {
    expect(readAuthResults(headers('mx.example.org; dkim=fail header.d=a.example; dkim=pass header.d=b.example'), 'mx.example.org').dkim).toBe('pass');
    const soft = readAuthResults(headers('mx.example.org; spf=softfail smtp.mailfrom=x@example.net'), 'mx.example.org');
    expect(authFailed(soft)).toBe(true);
  });

  it('a header that says none, or nonsense, gives no verdict but does not throw', () => {
    expect(readAuthResults(headers('mx.example.org; none'), 'mx.example.org')).toEqual({ trusted: true, dkim: null, spf: null, dmarc: null });
    expect(readAuthResults(headers(';;;=', 'x'.repeat(100_000)), 'mx.example.org').trusted).toBe(false);
  });
});
