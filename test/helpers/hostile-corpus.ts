import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../src/errors.js';
import { OUTCOMES, type Outcome } from '../../src/domain.js';
import { HEADER_CASES } from './hostile-headers.js';
import { MIME_CASES } from './hostile-mime.js';

// The hostile corpus (issue 13): test/fixtures/hostile/manifest.json says, for every case, what
// it is and the one outcome it must get; the builders here make its bytes, deterministically and
// at test time (one is 20 MB). The manifest also lists the mails of test/fixtures/hostile/mails.ts
// (suite "responsiveness"), which hostile-mail.test.ts runs while it measures the event loop.

export interface CorpusContext {
  /** The ticket number an earlier case of the corpus opened. */
  ticketOf(id: string): string;
  /** The Message-ID of our confirmation mail for the ticket an earlier case opened. */
  outboxMessageIdOf(id: string): string;
}

export type CorpusBuilder = (id: string, ctx: CorpusContext) => Buffer;
export type CorpusBuilders = Record<string, CorpusBuilder>;

export interface ExpectedOutcome {
  outcome: Outcome;
  /** The error code, for quarantined mail. */
  code?: string;
  /** The reason intake gives, for ignored, auto and duplicate mail. */
  reason?: string;
  /** For a ticket: the requester it must be opened for (never a Reply-To or a forwarded sender). */
  requester?: string;
  /** For duplicate: the case whose message this one repeats. */
  duplicateOf?: string;
}

export interface CorpusCase {
  id: string;
  description: string;
  /** "intake" (hostile-corpus.test.ts) or "responsiveness" (hostile-mail.test.ts). */
  suite: 'intake' | 'responsiveness';
  expected: ExpectedOutcome;
  /** "headers-only": handed to intake as the sources hand an oversized message (header block + size). */
  delivery?: 'whole' | 'headers-only';
  /** Why this is the right outcome, or the bug it once showed. */
  note?: string;
}

const MANIFEST_URL = new URL('../fixtures/hostile/manifest.json', import.meta.url);

export const CORPUS_BUILDERS: CorpusBuilders = { ...HEADER_CASES, ...MIME_CASES };

/** The manifest, checked: known outcomes and codes, unique ids, and a builder for every intake case. */
export function loadManifest(): CorpusCase[] {
  const data = JSON.parse(readFileSync(MANIFEST_URL, 'utf8')) as { cases?: unknown };
  if (!Array.isArray(data.cases)) throw new Error('manifest.json: expected { "cases": [...] }');
  const seen = new Set<string>();
  return data.cases.map((c: unknown, i: number): CorpusCase => {
    const at = `manifest.json cases[${i}]`;
    if (typeof c !== 'object' || c === null) throw new Error(`${at}: expected an object`);
    const { id, description, suite, expected } = c as Partial<CorpusCase>;
    if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) throw new Error(`${at}.id: expected lower-case-words`);
    if (seen.has(id)) throw new Error(`${at}.id: "${id}" twice`);
    seen.add(id);
    if (typeof description !== 'string' || description.length < 10) throw new Error(`${at}.description: say what the mail is`);
    if (suite !== 'intake' && suite !== 'responsiveness') throw new Error(`${at}.suite: intake or responsiveness`);
    if (!expected || !(OUTCOMES as readonly string[]).includes(expected.outcome)) throw new Error(`${at}.expected.outcome: one of ${OUTCOMES.join(', ')}`);
    if ((expected.outcome === 'quarantined') !== (expected.code !== undefined)) throw new Error(`${at}.expected.code: required for quarantined, only for it`);
    if (expected.code !== undefined && !(expected.code in ERROR_CODES)) throw new Error(`${at}.expected.code: ${expected.code} is not in src/errors.ts`);
    if (expected.outcome === 'ticket' && !expected.requester) throw new Error(`${at}.expected.requester: required for a ticket`);
    const { delivery } = c as Partial<CorpusCase>;
    if (delivery !== undefined && delivery !== 'whole' && delivery !== 'headers-only') throw new Error(`${at}.delivery: whole or headers-only`);
    if (suite === 'intake' && !CORPUS_BUILDERS[id]) throw new Error(`${at}: no builder for "${id}" in test/helpers/hostile-*.ts`);
    return c as CorpusCase;
  });
}

/** Builders with no case in the manifest: every mail generated must have its outcome written down. */
export function unlistedBuilders(cases: readonly CorpusCase[]): string[] {
  const listed = new Set(cases.map((c) => c.id));
  return Object.keys(CORPUS_BUILDERS).filter((id) => !listed.has(id));
}
