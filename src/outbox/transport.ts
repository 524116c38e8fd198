import { constants } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { currentUser, type Config } from '../config.js';
import type { OutboxFile } from '../db/queries/outbox-attachments.js';
import { diskFullError } from '../disk-full.js';
import { AppError } from '../errors.js';
import { mailOptions } from './mail-options.js';
import { smtpThreadTransport } from './smtp-transport.js';

// How a mail physically leaves: SMTP when SMTP_URL is set (nodemailer, in a thread of its own:
// smtp-transport.ts), otherwise, in local mode, one .eml file per mail in a folder, as nodemailer
// would have sent it.

/** What a mail says and how it threads, as rendered into the outbox and handed to SMTP. */
export interface MailContent {
  subject: string;
  html: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  headers: Record<string, string>;
}

export interface OutgoingMail extends MailContent {
  outboxId: number;
  /** When the mail was enqueued: names the .eml file, so a retry overwrites instead of adding. */
  createdAt: Date;
  from: { name: string; address: string };
  to: string;
  /** Files a relayed staff reply carries: bytes only, never a path or a URL. */
  attachments?: readonly OutboxFile[];
}

export interface MailTransport {
  readonly kind: 'smtp' | 'folder';
  /**
   * Resolves when the server accepted the mail (or the file is written); rejects with nodemailer's
   * error. With `after`, everything but the final step (the closing dot, the file's rename) is
   * done at once and the final step waits for `after`; if `after` rejects, the mail is withdrawn
   * unsent and the promise rejects.
   */
  send(mail: OutgoingMail, opts?: { after?: Promise<void> }): Promise<{ response: string | null }>;
  /** Throws a coded error when mail could not be sent at all (the outbox folder is not writable). */
  check?(): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  /** Milliseconds to wait for the TCP connection, for the greeting, and for any reply after. */
  timeouts?: { connectMs?: number; greetingMs?: number; socketMs?: number };
}

export function createTransport(config: Pick<Config, 'smtp'>, opts: TransportOptions = {}): MailTransport {
  return config.smtp.kind === 'smtp' ? smtpThreadTransport(config.smtp.url, config.smtp.connections, opts) : folderTransport(config.smtp.dir);
}

function folderTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  /** The folder, made if missing, must take files; anything else is PD_OUTBOX_DIR. */
  async function writable<T>(io: () => Promise<T>): Promise<T> {
    try {
      return await io();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      // A full disk is not a permission problem: say so, or the operator looks at the wrong thing.
      const full = diskFullError(err, `mail waits; ${dir} cannot take another file`);
      if (full) throw full;
      throw new AppError(
        'PD_OUTBOX_DIR',
        `${dir} (${code}) for user "${currentUser()}": make it a folder that user can write to; mail waits until then`,
        { cause: err },
      );
    }
  }
  return {
    kind: 'folder',
    async check() {
      await writable(async () => {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await access(dir, constants.W_OK);
      });
    },
    async send(m, opts = {}) {
      // A file is written in a moment: nothing to overlap, the whole write waits.
      if (opts.after) await opts.after;
      const info = await transporter.sendMail(mailOptions(m));
      const stamp = m.createdAt.toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${m.outboxId}.eml`);
      // Written whole, then renamed: whoever reads the folder never sees half a mail.
      const tmp = `${file}.tmp`;
      await writable(async () => {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        // 0600: a file of mail to a person is nobody else's to read.
        try {
          await writeFile(tmp, info.message as Buffer, { mode: 0o600 });
          await rename(tmp, file);
        } catch (err) {
          // A write cut short (a full disk) leaves no half mail behind, not even under .tmp.
          await rm(tmp, { force: true }).catch(() => undefined);
          throw err;
        }
      });
      return { response: `written ${path.basename(file)}` };
    },
    close() {
      transporter.close();
    },
  };
}

