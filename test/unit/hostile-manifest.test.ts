import { describe, expect, it } from 'vitest';
import { forwardedLongClosing, hugeHtmlTable, longThreadReply, type HostileMail } from '../fixtures/hostile/mails.js';
import { CORPUS_BUILDERS, loadManifest, unlistedBuilders, type CorpusContext } from '../helpers/hostile-corpus.js';

// The hostile corpus's bookkeeping, without a database: every generated mail has its outcome
// written down, the bytes are the same on every run, and the manifest agrees with the mails that
// hostile-mail.test.ts builds itself.

const cases = loadManifest();
const ctx: CorpusContext = { ticketOf: () => 'DSR-2026-000001', outboxMessageIdOf: () => '<x@mexrontal.com>' };

describe('hostile corpus manifest', () => {
  it('holds at least 40 intake cases and lists every mail the builders make', () => {
    expect(cases.filter((c) => c.suite === 'intake').length).toBeGreaterThanOrEqual(40);
    expect(unlistedBuilders(cases)).toEqual([]);
  });

  it('builds the same bytes every time (a failing case can be written out and replayed)', () => {
    for (const c of cases.filter((x) => x.suite === 'intake' && x.id !== 'attachment-15mb')) {
      const build = CORPUS_BUILDERS[c.id]!;
      expect(build(c.id, ctx).equals(build(c.id, ctx)), c.id).toBe(true);
    }
  });

  it('uses example domains and our own domain only', () => {
    const domains = new Set<string>();
    for (const c of cases.filter((x) => x.suite === 'intake' && x.id !== 'attachment-15mb')) {
      const text = CORPUS_BUILDERS[c.id]!(c.id, ctx).toString('latin1');
      for (const [, d] of text.matchAll(/@([a-z0-9.-]+\.[a-z]{2,})\b/gi)) domains.add(d!.toLowerCase());
    }
    const allowed = /(^|\.)(example\.(com|org|net)|mexrontal\.com)$/;
    expect([...domains].filter((d) => !allowed.test(d))).toEqual([]);
  });

  it('agrees with test/fixtures/hostile/mails.ts on the responsiveness mails', () => {
    const mails: HostileMail[] = [forwardedLongClosing(), longThreadReply('DSR-2026-000001', 'reply.person@example.org'), hugeHtmlTable()];
    const listed = cases.filter((c) => c.suite === 'responsiveness');
    expect(listed.map((c) => c.id).sort()).toEqual(mails.map((m) => m.name).sort());
    for (const m of mails) {
      const c = listed.find((x) => x.id === m.name)!;
      expect({ outcome: c.expected.outcome, code: c.expected.code }).toEqual({ outcome: m.expectedOutcome, code: m.reason });
    }
  });
});
