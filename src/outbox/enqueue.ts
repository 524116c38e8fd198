import { isEmail, type Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { insertOutboxMail } from '../db/queries/outbox-insert.js';
import { countOutboxTo } from '../db/queries/outbox-recent.js';
import { insertEvent } from '../db/queries/tickets.js';
import type { Language } from '../domain.js';
import { addressKey } from '../mail/address-key.js';
import { makeMessageId, messageIdDomain } from './message-id.js';
import type { Renderer } from './render.js';
import { secretPlaceholder, type SecretLinkRef } from './secret-link.js';
import { withSafeSenderText } from './sender-text.js';
import { isRequesterTemplate, type TemplateName, type TemplateVars } from './templates.js';

// The one way mail leaves privacy-desk: rendered now (sender-provided text made safe first,
// sender-text.ts; secret links as placeholders, secret-link.ts), written to the outbox in the caller's
// transaction (so the mail exists exactly when the change that caused it commits), sent later by
// the worker. The Message-ID is fixed here, so every retry sends the very same message.

export interface EnqueueDeps {
  config: Config;
  renderer: Renderer;
  now: () => Date;
}

export interface EnqueueRequest<N extends TemplateName> {
  template: N;
  language: Language;
  /** One address. For requester mail: the From of their original message, never its Reply-To. */
  to: string;
  ticket?: { id: number; number: string } | null;
  /** Checked against `template` at compile time: a wrong set of variables does not build. */
  vars: TemplateVars[N];
  /** The requester's original (inReplyTo) and the thread so far (references). */
  threading?: { inReplyTo?: string; references?: string[] };
  /** Mail that must go at most once (a reminder, a digest): a second enqueue returns null. */
  dedupKey?: string;
  /** Defaults to the support address. */
  from?: string;
  /** Defaults to the table's default (8). */
  maxAttempts?: number;
  /**
   * Secret links whose placeholders `vars` carry (secret-link.ts): the row keeps the placeholders,
   * the worker puts the tokens in at send time.
   */
  secretLinks?: SecretLinkRef[];
}

/** References kept: the thread root and the most recent ones, as mail clients do. */
const MAX_REFERENCES = 20;
const MSG_ID = /^<[^<>\s]+>$/;

/**
 * Renders and inserts one outbox row. Returns null when `dedupKey` was already used, or when the
 * requester's address has had `MAIL_CAP_PER_RECIPIENT` mails in the window (held, see above). Throws
 * PD_TEMPLATE_VARIABLE for missing variables (nothing is written), TypeError for a caller mistake.
 */
export async function enqueueMail<N extends TemplateName>(
  db: Queryable,
  deps: EnqueueDeps,
  req: EnqueueRequest<N>,
): Promise<{ id: number; messageId: string } | null> {
  const to = req.to.trim();
  if (!isEmail(to)) throw new TypeError(`enqueueMail: "to" must be one email address, got ${JSON.stringify(req.to)}`);
  const from = (req.from ?? deps.config.supportAddress).trim();
  if (!isEmail(from)) throw new TypeError(`enqueueMail: "from" must be one email address, got ${JSON.stringify(req.from)}`);
  const ticket = req.ticket ?? null;
  const varsTicket = (req.vars as { ticketNumber?: unknown }).ticketNumber;
  if (ticket && typeof varsTicket === 'string' && varsTicket !== ticket.number) {
    // One ticket's text in another ticket's thread would leak it to the wrong person.
    throw new TypeError(`enqueueMail: vars.ticketNumber ${varsTicket} is not the ticket ${ticket.number}`);
  }

  // The second layer of loop protection (Zammad, FreeScout): whatever the cause, a requester
  // address gets at most so many mails in a window; the rest are held and recorded on the ticket.
  if (isRequesterTemplate(req.template)) {
    const cap = deps.config.mailCap;
    const recent = await countOutboxTo(db, addressKey(to), new Date(deps.now().getTime() - cap.windowHours * 3_600_000));
    if (recent >= cap.perRecipient) {
      if (ticket) {
        await insertEvent(db, {
          ticketId: ticket.id,
          actor: 'system',
          kind: 'mail_held',
          at: deps.now(),
          data: { template: req.template, reason: 'recipient_cap', recent, cap: cap.perRecipient, windowHours: cap.windowHours },
        });
      }
      return null;
    }
  }

  const mail = deps.renderer.render(req.template, req.language, withSafeSenderText(req.template, req.vars));
  const secretLinks = req.secretLinks ?? [];
  for (const ref of secretLinks) {
    const placeholder = secretPlaceholder(ref);
    if (!mail.text.includes(placeholder) || !mail.html.includes(placeholder)) {
      // A link the worker cannot fill in would go out dead; a caller mistake, not an input.
      throw new TypeError(`enqueueMail: ${req.template} does not show its ${ref.purpose} link`);
    }
  }
  const { inReplyTo, references } = threadHeaders(req.threading);
  return insertOutboxMail(db, {
    ticketId: ticket?.id ?? null,
    template: req.template,
    language: req.language,
    toAddress: to,
    toKey: addressKey(to),
    fromAddress: from,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: makeMessageId(deps.config.secret, messageIdDomain(deps.config.supportAddress), ticket?.number ?? null),
    inReplyTo,
    references,
    // Staff answer by replying: the reply must come back to the desk, whatever their client does with From.
    headers: { ...automaticMailHeaders(req.template, ticket?.number ?? null), ...(isRequesterTemplate(req.template) ? {} : { 'Reply-To': deps.config.supportAddress }) },
    secretLinks,
    dedupKey: req.dedupKey ?? null,
    maxAttempts: req.maxAttempts ?? 8,
    createdAt: deps.now(),
  });
}

/**
 * RFC 3834: mail sent in answer to the requester's is `auto-replied`; notices to staff and the
 * digest are `auto-generated`. Both ask Exchange not to answer with out-of-office replies, which
 * is half of the loop protection (the other half is intake recognising automatic mail).
 */
export function automaticMailHeaders(template: TemplateName, ticketNumber: string | null): Record<string, string> {
  return {
    'Auto-Submitted': isRequesterTemplate(template) ? 'auto-replied' : 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    ...(ticketNumber ? { 'X-Privacy-Desk-Ticket': ticketNumber } : {}),
  };
}

/** Valid, de-duplicated Message-IDs only: the values come from received mail. */
export function threadHeaders(t: EnqueueRequest<TemplateName>['threading']): { inReplyTo: string | null; references: string[] } {
  const inReplyTo = t?.inReplyTo === undefined ? null : normaliseMessageId(t.inReplyTo);
  const refs: string[] = [];
  for (const r of [...(t?.references ?? []), ...(inReplyTo ? [inReplyTo] : [])]) {
    const id = normaliseMessageId(r);
    if (id && !refs.includes(id)) refs.push(id);
  }
  const references = refs.length > MAX_REFERENCES ? [refs[0]!, ...refs.slice(-(MAX_REFERENCES - 1))] : refs;
  return { inReplyTo, references };
}

export function normaliseMessageId(value: string): string | null {
  const v = value.replace(/[\u0000-\u001F\u007F]/g, '').trim();
  if (v.length === 0 || v.length > 250) return null;
  const wrapped = v.startsWith('<') ? v : `<${v}>`;
  return MSG_ID.test(wrapped) ? wrapped : null;
}
