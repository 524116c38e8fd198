import type Mail from 'nodemailer/lib/mailer/index.js';
import type { OutgoingMail } from './transport.js';

/** What nodemailer is given for one outgoing mail, by SMTP or into the outbox folder alike. */
export function mailOptions(m: OutgoingMail): Mail.Options {
  return {
    from: { name: m.from.name, address: m.from.address },
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    messageId: m.messageId,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    ...(m.references.length > 0 ? { references: m.references } : {}),
    headers: m.headers,
    ...(m.attachments && m.attachments.length > 0
      ? { attachments: m.attachments.map((f) => ({ ...(f.filename ? { filename: f.filename } : {}), contentType: f.contentType, content: f.content })) }
      : {}),
    // Content comes from our templates only: nodemailer must never read files or URLs for it.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
