import { describe, expect, it } from 'vitest';
import { automaticMailHeaders, normaliseMessageId, threadHeaders } from '../../src/outbox/enqueue.js';
import { DEFAULT_RETRY, retryDelayMs } from '../../src/outbox/retry.js';

describe('retry backoff', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };

  it('doubles per attempt up to the cap', () => {
    const top = (n: number) => retryDelayMs(n, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(top(1000)).toBe(60_000);
    expect(top(0)).toBe(1000);
  });

  it('jitters between half and all of the delay', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(3000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(4, policy);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });

  it('gives up after about one to two hours with the defaults (8 attempts)', () => {
    const total = (r: number) => [1, 2, 3, 4, 5, 6, 7].reduce((s, n) => s + retryDelayMs(n, DEFAULT_RETRY, () => r), 0);
    expect(total(1) / 3_600_000).toBeCloseTo(2.05, 2);
    expect(total(0) / 3_600_000).toBeCloseTo(1.025, 2);
  });
});

describe('thread and automatic-mail headers', () => {
  it('keeps valid Message-IDs only, in order, without duplicates, ending with In-Reply-To', () => {
    const t = threadHeaders({ inReplyTo: 'orig@x.org', references: ['<root@x.org>', 'bad id\r\nBcc: y', '<orig@x.org>', '<mid@x.org>'] });
    expect(t.inReplyTo).toBe('<orig@x.org>');
    expect(t.references).toEqual(['<root@x.org>', '<orig@x.org>', '<mid@x.org>']);
    expect(threadHeaders(undefined)).toEqual({ inReplyTo: null, references: [] });
  });

  it('keeps the root and the latest references of a long thread', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `<m${i}@x.org>`);
    const t = threadHeaders({ references: refs });
    expect(t.references).toHaveLength(20);
    expect(t.references[0]).toBe('<m0@x.org>');
    expect(t.references[19]).toBe('<m29@x.org>');
  });

  it('normalises or refuses ids', () => {
    expect(normaliseMessageId(' <a@b> ')).toBe('<a@b>');
    expect(normaliseMessageId('a\r\n@b')).toBe('<a@b>');
    expect(normaliseMessageId('<a b@c>')).toBeNull();
    expect(normaliseMessageId('')).toBeNull();
  });

  it('marks requester mail auto-replied and staff mail auto-generated (RFC 3834)', () => {
    expect(automaticMailHeaders('acknowledgement', 'DSR-2026-000001')).toEqual({
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'X-Privacy-Desk-Ticket': 'DSR-2026-000001',
    });
    expect(automaticMailHeaders('manager_digest', null)).toEqual({ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' });
  });
});
