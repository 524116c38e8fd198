import { describe, expect, it } from 'vitest';
import { displayAddress, needsSmtpUtf8, normalizeAddress } from '../../src/mail/address.js';

describe('internationalised addresses', () => {
  it('stores the domain as punycode and the local part as written', () => {
    expect(normalizeAddress('jdöe@mächine.example')).toBe('jdöe@xn--mchine-bua.example');
    expect(normalizeAddress('Aigerim@Пример.ҚАЗ')).toBe('aigerim@xn--e1afmkfd.xn--80ao21a');
    expect(normalizeAddress('ivan@почта.рф')).toBe('ivan@xn--80a1acny.xn--p1ai');
    expect(normalizeAddress('Plain@Example.COM')).toBe('plain@example.com');
  });

  it('gives one spelling to one mailbox, Unicode or punycode in the header', () => {
    expect(normalizeAddress('user@пример.рф')).toBe(normalizeAddress('user@xn--e1afmkfd.xn--p1ai'));
  });

  it('refuses what is no address', () => {
    for (const bad of ['no-at-sign', '@example.com', 'user@', 'user@exa mple.com', 'us er@example.com', 'user@localhost']) {
      expect(normalizeAddress(bad), bad).toBeNull();
    }
  });

  it('shows people the Unicode form, and knows when SMTPUTF8 is needed', () => {
    expect(displayAddress('ivan@xn--80a1acny.xn--p1ai')).toBe('ivan@почта.рф');
    expect(displayAddress('plain@example.com')).toBe('plain@example.com');
    // A Cyrillic о in a Latin name looks like ours: shown as the punycode it is.
    const lookalike = normalizeAddress('help@mexrоntal.com')!;
    expect(displayAddress(lookalike)).toBe(lookalike);
    expect(lookalike).toMatch(/@xn--/);
    expect(needsSmtpUtf8('jdöe@xn--mchine-bua.example')).toBe(true);
    expect(needsSmtpUtf8('ivan@xn--80a1acny.xn--p1ai')).toBe(false);
  });
});
