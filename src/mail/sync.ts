// Pure decisions of the IMAP source: where to begin in a mailbox, when a UIDVALIDITY change means
// starting the mailbox over, which UIDs to fetch next and in which groups, what is out of scope.
// No IO here: src/mail/imap-source.ts does the talking, these functions do the deciding.

/** What the database remembers of a mailbox (see src/db/queries/cursor.ts). */
export interface CursorState {
  uidValidity: number | null;
  lastUid: number;
  startFrom: Date | null;
}

/** What the server says about the selected mailbox. */
export interface MailboxInfo {
  uidValidity: number;
  uidNext: number;
}

export type StartSetting = 'now' | 'all' | Date;

/** What to do about the cursor when a mailbox has just been opened. */
export type CursorAction =
  /** Never seen this mailbox: decide where to begin (planFirstStart). */
  | { kind: 'first' }
  /** Same generation: resume after lastUid. */
  | { kind: 'resume'; lastUid: number }
  /** The server renumbered the mailbox: every stored UID is void, read it again from UID 0. */
  | { kind: 'uidvalidity-changed'; prevUidValidity: number; uidValidity: number };

export function hasUidValidityChanged(cursor: CursorState | null, current: number): boolean {
  return cursor !== null && cursor.uidValidity !== null && cursor.uidValidity !== current;
}

export function cursorAction(cursor: CursorState | null, mailbox: MailboxInfo): CursorAction {
  if (cursor === null || cursor.uidValidity === null) return { kind: 'first' };
  if (hasUidValidityChanged(cursor, mailbox.uidValidity)) {
    return { kind: 'uidvalidity-changed', prevUidValidity: cursor.uidValidity, uidValidity: mailbox.uidValidity };
  }
  return { kind: 'resume', lastUid: cursor.lastUid };
}

/**
 * Where to begin in a mailbox never seen before (LESSONS 8: connecting must not import history).
 * - 'now': after the newest message (UIDNEXT-1). `startFrom` is the internal date of that newest
 *   message, taken from the server's own clock so that skew between us and the server cannot put
 *   new mail out of scope; with an empty mailbox, our clock less a margin for that skew.
 * - 'all': from UID 0, nothing out of scope.
 * - a date: the source must SEARCH SINCE that day and call startAfterSearch with the result.
 */
export type FirstStart =
  | { kind: 'uid'; lastUid: number; startFrom: Date | null }
  | { kind: 'search-since'; since: Date; startFrom: Date };

/** Clock skew allowed between us and the IMAP server when the mailbox gives us no date of its own. */
export const CLOCK_SKEW_MS = 10 * 60_000;

export function planFirstStart(
  start: StartSetting,
  mailbox: MailboxInfo,
  newestInternalDate: Date | null,
  now: Date,
): FirstStart {
  if (start === 'all') return { kind: 'uid', lastUid: 0, startFrom: null };
  if (start === 'now') {
    const startFrom = newestInternalDate ?? new Date(now.getTime() - CLOCK_SKEW_MS);
    return { kind: 'uid', lastUid: Math.max(0, mailbox.uidNext - 1), startFrom };
  }
  return { kind: 'search-since', since: start, startFrom: start };
}

/**
 * The last UID before the configured start date, given the UIDs SEARCH SINCE matched. SINCE has
 * day granularity, so the day's earlier messages are matched too; isOutOfScope drops them.
 * Nothing matched: every message is older, begin after the newest.
 */
export function startAfterSearch(matchedUids: readonly number[], mailbox: MailboxInfo): number {
  if (matchedUids.length === 0) return Math.max(0, mailbox.uidNext - 1);
  let min = Infinity;
  for (const uid of matchedUids) if (uid < min) min = uid;
  return Math.max(0, min - 1);
}

/**
 * The UIDs to fetch, above lastUid, ascending, in batches of at most batchSize. The input is what
 * `UID SEARCH UID n:*` returned, which names the last message even when it is below n (RFC 3501's
 * `*`), so the filter is needed, not decoration. Sorted once: a backlog of 100 000 UIDs is a few
 * hundred kilobytes of numbers, and only batchSize messages are fetched at a time.
 */
export function planBatches(uids: readonly number[], lastUid: number, batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const above = dedupeSorted(uids.filter((u) => u > lastUid).sort((a, b) => a - b));
  const out: number[][] = [];
  for (let i = 0; i < above.length; i += batchSize) out.push(above.slice(i, i + batchSize));
  return out;
}

/** The first of planBatches: the next UIDs to fetch. */
export function nextBatch(uids: readonly number[], lastUid: number, batchSize: number): number[] {
  return planBatches(uids, lastUid, batchSize)[0] ?? [];
}

function dedupeSorted(sorted: number[]): number[] {
  return sorted.filter((u, i) => i === 0 || sorted[i - 1] !== u);
}

/** A UID set in IMAP syntax, ranges folded: [1,2,3,7,9,10] -> "1:3,7,9:10". */
export function uidSet(uids: readonly number[]): string {
  if (uids.length === 0) throw new RangeError('empty UID set');
  const sorted = dedupeSorted([...uids].sort((a, b) => a - b));
  const parts: string[] = [];
  let from = sorted[0]!;
  let prev = from;
  for (const uid of sorted.slice(1)) {
    if (uid === prev + 1) {
      prev = uid;
      continue;
    }
    parts.push(from === prev ? `${from}` : `${from}:${prev}`);
    from = prev = uid;
  }
  parts.push(from === prev ? `${from}` : `${from}:${prev}`);
  return parts.join(',');
}

export interface MessageMeta {
  uid: number;
  size: number;
}

/**
 * Splits a batch into FETCH groups whose sources together stay within `budgetBytes`, in UID
 * order. A message larger than the budget goes alone, so at most one big message is held in
 * memory at a time; small ones share a round trip.
 */
export function planFetchGroups(metas: readonly MessageMeta[], budgetBytes: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const m of [...metas].sort((a, b) => a.uid - b.uid)) {
    if (m.size > budgetBytes) {
      if (current.length > 0) groups.push(current);
      groups.push([m.uid]);
      current = [];
      bytes = 0;
      continue;
    }
    if (current.length > 0 && bytes + m.size > budgetBytes) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m.uid);
    bytes += m.size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Mail that arrived before intake began is not ours to process: after a UIDVALIDITY change the
 * whole mailbox is read again, and its history must not turn into new tickets. The comparison is
 * strict, as internal dates have whole seconds and the newest pre-start message sets startFrom.
 */
export function isOutOfScope(internalDate: Date | null | undefined, startFrom: Date | null): boolean {
  if (startFrom === null || internalDate === null || internalDate === undefined) return false;
  return internalDate.getTime() < startFrom.getTime();
}

export interface FetchMeta extends MessageMeta {
  internalDate: Date | null;
}

/**
 * One step of a batch, in UID order: fetch a group and hand it over, pass an out-of-scope message,
 * or fetch only the headers of a message larger than the limit (intake quarantines it).
 */
export type BatchStep =
  | { kind: 'fetch'; uids: number[] }
  | { kind: 'skip'; uid: number; internalDate: Date }
  | { kind: 'too-large'; uid: number; size: number };

/**
 * The steps for one batch. Steps keep UID order, so the cursor only ever moves up: an
 * out-of-scope or oversized message is dealt with only after everything below it was handed over.
 */
export function planSteps(metas: readonly FetchMeta[], startFrom: Date | null, budgetBytes: number, maxMessageBytes = Infinity): BatchStep[] {
  const steps: BatchStep[] = [];
  let run: FetchMeta[] = [];
  const flush = () => {
    for (const uids of planFetchGroups(run, budgetBytes)) steps.push({ kind: 'fetch', uids });
    run = [];
  };
  for (const m of [...metas].sort((a, b) => a.uid - b.uid)) {
    if (m.internalDate !== null && isOutOfScope(m.internalDate, startFrom)) {
      flush();
      steps.push({ kind: 'skip', uid: m.uid, internalDate: m.internalDate });
    } else if (m.size > maxMessageBytes) {
      flush();
      steps.push({ kind: 'too-large', uid: m.uid, size: m.size });
    } else {
      run.push(m);
    }
  }
  flush();
  return steps;
}
