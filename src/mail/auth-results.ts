// What the receiving mail server said about a message's authenticity (RFC 8601
// Authentication-Results). Only a header whose authserv-id is ours (AUTHSERV_ID) counts, and only
// the topmost such header: our server prepends its verdict, so anything further down with the same
// id was written by someone else before the mail reached us. Without AUTHSERV_ID nothing is trusted.

export type AuthMethod = 'dkim' | 'spf' | 'dmarc';
export type AuthOutcome = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export interface AuthVerdict {
  /** A header from our own server was found. */
  trusted: boolean;
  /** The best result per method (pass wins over any other result of the same method). */
  dkim: AuthOutcome | null;
  spf: AuthOutcome | null;
  dmarc: AuthOutcome | null;
}

const OUTCOMES: readonly AuthOutcome[] = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'];
const FAILED: ReadonlySet<AuthOutcome> = new Set(['fail', 'softfail', 'permerror']);
const NO_VERDICT: AuthVerdict = { trusted: false, dkim: null, spf: null, dmarc: null };
// Headers are attacker-controlled: a verdict needs no more than this to be read.
const MAX_HEADER_CHARS = 8192;

/** Drops RFC 5322 comments `(…)`, one nesting level deep is enough for real headers. A scan, not a
 * regex: a regex retries from every "(" that opens no comment and rescans the rest of the header
 * each time; here a failed scan tells where the next comment can start. */
function stripComments(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '(') {
      out += value[i];
      i++;
      continue;
    }
    let j = i + 1;
    while (j < value.length && value[j] !== '(' && value[j] !== ')') j += value[j] === '\\' ? 2 : 1;
    if (j < value.length && value[j] === ')') {
      out += ' ';
      i = j + 1;
    } else {
      const stop = Math.min(j, value.length);
      out += value.slice(i, stop);
      i = stop;
    }
  }
  return out;
}

function parseHeader(value: string): { authservId: string; results: Array<[string, string]> } | null {
  const parts = stripComments(value.slice(0, MAX_HEADER_CHARS)).split(';');
  const authservId = (parts[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!authservId) return null;
  const results: Array<[string, string]> = [];
  for (const part of parts.slice(1)) {
    const m = /^\s*([a-z][a-z0-9-]*)(?:\/[0-9]+)?\s*=\s*([a-z]+)/i.exec(part);
    if (m?.[1] && m[2]) results.push([m[1].toLowerCase(), m[2].toLowerCase()]);
  }
  return { authservId, results };
}

function better(current: AuthOutcome | null, next: AuthOutcome): AuthOutcome {
  if (current === 'pass' || next === 'pass') return 'pass';
  // Between two non-passes keep the failure: it is the one that says something.
  if (current && FAILED.has(current)) return current;
  return next;
}

/** Reads the trusted Authentication-Results of a message (headers as `parseMail` gives them). */
export function readAuthResults(
  headers: ReadonlyMap<string, string | string[]>,
  authservId: string | null | undefined,
): AuthVerdict {
  if (!authservId) return NO_VERDICT;
  const raw = headers.get('authentication-results');
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const ours = values.map(parseHeader).find((h) => h !== null && h.authservId === authservId.toLowerCase());
  if (!ours) return NO_VERDICT;
  const verdict: AuthVerdict = { trusted: true, dkim: null, spf: null, dmarc: null };
  for (const [method, result] of ours.results) {
    if (method !== 'dkim' && method !== 'spf' && method !== 'dmarc') continue;
    const outcome = OUTCOMES.find((o) => o === result);
    if (outcome) verdict[method] = better(verdict[method], outcome);
  }
  return verdict;
}

/** Our server vouches for the sender's domain: DMARC passed, or SPF passed. */
export function isAuthenticated(v: AuthVerdict): boolean {
  return v.trusted && (v.dmarc === 'pass' || v.spf === 'pass');
}

/** Our server says the mail is forged or broken for its sender: a failed DKIM, SPF or DMARC check. */
export function authFailed(v: AuthVerdict): boolean {
  return v.trusted && [v.dkim, v.spf, v.dmarc].some((o) => o !== null && FAILED.has(o));
}
