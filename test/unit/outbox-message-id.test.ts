import { describe, expect, it } from 'vitest';
import { makeMessageId, messageIdDomain, parseOurMessageId } from '../../src/outbox/message-id.js';

const secret = 'a-secret-of-at-least-thirty-two-characters';

describe('our Message-IDs', () => {
  it('carry the ticket and verify with the secret', () => {
    const id = makeMessageId(secret, 'mexrontal.com', 'DSR-2026-000042');
    expect(id).toMatch(/^<pd-DSR-2026-000042-[0-9a-f]{16}-[0-9a-f]{24}@mexrontal\.com>$/);
    expect(parseOurMessageId(id, secret)).toEqual({ ticketNumber: 'DSR-2026-000042' });
    expect(parseOurMessageId(id.slice(1, -1), secret)).toEqual({ ticketNumber: 'DSR-2026-000042' });
    expect(parseOurMessageId(`  ${id.toUpperCase()} `, secret)).toEqual({ ticketNumber: 'DSR-2026-000042' });
  });

  it('work without a ticket', () => {
    const id = makeMessageId(secret, 'mexrontal.com', null);
    expect(id).toMatch(/^<pd-none-/);
    expect(parseOurMessageId(id, secret)).toEqual({ ticketNumber: null });
  });

  it('are unique', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => makeMessageId(secret, 'x.org', 'DSR-2026-000001')));
    expect(ids.size).toBe(1000);
  });

  it('reject a tampered ticket, signature or a foreign secret', () => {
    const id = makeMessageId(secret, 'mexrontal.com', 'DSR-2026-000042');
    expect(parseOurMessageId(id.replace('000042', '000043'), secret)).toBeNull();
    const sig = id.slice(-(24 + '@mexrontal.com>'.length), -'@mexrontal.com>'.length);
    const flipped = sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0');
    expect(parseOurMessageId(id.replace(sig, flipped), secret)).toBeNull();
    expect(parseOurMessageId(id, 'another-secret-of-at-least-thirty-two-chars')).toBeNull();
    // Another ticket's number with a valid-looking but unsigned tail.
    expect(parseOurMessageId('<pd-DSR-2026-000001-0123456789abcdef-0123456789abcdef01234567@mexrontal.com>', secret)).toBeNull();
  });

  it('ignore ids that are not ours', () => {
    for (const other of ['<CAF=abc@mail.gmail.com>', '', 'pd-', '<reply-1-abc@freescout>', '<pd-DSR-2026-000042@x>']) {
      expect(parseOurMessageId(other, secret)).toBeNull();
    }
  });

  it('refuse to make ids from bad input', () => {
    expect(() => makeMessageId(secret, 'x.org', 'DSR-2026-42\r\n')).toThrow(TypeError);
    expect(() => makeMessageId(secret, 'x.org>\r\nBcc: y', null)).toThrow(TypeError);
  });

  it('use the support address domain', () => {
    expect(messageIdDomain('help@Mexrontal.com')).toBe('mexrontal.com');
  });
});
