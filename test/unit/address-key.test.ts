import { describe, expect, it } from 'vitest';
import { addressDomain, addressKey } from '../../src/mail/address-key.js';

describe('addressKey', () => {
  it('lower-cases and drops a + tag, so sub-addresses share one budget', () => {
    expect(addressKey('Bob+1@Example.org')).toBe('bob@example.org');
    expect(addressKey('bob+a+b@example.org')).toBe('bob@example.org');
    expect(addressKey(' bob@example.org ')).toBe('bob@example.org');
  });

  it('keeps - tags and dots where the provider reads them', () => {
    expect(addressKey('bob-1@example.org')).toBe('bob-1@example.org');
    expect(addressKey('b.o.b@example.org')).toBe('b.o.b@example.org');
  });

  it('drops dots for providers that ignore them, and knows googlemail as gmail', () => {
    expect(addressKey('B.o.b+x@gmail.com')).toBe('bob@gmail.com');
    expect(addressKey('bob@googlemail.com')).toBe('bob@gmail.com');
    expect(addressKey('b.ob@GoogleMail.com.')).toBe('bob@gmail.com');
  });

  it('leaves a + that starts the local part alone (nothing would be left)', () => {
    expect(addressKey('+tag@example.org')).toBe('+tag@example.org');
  });

  it('gives the domain of the key', () => {
    expect(addressDomain('x+1@Example.ORG')).toBe('example.org');
    expect(addressDomain('x@googlemail.com')).toBe('gmail.com');
  });
});
