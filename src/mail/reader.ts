import { AppError, ERROR_CODES, type ErrorCode } from '../errors.js';
import type { RightsClassification, RightsClassifier } from '../intake-actions.js';
import { createWorkerPool, siblingWorkerUrl } from '../lifecycle/worker-pool.js';
import type { Logger } from '../log.js';
import { parseMail, type ParsedMail } from './parse.js';

// Reading a message: raw bytes to the parsed mail and what the classifier makes of its text. This
// is all the CPU-heavy work on untrusted input, so the service does it in worker threads under a
// hard time limit (a message that runs out of it is quarantined PD_MSG_TIMEOUT); tests with a stub
// classifier read in-process.

export interface ReadMail {
  parsed: ParsedMail;
  classification: RightsClassification;
}

export interface MailReader {
  /** Rejects with AppError PD_MSG_UNPARSEABLE or PD_MSG_TIMEOUT for a message to quarantine. */
  read(raw: Buffer): Promise<ReadMail>;
  close(): Promise<void>;
}

export interface ReadTask {
  raw: Uint8Array;
  timeoutMs: number;
  /** Attachment bytes to keep for a relay (RELAY_MAX_ATTACHMENT_BYTES); past it, names and sizes only. */
  keepAttachmentBytes: number;
}

export type ReadReply =
  | { ok: true; read: ReadMail }
  | { ok: false; code: string | null; detail: string | null; message: string };

export async function readMailInline(raw: Buffer, classifier: RightsClassifier, timeoutMs: number, keepAttachmentBytes = 0): Promise<ReadMail> {
  const parsed = await parseMail(raw, timeoutMs, keepAttachmentBytes);
  return { parsed, classification: classifier.classify({ subject: parsed.subject ?? '', text: parsed.text }) };
}

/** Reads in the calling thread: for tests and tools that bring their own classifier. */
export function inlineReader(classifier: RightsClassifier, timeoutMs = 30_000, keepAttachmentBytes = 0): MailReader {
  return { read: (raw) => readMailInline(raw, classifier, timeoutMs, keepAttachmentBytes), close: async () => {} };
}

/** How many messages are read at once when not configured (READER_THREADS). */
export const READER_THREADS = 1;

/** Reads in worker threads with the shipped classifier; a read past `timeoutMs` is cut off. */
export function createReaderPool(opts: { timeoutMs: number; log: Logger; size?: number; keepAttachmentBytes?: number }): MailReader {
  const pool = createWorkerPool<ReadTask, ReadReply>({
    url: siblingWorkerUrl(import.meta.url, 'read-worker'),
    size: opts.size ?? READER_THREADS,
    timeoutMs: opts.timeoutMs,
    timeoutError: () => new AppError('PD_MSG_TIMEOUT', `parsing and reading took over ${opts.timeoutMs} ms`),
    log: opts.log,
    // A reader makes garbage fast and keeps little: V8's default young generation (up to 48 MB a
    // thread) only made the service's resident memory larger. The old generation is left alone, so
    // a large message never runs out of room.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  return {
    async read(raw) {
      const reply = await pool.run({ raw, timeoutMs: opts.timeoutMs, keepAttachmentBytes: opts.keepAttachmentBytes ?? 0 });
      if (reply.ok) return reply.read;
      if (reply.code !== null && reply.code in ERROR_CODES) throw new AppError(reply.code as ErrorCode, reply.detail ?? undefined);
      throw new Error(reply.message);
    },
    close: () => pool.close(),
  };
}
