import { createHmac, randomBytes } from 'node:crypto';

// Secret links: a mail that carries a credential in a URL (the confirmation link today, a staff
// sign-in link tomorrow). The credential must never be at rest: not in the outbox row, not after
// sending, not in a database backup. So the row stores a placeholder and a random nonce, and the
// worker derives the token at send time as HMAC(APP_SECRET, purpose + nonce). The token's owner
// stores only its hash (verification_tokens). APP_SECRET is configuration, never in the database,
// so a backup alone cannot rebuild a link; a retry or a requeue of the same row sends the very same
// link, which blanking the body after sending could not do (and blanking leaves it readable while
// the row waits).

/** What the outbox row keeps per secret link: nothing secret. */
export interface SecretLinkRef {
  /** Names the kind of credential, e.g. `confirm`; part of the HMAC input, so tokens of two purposes never coincide. */
  purpose: string;
  /** 128 random bits, hex. */
  nonce: string;
}

const PURPOSE_RE = /^[a-z][a-z0-9_]{0,31}$/;
const NONCE_RE = /^[0-9a-f]{32}$/;

export interface NewSecretLink {
  ref: SecretLinkRef;
  /** The token the link will carry once sent: hash it for storage, never store or log it. */
  token: string;
  /** Stands in for the token in the rendered mail: URL-safe and HTML-safe, so templates escape nothing in it. */
  placeholder: string;
}

export function newSecretLink(appSecret: string, purpose: string): NewSecretLink {
  if (!PURPOSE_RE.test(purpose)) throw new TypeError(`newSecretLink: bad purpose ${JSON.stringify(purpose)}`);
  const ref = { purpose, nonce: randomBytes(16).toString('hex') };
  return { ref, token: deriveSecretToken(appSecret, ref), placeholder: secretPlaceholder(ref) };
}

/** 256 bits in base64url (43 characters), the same shape as a random token. */
export function deriveSecretToken(appSecret: string, ref: SecretLinkRef): string {
  return createHmac('sha256', appSecret).update(`pd-secret-link:${ref.purpose}:${ref.nonce}`).digest('base64url');
}

export function secretPlaceholder(ref: SecretLinkRef): string {
  return `pd-secret-${ref.purpose}-${ref.nonce}`;
}

// Any placeholder, whatever its nonce: bounded repeats after a literal prefix, so linear.
const ANY_PLACEHOLDER = /pd-secret-[a-z][a-z0-9_]{0,31}-[0-9a-f]{32}/g;

/** A stored mail's text for reading by staff: where the recipient got a secret link, `mask` stands. */
export function maskSecretPlaceholders(text: string, mask: string): string {
  return text.replace(ANY_PLACEHOLDER, mask);
}

/** Well-formed refs only: the value comes back from a jsonb column. */
export function isSecretLinkRef(v: unknown): v is SecretLinkRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.purpose === 'string' && PURPOSE_RE.test(r.purpose) && typeof r.nonce === 'string' && NONCE_RE.test(r.nonce);
}

/** Pure: the mail as it goes on the wire, each placeholder replaced by its token. */
export function revealSecretLinks<M extends { subject: string; html: string; text: string }>(
  mail: M,
  refs: readonly SecretLinkRef[],
  appSecret: string,
): M {
  let { subject, html, text } = mail;
  for (const ref of refs) {
    const placeholder = secretPlaceholder(ref);
    const token = deriveSecretToken(appSecret, ref);
    subject = subject.split(placeholder).join(token);
    html = html.split(placeholder).join(token);
    text = text.split(placeholder).join(token);
  }
  return { ...mail, subject, html, text };
}
