import { createGate } from '../lifecycle/gate.js';
import type { MailTransport, OutgoingMail } from './transport.js';

// A mail started before its turn: the transport does everything but the final step (the closing
// dot that asks the server to take it) while the mail before it is recorded as sent; open() lets
// it finish, withdraw() drops it unsent. So the conversation of one mail overlaps the database
// write of the one before, and there is never more than one mail accepted but unrecorded: the
// window in which a crash turns into a duplicate stays one mail wide.

export interface HeldSend {
  /** Resolves when the server took the mail; rejects as transport.send() does. */
  readonly accepted: Promise<{ response: string | null }>;
  /** Lets the mail finish. */
  open(): void;
  /** Drops the mail before the server takes it; resolves once the transport has let it go. */
  withdraw(): Promise<void>;
}

export function holdSend(transport: MailTransport, mail: OutgoingMail): HeldSend {
  const gate = createGate();
  const accepted = transport.send(mail, { after: gate.settled });
  // Awaited when its turn comes; until then a refusal must not count as unhandled.
  accepted.catch(() => undefined);
  return {
    accepted,
    open: gate.open,
    async withdraw() {
      gate.shut(new Error('withdrawn before the server took it'));
      await accepted.catch(() => undefined);
    },
  };
}
