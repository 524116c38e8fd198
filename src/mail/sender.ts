import type { ErrorCode } from '../errors.js';
import { addressesInName } from './display-name.js';
import type { ParsedMail } from './parse.js';

// Whom a message is from, and whether that can be taken at its word. A ticket is opened for, and
// its confirmation link sent to, one address, so the From must name exactly one author
// (RFC 5322 3.6.2: several authors need a Sender, and the Sender is the one who sent it), and its
// display name must not pass the mail off as ours. Pure: intake and routing both ask here.

export interface Mailbox {
  address: string;
  name: string | null;
}

export interface SenderProblem {
  code: Extract<ErrorCode, 'PD_MSG_NO_SENDER' | 'PD_MSG_AMBIGUOUS_SENDER' | 'PD_MSG_SPOOFED_NAME'>;
  detail: string;
}

/** Whether an address belongs to staff: listed exactly, or under a listed `@domain`. */
export function isStaffAddress(address: string, staff: readonly string[]): boolean {
  const a = address.toLowerCase();
  return staff.some((s) => (s.startsWith('@') ? a.endsWith(s) : a === s));
}

/**
 * Our addresses in the form `isStaffAddress` reads: the support address, its whole domain (any
 * mexrontal.com address in a stranger's display name is an impersonation) and the staff entries.
 */
export function ourAddresses(config: { supportAddress: string; staffAddresses: readonly string[] }): string[] {
  const support = config.supportAddress.toLowerCase();
  const domain = support.slice(support.lastIndexOf('@'));
  return [support, domain, ...config.staffAddresses.map((s) => s.toLowerCase())];
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The one author among several From mailboxes that a single Sender names, if any. With one
 * distinct address in From there is nothing to choose and the answer is null.
 */
export function authorBySender(fromMailboxes: readonly Mailbox[], senderAddresses: readonly string[]): Mailbox | null {
  if (distinct(fromMailboxes.map((m) => m.address)).length <= 1) return null;
  const senders = distinct(senderAddresses);
  if (senders.length !== 1) return null;
  return fromMailboxes.find((m) => m.address === senders[0]) ?? null;
}

function listed(addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(', ');
  return addresses.length > 5 ? `${shown} and ${addresses.length - 5} more` : shown;
}

/**
 * Why the sender of a message cannot be answered or trusted, or null. `ours` is `ourAddresses()`.
 * Our own mail coming back (`help@mexrontal.com` naming itself) is no impersonation: it is
 * recognised as a loop later.
 */
export function senderProblem(
  mail: Pick<ParsedMail, 'from' | 'fromMailboxes' | 'senderAddresses'>,
  ours: readonly string[],
): SenderProblem | null {
  if (!mail.from) return { code: 'PD_MSG_NO_SENDER', detail: 'no valid address in From' };
  const authors = distinct(mail.fromMailboxes.map((m) => m.address));
  if (authors.length > 1 && !authorBySender(mail.fromMailboxes, mail.senderAddresses)) {
    const senders = distinct(mail.senderAddresses);
    const why = senders.length === 0 ? 'no Sender' : `Sender ${listed(senders)} is not one of them`;
    return { code: 'PD_MSG_AMBIGUOUS_SENDER', detail: `From names ${authors.length} addresses (${listed(authors)}); ${why}` };
  }
  for (const m of mail.fromMailboxes) {
    if (isStaffAddress(m.address, ours)) continue;
    const named = addressesInName(m.name).find((a) => isStaffAddress(a, ours));
    if (named) return { code: 'PD_MSG_SPOOFED_NAME', detail: `display name shows ${named}, address is ${m.address}` };
  }
  return null;
}
