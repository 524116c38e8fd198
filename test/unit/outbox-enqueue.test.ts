import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/db/client.js';
import { automaticMailHeaders, enqueueMail, normaliseMessageId, threadHeaders, type EnqueueDeps } from '../../src/outbox/enqueue.js';
import { sampleVars } from '../../src/outbox/samples.js';

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

describe('enqueueMail typing', () => {
  it('ties the variables to the template at compile time', () => {
    // Never called: the point is that this file only builds because of the @ts-expect-error lines.
    const typed = async (db: Queryable, deps: EnqueueDeps) => {
      await enqueueMail(db, deps, { template: 'closing', language: 'en', to: 'a@b.org', vars: sampleVars().closing });
      // @ts-expect-error the acknowledgement needs dueAt and workingDays
      await enqueueMail(db, deps, { template: 'acknowledgement', language: 'en', to: 'a@b.org', vars: sampleVars().closing });
      // @ts-expect-error no such template
      await enqueueMail(db, deps, { template: 'welcome', language: 'en', to: 'a@b.org', vars: {} });
    };
    expect(typeof typed).toBe('function');
  });
});
