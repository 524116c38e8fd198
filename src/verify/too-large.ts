import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../db/client.js';
import { detectLanguage } from '../classify/language.js';
import { detectAuto } from '../mail/auto-reply.js';
import type { ParsedMail } from '../mail/parse.js';
import { isStaffAddress, ourAddresses, senderProblem } from '../mail/sender.js';
import { matchesRequestSubject } from '../mail/subject.js';
import { enqueueMail } from '../outbox/enqueue.js';
import { readableSize } from '../tickets/relay-files.js';
import type { VerifyDeps } from './deps.js';

// A request over MAX_MESSAGE_BYTES is quarantined unread; its sender gets one polite note saying
// how to send it again without the attachment, so a person is not left waiting for an answer that
// cannot come. Only for mail under the request subject from a person (never to an automatic sender,
// our own or a staff address, nor to a sender intake doubts: several authors, a name posing as
// ours), and on a budget: a forged flood must not turn us into a mail cannon.

export type TooLargeNote = 'sent' | 'not_a_request' | 'automatic' | 'own_address' | 'doubtful_sender' | 'held';

/** Pure: whether the sender of a too-large letter is someone to write to, and if not, why. */
export function tooLargeNoteFor(parsed: ParsedMail, deps: Pick<VerifyDeps, 'config'>): Exclude<TooLargeNote, 'sent' | 'held'> | null {
  const { config } = deps;
  if (!parsed.from || !matchesRequestSubject(parsed.subject, config.requestSubjects)) return 'not_a_request';
  const from = parsed.from.address;
  if (detectAuto({ headers: parsed.headers, from, contentType: parsed.contentType, ownAddresses: [config.supportAddress] }).kind !== 'none') return 'automatic';
  if (from === config.supportAddress.toLowerCase() || isStaffAddress(from, config.staffAddresses)) return 'own_address';
  // Several authors or a name dressed as ours: intake quarantines such mail, and nobody is written to.
  if (senderProblem(parsed, ourAddresses(config))) return 'doubtful_sender';
  return null;
}

export async function sendTooLargeNote(db: Queryable, deps: VerifyDeps, m: { messageRowId: number; parsed: ParsedMail; size: number }): Promise<TooLargeNote> {
  const skip = tooLargeNoteFor(m.parsed, deps);
  if (skip) return skip;
  const [recent] = await rows<{ n: number | string }>(
    db,
    sql`select count(*) as n from outbox where template = 'too_large' and created_at > now() - interval '1 hour'`,
  );
  if (Number(recent?.n ?? 0) >= deps.config.verification.maxPerHour) return 'held';
  const queued = await enqueueMail(db, deps, {
    template: 'too_large',
    language: detectLanguage(m.parsed.subject ?? '').language,
    to: m.parsed.from!.address,
    ticket: null,
    vars: { size: readableSize(m.size), limit: readableSize(deps.config.limits.maxMessageBytes) },
    threading: { inReplyTo: m.parsed.messageId },
    dedupKey: `too_large:${m.messageRowId}`,
  });
  return queued ? 'sent' : 'held';
}
