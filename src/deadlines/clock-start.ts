import type { ClockStart } from './working-days.js';

// When the working-day count starts. `received` (the default, DUE_CLOCK_START) reads the law
// strictly: the request was made when it arrived, so a ticket confirmed on day 3 is still due N
// working days after arrival. `confirmed` starts at the requester's confirmation. Pure.

export function clockStartAt(clockStart: ClockStart, ticket: { receivedAt: Date; verifiedAt: Date | null }, confirmedAt?: Date): Date {
  if (clockStart === 'received') return ticket.receivedAt;
  const at = confirmedAt ?? ticket.verifiedAt;
  if (!at) throw new Error('the clock starts at confirmation, but the ticket is not confirmed');
  return at;
}
