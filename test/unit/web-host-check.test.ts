import { describe, expect, it } from 'vitest';
import { allowedHosts, isAllowedHost } from '../../src/web/host-check.js';

describe('host check', () => {
  const allowed = allowedHosts({ publicBaseUrl: 'https://desk.example.com', host: '127.0.0.1', ports: [8080], extra: ['probe.example.org:8080'] });

  it('accepts the public host with and without its default port, in any case', () => {
    expect(isAllowedHost('desk.example.com', allowed)).toBe(true);
    expect(isAllowedHost('DESK.example.com:443', allowed)).toBe(true);
  });

  it('accepts the bound address and loopback names with the bound port', () => {
    for (const h of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080']) expect(isAllowedHost(h, allowed), h).toBe(true);
  });

  it('accepts hosts from HTTP_ALLOWED_HOSTS', () => {
    expect(isAllowedHost('probe.example.org:8080', allowed)).toBe(true);
  });

  it('refuses any other name, a wrong port and a missing header (DNS rebinding)', () => {
    for (const h of ['evil.example:8080', 'evil.example', 'desk.example.com:8443', '127.0.0.1:9090', 'localhost', '']) {
      expect(isAllowedHost(h, allowed), h).toBe(false);
    }
    expect(isAllowedHost(undefined, allowed)).toBe(false);
  });

  it('takes a public URL with an explicit port as that port only', () => {
    const a = allowedHosts({ publicBaseUrl: 'http://desk.example.com:8080/', host: '0.0.0.0', ports: [8080, 8080], extra: [] });
    expect(isAllowedHost('desk.example.com:8080', a)).toBe(true);
    expect(isAllowedHost('desk.example.com', a)).toBe(false);
    expect(isAllowedHost('0.0.0.0:8080', a)).toBe(false);
    expect(isAllowedHost('localhost:8080', a)).toBe(true);
  });
});
