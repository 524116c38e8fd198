import { describe, expect, it } from 'vitest';
import { followUpEffect } from '../../src/tickets/follow-up.js';
import { threadDecision } from '../../src/tickets/thread-policy.js';
import { canTransition, transition } from '../../src/tickets/ticket.js';

const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('letters in a ticket thread', () => {
  it('strangers and forged staff cannot add to an unconfirmed ticket; the requester and staff can', () => {
    const t = { status: 'unverified' as const, closedAt: null };
    expect(threadDecision(t, 'other', now, 30)).toBe('ignore');
    expect(threadDecision(t, 'forged_staff', now, 30)).toBe('ignore');
    expect(threadDecision(t, 'requester', now, 30)).toBe('append');
    expect(threadDecision(t, 'staff', now, 30)).toBe('append');
  });

  it('a requester reopens a ticket closed within the window and starts a new one after it', () => {
    expect(threadDecision({ status: 'closed', closedAt: daysAgo(29) }, 'requester', now, 30)).toBe('append');
    expect(threadDecision({ status: 'closed', closedAt: daysAgo(31) }, 'requester', now, 30)).toBe('new_ticket');
    // Staff writing in an old closed thread are not a new request.
    expect(threadDecision({ status: 'closed', closedAt: daysAgo(400) }, 'staff', now, 30)).toBe('append');
  });

  it("the requester's letter resumes a waiting ticket and reopens a closed one; others change nothing", () => {
    expect(followUpEffect({ status: 'waiting' }, 'requester')).toBe('resume');
    expect(followUpEffect({ status: 'closed' }, 'requester')).toBe('reopen');
    expect(followUpEffect({ status: 'in_progress' }, 'requester')).toBeNull();
    expect(followUpEffect({ status: 'waiting' }, 'other')).toBeNull();
  });
});

describe('ticket states', () => {
  it('staff work moves through in_progress and waiting, and only active tickets close', () => {
    expect(transition('open', 'answer')).toBe('in_progress');
    expect(transition('in_progress', 'ask')).toBe('waiting');
    expect(transition('waiting', 'resume')).toBe('in_progress');
    expect(transition('waiting', 'close')).toBe('closed');
    expect(transition('closed', 'reopen')).toBe('open');
    expect(canTransition('unverified', 'close')).toBe(false);
    expect(canTransition('expired', 'answer')).toBe(false);
    expect(() => transition('rejected', 'ask')).toThrow(/cannot ask a ticket that is rejected/);
  });
});
