import { describe, expect, it } from 'vitest';
import { deriveSecretToken, isSecretLinkRef, maskSecretPlaceholders, newSecretLink, revealSecretLinks, secretPlaceholder } from '../../src/outbox/secret-link.js';
import { isWellFormedToken } from '../../src/verify/token.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';

describe('secret links', () => {
  it('derives a well-formed token from the nonce and the app secret, never from the nonce alone', () => {
    const link = newSecretLink(SECRET, 'confirm');
    expect(isWellFormedToken(link.token)).toBe(true);
    expect(deriveSecretToken(SECRET, link.ref)).toBe(link.token);
    expect(deriveSecretToken('another-secret-another-secret-another', link.ref)).not.toBe(link.token);
    expect(deriveSecretToken(SECRET, { ...link.ref, purpose: 'staff_sign_in' })).not.toBe(link.token);
    // What the row stores says nothing of the token.
    expect(JSON.stringify(link.ref) + link.placeholder).not.toContain(link.token);
  });

  it('fills every placeholder of the mail with its token, the same on every send', () => {
    const a = newSecretLink(SECRET, 'confirm');
    const b = newSecretLink(SECRET, 'staff_sign_in');
    const mail = {
      subject: 'Ticket',
      html: `<a href="https://d.example.com/confirm/${a.placeholder}">https://d.example.com/confirm/${a.placeholder}</a> ${b.placeholder}`,
      text: `https://d.example.com/confirm/${a.placeholder}\n${b.placeholder}`,
      messageId: '<x@example.com>',
    };
    const out = revealSecretLinks(mail, [a.ref, b.ref], SECRET);
    expect(out.text).toBe(`https://d.example.com/confirm/${a.token}\n${b.token}`);
    expect(out.html.split(a.token)).toHaveLength(3);
    expect(out.html).not.toContain('pd-secret-');
    expect(out.messageId).toBe(mail.messageId);
    expect(revealSecretLinks(mail, [a.ref, b.ref], SECRET)).toEqual(out);
    expect(mail.text).toContain(secretPlaceholder(a.ref));
  });

  it('accepts only well-formed refs back from the database', () => {
    expect(isSecretLinkRef(newSecretLink(SECRET, 'confirm').ref)).toBe(true);
    expect(isSecretLinkRef({ purpose: 'confirm', nonce: 'short' })).toBe(false);
    expect(isSecretLinkRef({ purpose: 'Bad Purpose', nonce: '0'.repeat(32) })).toBe(false);
    expect(isSecretLinkRef(null)).toBe(false);
    expect(() => newSecretLink(SECRET, 'no spaces')).toThrow(TypeError);
  });
});

describe('secret links shown to staff', () => {
  it('masks every placeholder in a stored mail, whatever its purpose, and leaves other text alone', () => {
    const a = newSecretLink('s'.repeat(40), 'confirm');
    const b = newSecretLink('s'.repeat(40), 'staff_login');
    const text = `Open https://desk.example.org/confirm/${a.placeholder} or /staff/login/${b.placeholder}.\npd-secret-confirm-short stays.`;
    const shown = maskSecretPlaceholders(text, '[link]');
    expect(shown).toBe('Open https://desk.example.org/confirm/[link] or /staff/login/[link].\npd-secret-confirm-short stays.');
    expect(shown).not.toContain(a.ref.nonce);
  });
});
