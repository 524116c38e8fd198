// Which Host headers the server answers. A page in someone's browser can make its own host name
// resolve to our address (DNS rebinding) and then read our answers as same-origin: checking Host
// stops that. Pure: the server passes the ports it is bound to.

export interface HostCheckInput {
  publicBaseUrl: string;
  /** HTTP_HOST as configured; a wildcard address (0.0.0.0, ::) names no host. */
  host: string;
  /** HTTP_PORT and the port actually bound (they differ when HTTP_PORT is 0). */
  ports: number[];
  /** HTTP_ALLOWED_HOSTS: host or host:port, lowercase. */
  extra: readonly string[];
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** Host header values (lowercase, `name:port` or a bare name on the scheme's default port). */
export function allowedHosts(input: HostCheckInput): Set<string> {
  const allowed = new Set<string>(input.extra);
  const base = new URL(input.publicBaseUrl);
  const name = base.hostname.toLowerCase();
  if (base.port === '') {
    allowed.add(name);
    allowed.add(`${name}:${base.protocol === 'https:' ? 443 : 80}`);
  } else {
    allowed.add(`${name}:${base.port}`);
  }
  const configured = input.host.includes(':') ? `[${input.host.toLowerCase()}]` : input.host.toLowerCase();
  const names = ['0.0.0.0', '[::]'].includes(configured) ? LOOPBACK : [configured, ...LOOPBACK];
  for (const n of names) {
    for (const port of input.ports) {
      allowed.add(`${n}:${port}`);
      if (port === 80) allowed.add(n);
    }
  }
  return allowed;
}

export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (header === undefined) return false;
  return allowed.has(header.trim().toLowerCase());
}
