import { describe, expect, it } from 'vitest';
import { decideRate } from '../../src/verify/rate-limit.js';
import { verificationDue } from '../../src/verify/reminders.js';
import { confirmUrl } from '../../src/verify/request.js';
import { threadTo } from '../../src/verify/mail.js';
import {
  checkFormToken,
  formToken,
  generateToken,
  hashToken,
  isWellFormedToken,
  linkState,
  tokenRef,
} from '../../src/verify/token.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';

describe('tokens', () => {
  it('carry 256 random bits in a URL-safe form', () => {
    const t = generateToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(t)).toBe(true);
    const many = new Set(Array.from({ length: 200 }, generateToken));
    expect(many.size).toBe(200);
  });

  it('are stored as SHA-256 hex, and logs see only a short prefix of that', () => {
    const t = generateToken();
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
    expect(tokenRef(t)).toBe(hashToken(t).slice(0, 10));
  });

  it('reject malformed input before any lookup', () => {
    const t = generateToken();
    for (const bad of ['', t.slice(1), `${t}A`, `${t.slice(0, 42)}=`, `${t.slice(0, 42)}/`, '../../etc/passwd', `${t.slice(0, 40)}%00x`]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });
});

describe('form token (CSRF)', () => {
  it('is bound to the link and the secret', () => {
    const a = generateToken();
    const b = generateToken();
    const fa = formToken(SECRET, a);
    expect(checkFormToken(SECRET, a, fa)).toBe(true);
    expect(checkFormToken(SECRET, b, fa)).toBe(false);
    expect(checkFormToken(`${SECRET}x`, a, fa)).toBe(false);
    expect(checkFormToken(SECRET, a, undefined)).toBe(false);
    expect(checkFormToken(SECRET, a, '')).toBe(false);
    expect(checkFormToken(SECRET, a, fa.slice(0, -1))).toBe(false);
    expect(checkFormToken(SECRET, a, `${fa.slice(0, -1)}${fa.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
  });
});

describe('linkState', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const fresh = { expiresAt: new Date('2026-03-05T10:00:00Z'), usedAt: null, usedFor: null };

  it('is valid while unused, unexpired and the ticket waits', () => {
    expect(linkState(fresh, 'unverified', now)).toBe('valid');
  });

  it('expires at the expiry instant', () => {
    expect(linkState({ ...fresh, expiresAt: now }, 'unverified', now)).toBe('expired');
    expect(linkState({ ...fresh, expiresAt: new Date(now.getTime() + 1) }, 'unverified', now)).toBe('valid');
  });

  it('follows the ticket once it moved on, whichever link moved it', () => {
    expect(linkState(fresh, 'open', now)).toBe('confirmed');
    expect(linkState(fresh, 'closed', now)).toBe('confirmed');
    expect(linkState({ ...fresh, usedAt: now, usedFor: 'reject' }, 'rejected', now)).toBe('rejected');
    expect(linkState(fresh, 'expired', now)).toBe('request_expired');
    // An expired link of a confirmed ticket still says "already confirmed", not "expired".
    expect(linkState({ ...fresh, expiresAt: new Date(0) }, 'open', now)).toBe('confirmed');
  });

  it('is used when marked used but the ticket still waits (cannot happen in one transaction, handled anyway)', () => {
    expect(linkState({ ...fresh, usedAt: now, usedFor: 'confirm' }, 'unverified', now)).toBe('used');
  });
});

describe('decideRate', () => {
  const limits = {
    tokenTtlHours: 72,
    reminderAfterHours: 48,
    expireAfterDays: 7,
    maxPerRecipientPerDay: 3,
    maxPerDomainPerHour: 5,
    maxPerHour: 10,
    maxPerHourAuthenticated: 20,
  };
  const counts = (c: Partial<{ toRecipientLastDay: number; toDomainLastHour: number; allLastHour: number }>) => ({
    toRecipientLastDay: 0,
    toDomainLastHour: 0,
    allLastHour: 0,
    ...c,
  });

  it('sends while under every budget', () => {
    expect(decideRate(counts({ toRecipientLastDay: 2, toDomainLastHour: 4, allLastHour: 9 }), limits, false)).toEqual({ send: true });
  });

  it('holds at the per-recipient limit first, then the per-domain one, then the hourly one', () => {
    expect(decideRate(counts({ toRecipientLastDay: 3 }), limits, false)).toEqual({ send: false, reason: 'recipient_limit', count: 3, limit: 3 });
    expect(decideRate(counts({ toDomainLastHour: 5 }), limits, false)).toEqual({ send: false, reason: 'domain_limit', count: 5, limit: 5 });
    expect(decideRate(counts({ allLastHour: 10 }), limits, false)).toEqual({ send: false, reason: 'hourly_limit', count: 10, limit: 10 });
    expect(decideRate(counts({ toRecipientLastDay: 5, toDomainLastHour: 9, allLastHour: 50 }), limits, false)).toMatchObject({ reason: 'recipient_limit' });
  });

  it('gives authenticated senders their own hourly budget', () => {
    expect(decideRate(counts({ allLastHour: 10 }), limits, true)).toEqual({ send: true });
    expect(decideRate(counts({ allLastHour: 20 }), limits, true)).toEqual({ send: false, reason: 'hourly_limit', count: 20, limit: 20 });
  });
});

describe('verificationDue', () => {
  const v = { reminderAfterHours: 48, expireAfterDays: 7 };
  const received = new Date('2026-03-02T10:00:00Z');
  const at = (hours: number) => new Date(received.getTime() + hours * 3_600_000);

  it('waits, then reminds, then expires', () => {
    expect(verificationDue(received, at(47.99), v)).toBe('wait');
    expect(verificationDue(received, at(48), v)).toBe('remind');
    expect(verificationDue(received, at(7 * 24 - 0.01), v)).toBe('remind');
    expect(verificationDue(received, at(7 * 24), v)).toBe('expire');
  });
});

describe('links and threading', () => {
  it('builds the link under the public base URL, with or without a trailing slash', () => {
    expect(confirmUrl('https://privacy.example.com', 'abc')).toBe('https://privacy.example.com/confirm/abc');
    expect(confirmUrl('https://privacy.example.com/desk/', 'abc')).toBe('https://privacy.example.com/desk/confirm/abc');
  });

  it('threads under the original letter', () => {
    expect(threadTo({ messageId: '<b@x>', references: ['<a@x>'] })).toEqual({ inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] });
    expect(threadTo({ messageId: '<b@x>', references: ['<a@x>', '<b@x>'] })).toEqual({ inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>'] });
    expect(threadTo({ messageId: null, references: [] })).toBeUndefined();
  });
});
