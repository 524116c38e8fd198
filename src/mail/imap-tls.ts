import { isIP } from 'node:net';

// Whether the IMAP password may travel in clear. imaps:// is TLS from the start. imap:// upgrades
// with STARTTLS when the server offers it; when it does not, imapflow would log in in plain text.
// That is allowed only to a loopback address (nothing crosses a network) or when the operator says
// so (IMAP_ALLOW_PLAINTEXT=true); otherwise STARTTLS is required and connect() fails before LOGIN.

export interface ImapTlsOptions {
  secure: boolean;
  /** true: STARTTLS required; undefined: used when offered (imapflow's default). */
  doSTARTTLS?: true;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || h === '0:0:0:0:0:0:0:1';
  return false;
}

export function imapTlsOptions(cfg: { host: string; secure: boolean; allowPlaintext: boolean }): ImapTlsOptions {
  if (cfg.secure) return { secure: true };
  if (cfg.allowPlaintext || isLoopbackHost(cfg.host)) return { secure: false };
  return { secure: false, doSTARTTLS: true };
}
