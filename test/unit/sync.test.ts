import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_MS,
  cursorAction,
  hasUidValidityChanged,
  isOutOfScope,
  nextBatch,
  planBatches,
  planFetchGroups,
  planFirstStart,
  planSteps,
  startAfterSearch,
  uidSet,
} from '../../src/mail/sync.js';

const box = { uidValidity: 1700000000, uidNext: 42 };
const now = new Date('2026-03-02T10:00:00Z');

describe('UIDVALIDITY', () => {
  it('is a change only when a stored generation differs', () => {
    expect(hasUidValidityChanged(null, 5)).toBe(false);
    expect(hasUidValidityChanged({ uidValidity: null, lastUid: 0, startFrom: null }, 5)).toBe(false);
    expect(hasUidValidityChanged({ uidValidity: 5, lastUid: 9, startFrom: null }, 5)).toBe(false);
    expect(hasUidValidityChanged({ uidValidity: 5, lastUid: 9, startFrom: null }, 6)).toBe(true);
  });

  it('turns the stored cursor into one action', () => {
    expect(cursorAction(null, box)).toEqual({ kind: 'first' });
    expect(cursorAction({ uidValidity: null, lastUid: 0, startFrom: null }, box)).toEqual({ kind: 'first' });
    expect(cursorAction({ uidValidity: box.uidValidity, lastUid: 17, startFrom: null }, box)).toEqual({
      kind: 'resume',
      lastUid: 17,
    });
    expect(cursorAction({ uidValidity: 3, lastUid: 17, startFrom: null }, box)).toEqual({
      kind: 'uidvalidity-changed',
      prevUidValidity: 3,
      uidValidity: box.uidValidity,
    });
  });
});

describe('first start', () => {
  it("'now' begins after the newest message, scoped by the server's own date", () => {
    const newest = new Date('2026-03-02T09:59:58Z');
    expect(planFirstStart('now', box, newest, now)).toEqual({ kind: 'uid', lastUid: 41, startFrom: newest });
  });

  it("'now' on an empty mailbox allows for clock skew", () => {
    expect(planFirstStart('now', { uidValidity: 1, uidNext: 1 }, null, now)).toEqual({
      kind: 'uid',
      lastUid: 0,
      startFrom: new Date(now.getTime() - CLOCK_SKEW_MS),
    });
  });

  it("'all' reads everything and scopes nothing out", () => {
    expect(planFirstStart('all', box, new Date(), now)).toEqual({ kind: 'uid', lastUid: 0, startFrom: null });
  });

  it('a date searches SINCE that date', () => {
    const d = new Date('2026-02-01T00:00:00Z');
    expect(planFirstStart(d, box, null, now)).toEqual({ kind: 'search-since', since: d, startFrom: d });
  });

  it('begins before the first message SINCE matched, or after the newest when none did', () => {
    expect(startAfterSearch([30, 12, 40], box)).toBe(11);
    expect(startAfterSearch([1], box)).toBe(0);
    expect(startAfterSearch([], box)).toBe(41);
    expect(startAfterSearch([], { uidValidity: 1, uidNext: 1 })).toBe(0);
  });
});

describe('batches', () => {
  it('takes UIDs above the cursor, ascending, at most batchSize', () => {
    expect(nextBatch([5, 3, 9, 7, 11], 4, 2)).toEqual([5, 7]);
    expect(nextBatch([5, 3, 9, 7, 11], 7, 10)).toEqual([9, 11]);
  });

  it('ignores the last message that UID n:* returns when nothing is above n', () => {
    expect(nextBatch([41], 41, 50)).toEqual([]);
    expect(nextBatch([], 0, 50)).toEqual([]);
  });

  it('plans a backlog of 120 as batches of 50, 50 and 20', () => {
    const all = Array.from({ length: 120 }, (_, i) => 120 - i);
    const batches = planBatches([...all, 7, 8], 0, 50);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(planBatches(all, 120, 50)).toEqual([]);
  });

  it('walks a backlog of 120 in batches of 50', () => {
    const all = Array.from({ length: 120 }, (_, i) => i + 1);
    const seen: number[][] = [];
    let last = 0;
    for (let b = nextBatch(all, last, 50); b.length > 0; b = nextBatch(all, last, 50)) {
      seen.push(b);
      last = b[b.length - 1]!;
    }
    expect(seen.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(seen.flat()).toEqual(all);
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => nextBatch([1], 0, 0)).toThrow(RangeError);
    expect(() => nextBatch([1], 0, 1.5)).toThrow(RangeError);
  });

  it('folds UID sets into ranges', () => {
    expect(uidSet([1, 2, 3, 7, 9, 10])).toBe('1:3,7,9:10');
    expect(uidSet([4])).toBe('4');
    expect(uidSet([3, 1, 2, 2])).toBe('1:3');
    expect(() => uidSet([])).toThrow(RangeError);
  });
});

describe('fetch groups', () => {
  it('groups small messages within the byte budget, in UID order', () => {
    const metas = [
      { uid: 3, size: 400 },
      { uid: 1, size: 400 },
      { uid: 2, size: 400 },
      { uid: 4, size: 100 },
    ];
    expect(planFetchGroups(metas, 1000)).toEqual([[1, 2], [3, 4]]);
  });

  it('fetches a message larger than the budget alone', () => {
    const metas = [
      { uid: 1, size: 10 },
      { uid: 2, size: 5000 },
      { uid: 3, size: 10 },
      { uid: 4, size: 6000 },
      { uid: 5, size: 6000 },
    ];
    expect(planFetchGroups(metas, 1000)).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('makes no groups of nothing', () => {
    expect(planFetchGroups([], 1000)).toEqual([]);
  });
});

describe('scope', () => {
  const start = new Date('2026-03-01T12:00:00Z');
  it('puts mail from before the start out of scope, the start second itself in', () => {
    expect(isOutOfScope(new Date('2026-03-01T11:59:59Z'), start)).toBe(true);
    expect(isOutOfScope(start, start)).toBe(false);
    expect(isOutOfScope(new Date('2026-03-02T00:00:00Z'), start)).toBe(false);
  });

  it('scopes nothing out without a start or a date', () => {
    expect(isOutOfScope(new Date(0), null)).toBe(false);
    expect(isOutOfScope(undefined, start)).toBe(false);
    expect(isOutOfScope(null, start)).toBe(false);
  });
});

describe('batch steps', () => {
  const start = new Date('2026-03-01T12:00:00Z');
  const before = new Date('2026-02-01T00:00:00Z');
  const after = new Date('2026-03-05T00:00:00Z');

  it('passes out-of-scope mail in UID order between fetch groups', () => {
    const metas = [
      { uid: 4, size: 10, internalDate: after },
      { uid: 1, size: 10, internalDate: after },
      { uid: 2, size: 10, internalDate: before },
      { uid: 3, size: 10, internalDate: after },
      { uid: 5, size: 10, internalDate: null },
    ];
    expect(planSteps(metas, start, 1000)).toEqual([
      { kind: 'fetch', uids: [1] },
      { kind: 'skip', uid: 2, internalDate: before },
      { kind: 'fetch', uids: [3, 4, 5] },
    ]);
  });

  it('takes a message larger than the limit out of its group, in UID order, for a headers-only fetch', () => {
    const metas = [1, 2, 3, 4].map((uid) => ({ uid, size: uid === 3 ? 5000 : 100, internalDate: after }));
    expect(planSteps(metas, start, 8000, 4096)).toEqual([
      { kind: 'fetch', uids: [1, 2] },
      { kind: 'too-large', uid: 3, size: 5000 },
      { kind: 'fetch', uids: [4] },
    ]);
  });

  it('fetches everything when nothing is out of scope', () => {
    const metas = [1, 2, 3].map((uid) => ({ uid, size: 600, internalDate: before }));
    expect(planSteps(metas, null, 1000)).toEqual([
      { kind: 'fetch', uids: [1] },
      { kind: 'fetch', uids: [2] },
      { kind: 'fetch', uids: [3] },
    ]);
  });
});
