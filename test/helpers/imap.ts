import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { requireEnv } from './env.js';
import { buildMail, type MailSpec } from './mail.js';

// Test-side access to the throwaway Dovecot of `npm test`. Any user name logs in with
// PD_TEST_IMAP_PASSWORD (static passdb), so each test takes its own user from newImapUser() and
// its own mailboxes: no test sees another's mail, and files can run in parallel.

const run = promisify(execFile);

export interface ImapServer {
  host: string;
  port: number;
  password: string;
}

export function imapServer(): ImapServer {
  return {
    host: requireEnv('PD_TEST_IMAP_HOST'),
    port: Number(requireEnv('PD_TEST_IMAP_PORT')),
    password: requireEnv('PD_TEST_IMAP_PASSWORD'),
  };
}

/** A user nobody else uses; its mailbox springs into being at first login. */
export function newImapUser(prefix = 'u'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

/** An IMAP URL for config (IMAP_URL), e.g. imap://user:pw@127.0.0.1:port/INBOX. */
export function imapUrl(user: string, mailbox = 'INBOX', s: ImapServer = imapServer()): string {
  return `imap://${encodeURIComponent(user)}:${encodeURIComponent(s.password)}@${s.host}:${s.port}/${encodeURIComponent(mailbox)}`;
}

/** Runs fn with a connected client of `user` (no IDLE, no STARTTLS), logging out after. */
export async function withImap<T>(user: string, fn: (client: ImapFlow) => Promise<T>, s: ImapServer = imapServer()): Promise<T> {
  const client = new ImapFlow({
    host: s.host,
    port: s.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass: s.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    // A test may have had the connection dropped on purpose (kickUser): then there is no LOGOUT.
    if (client.usable) await client.logout();
    else client.close();
  }
}

export interface Appended {
  uid: number;
  uidValidity: number;
}

/** APPENDs raw messages in order; flags and an internal date are optional. */
export async function appendMessages(
  user: string,
  mailbox: string,
  raws: Array<Buffer | string>,
  opts: { flags?: string[]; internalDate?: Date; server?: ImapServer } = {},
): Promise<Appended[]> {
  return withImap(user, async (client) => {
    const out: Appended[] = [];
    for (const raw of raws) {
      const res = await client.append(mailbox, typeof raw === 'string' ? Buffer.from(raw) : raw, opts.flags, opts.internalDate);
      if (!res || res.uid === undefined || res.uidValidity === undefined) {
        throw new Error(`APPEND to ${user}/${mailbox} returned no UID (is UIDPLUS missing?)`);
      }
      out.push({ uid: res.uid, uidValidity: Number(res.uidValidity) });
    }
    return out;
  }, opts.server);
}

export async function appendMessage(
  user: string,
  mailbox: string,
  raw: Buffer | string,
  opts: { flags?: string[]; internalDate?: Date } = {},
): Promise<Appended> {
  const [a] = await appendMessages(user, mailbox, [raw], opts);
  return a!;
}

export async function createMailbox(user: string, mailbox: string): Promise<void> {
  await withImap(user, async (client) => {
    await client.mailboxCreate(mailbox);
  });
}

export async function deleteMailbox(user: string, mailbox: string): Promise<void> {
  await withImap(user, async (client) => {
    await client.mailboxDelete(mailbox);
  });
}

/**
 * Deletes and creates a mailbox again: Dovecot gives the new one another UIDVALIDITY (INBOX
 * cannot be deleted, so tests of a UIDVALIDITY change use a mailbox of their own).
 */
export async function recreateMailbox(user: string, mailbox: string): Promise<number> {
  return withImap(user, async (client) => {
    const before = await client.status(mailbox, { uidValidity: true });
    await client.mailboxDelete(mailbox);
    await client.mailboxCreate(mailbox);
    const after = await client.status(mailbox, { uidValidity: true });
    if (!after || after.uidValidity === undefined) throw new Error(`STATUS ${mailbox} returned no UIDVALIDITY`);
    if (before && before.uidValidity === after.uidValidity) {
      throw new Error(`recreating ${mailbox} kept UIDVALIDITY ${after.uidValidity}`);
    }
    return Number(after.uidValidity);
  });
}

export interface MailboxState {
  uidValidity: number;
  uidNext: number;
  messages: number;
}

export async function mailboxState(user: string, mailbox: string): Promise<MailboxState> {
  return withImap(user, async (client) => {
    const st = await client.status(mailbox, { uidValidity: true, uidNext: true, messages: true });
    if (!st) throw new Error(`STATUS ${user}/${mailbox} failed`);
    return { uidValidity: Number(st.uidValidity), uidNext: st.uidNext ?? 0, messages: st.messages ?? 0 };
  });
}

/** Flags of every message, by UID, read with EXAMINE so that looking changes nothing. */
export async function messageFlags(user: string, mailbox: string): Promise<Map<number, Set<string>>> {
  return withImap(user, async (client) => {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      const out = new Map<number, Set<string>>();
      if (client.mailbox && client.mailbox.exists === 0) return out;
      for await (const m of client.fetch('1:*', { uid: true, flags: true })) {
        out.set(m.uid, m.flags ?? new Set());
      }
      return out;
    } finally {
      lock.release();
    }
  });
}

/**
 * Drops every connection of `user` from the server side (doveadm kick), as a network failure or
 * a server restart would. Returns when doveadm has done it; the client notices on its own.
 */
export async function kickUser(user: string): Promise<void> {
  const doveadm = process.env.PD_TEST_DOVEADM || 'doveadm';
  const conf = requireEnv('PD_TEST_DOVECOT_CONF');
  await run(doveadm, ['-c', conf, 'kick', user]);
}

/** Active IMAP sessions of `user`, from doveadm who (0 when none). */
export async function sessionCount(user: string): Promise<number> {
  const doveadm = process.env.PD_TEST_DOVEADM || 'doveadm';
  const conf = requireEnv('PD_TEST_DOVECOT_CONF');
  const { stdout } = await run(doveadm, ['-c', conf, 'who', '-1', user]);
  return stdout.split('\n').filter((l) => l.trim() && !l.startsWith('username')).length;
}

export type TestMail = Omit<MailSpec, 'from' | 'subject' | 'messageId'> & { from?: string; subject?: string; messageId?: string };

/** A small RFC 822 message for the mailbox: buildMail with neutral defaults (not a request). */
export function makeMail(m: TestMail = {}): Buffer {
  return buildMail({
    from: 'Requester <requester@example.org>',
    subject: 'Test message',
    body: 'Hello.',
    messageId: `<${randomBytes(8).toString('hex')}@test.privacy-desk>`,
    date: new Date(),
    ...m,
  });
}
