import type { Queryable } from '../db/client.js';
import type { TicketRow } from '../db/schema.js';
import type { Language } from '../domain.js';
import { enqueueMail } from '../outbox/enqueue.js';
import type { SecretLinkRef } from '../outbox/secret-link.js';
import type { TemplateName, TemplateVars } from '../outbox/templates.js';
import type { VerifyDeps } from './deps.js';

// The one place the verification flow hands mail to the outbox: in the caller's transaction, so
// the mail exists exactly when the change that caused it commits.

export interface Threading {
  inReplyTo?: string;
  references?: string[];
}

/** Threads our mail under the requester's original letter (In-Reply-To + References). */
export function threadTo(origin: { messageId: string | null; references: string[] }): Threading | undefined {
  if (!origin.messageId) return origin.references.length > 0 ? { references: origin.references } : undefined;
  const refs = origin.references.filter((r) => r !== origin.messageId);
  return { inReplyTo: origin.messageId, references: [...refs, origin.messageId] };
}

export async function queueMail<T extends TemplateName>(
  tx: Queryable,
  deps: VerifyDeps,
  m: {
    template: T;
    language: Language;
    to: string;
    ticket: Pick<TicketRow, 'id' | 'number'>;
    vars: TemplateVars[T];
    threading?: Threading;
    /** At most one mail per key, ever (e.g. `confirm_reminder:<ticketId>`). */
    dedupKey?: string;
    /** Placeholders in `vars` the worker fills with their tokens at send time. */
    secretLinks?: SecretLinkRef[];
  },
): Promise<{ id: number; messageId: string } | null> {
  return enqueueMail(
    tx,
    { config: deps.config, renderer: deps.renderer, now: deps.now },
    {
      template: m.template,
      language: m.language,
      to: m.to,
      ticket: { id: m.ticket.id, number: m.ticket.number },
      vars: m.vars,
      ...(m.threading ? { threading: m.threading } : {}),
      ...(m.dedupKey ? { dedupKey: m.dedupKey } : {}),
      ...(m.secretLinks ? { secretLinks: m.secretLinks } : {}),
    },
  );
}
