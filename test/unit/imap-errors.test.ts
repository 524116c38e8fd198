import { describe, expect, it } from 'vitest';
import { AppError, codedText } from '../../src/errors.js';
import { imapConnectError, imapMailboxMissing, isMailboxMissing, needsOperator } from '../../src/mail/imap-errors.js';
import { imapTlsOptions, isLoopbackHost } from '../../src/mail/imap-tls.js';

// The error shapes are those imapflow threw against the test Dovecot and small fake servers.
const ep = { host: 'imap.example.com', port: 993, secure: true, user: 'help@example.com', mailbox: 'Support' };
const plain = { ...ep, port: 143, secure: false };
const imapError = (fields: Record<string, unknown>, message = 'Command failed') => Object.assign(new Error(message), fields);

describe('imapConnectError', () => {
  it('names the user and server when the login is refused, and says to check IMAP_URL', () => {
    const err = imapConnectError(imapError({ authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED', responseText: 'Authentication failed.' }), ep);
    expect(err.code).toBe('PD_IMAP_AUTH');
    expect(err.message).toBe('IMAP login refused: help@example.com at imap.example.com:993; check the user and password in IMAP_URL');
    expect(needsOperator(err)).toBe(true);
  });

  it('says imaps:// met a plain-text port when the TLS handshake reads a wrong version number', () => {
    const err = imapConnectError(imapError({ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'error:0A00010B:SSL routines:ssl3_get_record:wrong version number'), ep);
    expect(err.code).toBe('PD_IMAP_PROTOCOL');
    expect(err.message).toContain('does not speak TLS (imaps://): use imap://');
    expect(imapConnectError(imapError({ code: 'EPROTO' }, 'write EPROTO'), ep).code).toBe('PD_IMAP_PROTOCOL');
  });

  it('says the port is not IMAP, or wants TLS, when imap:// gets no greeting', () => {
    for (const code of ['ClosedAfterConnectText', 'GREETING_TIMEOUT', 'ParserError11']) {
      const err = imapConnectError(imapError({ code }, 'Unexpected close'), plain);
      expect(err.code).toBe('PD_IMAP_PROTOCOL');
      expect(err.message).toContain('imap.example.com:143 gave no IMAP greeting (imap://): the port is not IMAP, or it expects TLS from the start; then use imaps://');
    }
  });

  it('says the port is not IMAP over TLS when imaps:// gets no greeting', () => {
    const err = imapConnectError(imapError({ code: 'ClosedAfterConnectTLS' }), ep);
    expect(err.code).toBe('PD_IMAP_PROTOCOL');
    expect(err.message).toContain('use imap://');
  });

  it('refuses to log in in clear when required STARTTLS is missing, naming IMAP_ALLOW_PLAINTEXT', () => {
    const err = imapConnectError(imapError({ tlsFailed: true }, 'Server does not support STARTTLS'), plain);
    expect(err.code).toBe('PD_IMAP_PROTOCOL');
    expect(err.message).toContain('offers no STARTTLS');
    expect(err.message).toContain('IMAP_ALLOW_PLAINTEXT=true');
  });

  it('keeps an unreachable server a connection problem, retried at the usual pace', () => {
    const err = imapConnectError(imapError({ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED 127.0.0.1:1'), plain);
    expect(err.code).toBe('PD_IMAP_CONNECT');
    expect(err.message).toContain('imap://imap.example.com:143: connect ECONNREFUSED');
    expect(needsOperator(err)).toBe(false);
  });

  it('passes coded errors through unchanged', () => {
    const coded = new AppError('PD_IMAP_CONNECT', 'x');
    expect(imapConnectError(coded, ep)).toBe(coded);
  });
});

describe('missing mailbox', () => {
  it('is recognised from imapflow\'s flag, the NONEXISTENT code, or the reply text', () => {
    expect(isMailboxMissing(imapError({ mailboxMissing: true }))).toBe(true);
    expect(isMailboxMissing(imapError({ serverResponseCode: 'NONEXISTENT' }))).toBe(true);
    expect(isMailboxMissing(imapError({ responseText: "Mailbox doesn't exist: Nope" }))).toBe(true);
    expect(isMailboxMissing(imapError({ code: 'NoConnection' }))).toBe(false);
  });

  it('names the mailbox and lists those that exist, INBOX first', () => {
    const err = imapMailboxMissing(ep, ['Sent', 'INBOX', 'Archive']);
    expect(err.code).toBe('PD_IMAP_MAILBOX');
    expect(err.message).toBe(
      'IMAP mailbox does not exist: "Support" at imap.example.com:993; mailboxes of help@example.com: "INBOX", "Archive", "Sent". ' +
        'Set IMAP_MAILBOX (or the path of IMAP_URL) to one of them',
    );
    expect(codedText(err)).toBe(`${err.message} [PD_IMAP_MAILBOX]`);
  });

  it('lists at most twenty and counts the rest', () => {
    const names = Array.from({ length: 25 }, (_, i) => `Box${String(i).padStart(2, '0')}`);
    expect(imapMailboxMissing(ep, names).message).toContain('"Box19" and 5 more');
  });
});

describe('imapTlsOptions', () => {
  it('uses TLS from the start for imaps://', () => {
    expect(imapTlsOptions({ host: 'imap.example.com', secure: true, allowPlaintext: false })).toEqual({ secure: true });
  });

  it('requires STARTTLS for imap:// to a remote host, so the password never goes in clear', () => {
    expect(imapTlsOptions({ host: 'imap.example.com', secure: false, allowPlaintext: false })).toEqual({ secure: false, doSTARTTLS: true });
    expect(imapTlsOptions({ host: '10.0.0.5', secure: false, allowPlaintext: false })).toEqual({ secure: false, doSTARTTLS: true });
  });

  it('allows plain text to loopback, or when IMAP_ALLOW_PLAINTEXT=true', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.53']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(imapTlsOptions({ host, secure: false, allowPlaintext: false })).toEqual({ secure: false });
    }
    expect(imapTlsOptions({ host: 'imap.example.com', secure: false, allowPlaintext: true })).toEqual({ secure: false });
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});
