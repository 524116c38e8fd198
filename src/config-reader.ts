// Reading the environment: each variable by its kind, every problem collected (naming the variable
// and what it expects, never repeating a value that may hold a password) so that loadConfig can
// report them all at once.

export type Env = Record<string, string | undefined>;

export class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback: string): string {
    const v = this.env[name]?.trim();
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name}="${raw}": expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name}="${raw}": expected true or false`);
    return fallback;
  }

  /** A URL; the messages never repeat the value, which may hold a password. */
  url(name: string, protocols: string[]): URL | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const hint = passwordHint(raw, protocols);
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      this.problems.push(`${name}: not a valid URL (expected e.g. ${protocols[0]}//user:password@host:port)${hint}`);
      return undefined;
    }
    if (!protocols.includes(u.protocol)) {
      this.problems.push(`${name}: expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
    // A special character in the password makes new URL() read another host (or none) without
    // complaint: `postgres://u:pa#ss@db/x` has host "u".
    if (!u.hostname && ['http:', 'https:'].every((p) => !protocols.includes(p))) {
      this.problems.push(`${name}: the URL has no host (expected e.g. ${protocols[0]}//user:password@host:port)${hint}`);
      return undefined;
    }
    if (hint) {
      this.problems.push(`${name}: the URL does not read as ${protocols[0]}//user:password@host:port${hint}`);
      return undefined;
    }
    return u;
  }

  email(name: string, fallback: string): string {
    const v = this.str(name, fallback).toLowerCase();
    if (!isEmail(v)) this.problems.push(`${name}="${v}": expected one email address`);
    return v;
  }

  /** Comma-separated addresses; `@domain` entries allowed when `domains` is true. */
  emails(name: string, fallback: string[], domains = false): string[] {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const items = raw.split(/[,\s;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    for (const item of items) {
      const ok = isEmail(item) || (domains && /^@[a-z0-9.-]+\.[a-z]{2,}$/.test(item));
      if (!ok) this.problems.push(`${name}: "${item}" is not an email address${domains ? ' or @domain' : ''}`);
    }
    return items;
  }
}

const PERCENT_HINT = ': percent-encode special characters in the password (# → %23, @ → %40, / → %2F)';

/** The percent-encoding hint when the raw URL has a '#', or an '@' after the authority would end. */
function passwordHint(raw: string, protocols: string[]): string {
  if (protocols.includes('http:') || protocols.includes('https:')) return '';
  const rest = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const lastAt = rest.lastIndexOf('@');
  const firstAt = rest.indexOf('@');
  const slash = rest.indexOf('/');
  const suspicious = raw.includes('#') || firstAt !== lastAt || (slash >= 0 && slash < lastAt);
  return suspicious ? PERCENT_HINT : '';
}

/** RFC 5321's limits: no mailbox is longer, and a longer From is a forgery meant to hurt. */
const MAX_ADDRESS_CHARS = 254;
const MAX_LOCAL_PART_CHARS = 64;

export function isEmail(value: string): boolean {
  if (value.length > MAX_ADDRESS_CHARS || value.indexOf('@') > MAX_LOCAL_PART_CHARS) return false;
  return /^[^\s@<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value);
}
