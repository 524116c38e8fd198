import type { ErrorCode } from '../errors.js';
import type { AutoVerdict } from './auto-reply.js';
import type { ParsedMail } from './parse.js';
import { senderProblem } from './sender.js';
import { matchesRequestSubject } from './subject.js';

export { isStaffAddress } from './sender.js';

// Where a parsed message goes. Pure: intake looks up the tickets the message points at and passes
// them in; this function only decides. The order matters and is the whole policy:
//   no usable sender, several authors, or a display name posing as ours -> quarantine;
//   machine mail -> auto (linked to its ticket when it names one);
//   reply to a ticket (In-Reply-To/References first, the subject tag only from people on the
//   ticket) -> thread; the request subject -> new request; anything else -> left alone.
// Staff opening a quarantined message as a request skip all but the first step (`forceRequest`).

/** Who wrote into a ticket's thread; `forged_staff` is a staff address that failed authentication. */
export type ThreadActor = 'requester' | 'staff' | 'other' | 'forged_staff';

export interface TicketRef {
  id: number;
  number: string;
  requesterEmail: string;
}

export interface RouteFacts {
  /** Ticket found through In-Reply-To / References (our Message-IDs or stored messages). */
  referenced: TicketRef | null;
  /** Ticket named by a `[DSR-…]` tag in the subject. */
  tagged: TicketRef | null;
  /** The sender is one of the staff addresses or domains. */
  senderIsStaff: boolean;
  /**
   * Our receiving server says DKIM, SPF or DMARC failed for this sender (Authentication-Results
   * for AUTHSERV_ID): a staff address on such mail is forged, and the mail is nobody's command.
   */
  senderAuthFailed: boolean;
  /** Support address, its domain and staff entries (`ourAddresses()`): no stranger's display name may show them. */
  ourAddresses: readonly string[];
  requestSubjects: readonly string[];
  /**
   * Staff read the message (in quarantine) and said it is a request: it opens one whatever its
   * subject, author checks or machine signals. A sender to confirm it is still needed.
   */
  forceRequest?: boolean;
}

export type Route =
  | { kind: 'quarantine'; code: ErrorCode; detail: string }
  | { kind: 'auto'; auto: AutoVerdict; ticket: TicketRef | null }
  | { kind: 'thread'; ticket: TicketRef; via: 'references' | 'subject-tag'; actor: ThreadActor }
  | { kind: 'new_request' }
  | { kind: 'ignore'; reason: 'not-a-request' | 'staff-mail' | 'tag-from-stranger' };

export function routeMessage(mail: ParsedMail, auto: AutoVerdict, facts: RouteFacts): Route {
  if (!mail.from) return { kind: 'quarantine', code: 'PD_MSG_NO_SENDER', detail: 'no valid address in From' };
  if (facts.forceRequest) return { kind: 'new_request' };
  const problem = senderProblem(mail, facts.ourAddresses);
  if (problem) return { kind: 'quarantine', code: problem.code, detail: problem.detail };
  const sender = mail.from.address;

  if (auto.kind !== 'none') return { kind: 'auto', auto, ticket: facts.referenced ?? facts.tagged };

  const forgedStaff = facts.senderIsStaff && facts.senderAuthFailed;
  const isStaff = facts.senderIsStaff && !facts.senderAuthFailed;
  const actorFor = (t: TicketRef): ThreadActor =>
    forgedStaff ? 'forged_staff' : isStaff ? 'staff' : t.requesterEmail === sender ? 'requester' : 'other';
  if (facts.referenced) {
    return { kind: 'thread', ticket: facts.referenced, via: 'references', actor: actorFor(facts.referenced) };
  }
  if (facts.tagged) {
    // osTicket's rule: a tag alone lets anyone inject into a ticket, so only its people may use it.
    // A forged staff address is kept on the ticket too, so that staff are told someone tried.
    const onTicket = facts.senderIsStaff || facts.tagged.requesterEmail === sender;
    if (onTicket) return { kind: 'thread', ticket: facts.tagged, via: 'subject-tag', actor: actorFor(facts.tagged) };
    if (!matchesRequestSubject(mail.subject, facts.requestSubjects)) return { kind: 'ignore', reason: 'tag-from-stranger' };
  }

  if (matchesRequestSubject(mail.subject, facts.requestSubjects)) {
    // Staff forwarding or testing the subject must not open tickets in their own name.
    if (facts.senderIsStaff) return { kind: 'ignore', reason: 'staff-mail' };
    return { kind: 'new_request' };
  }
  return { kind: 'ignore', reason: 'not-a-request' };
}
