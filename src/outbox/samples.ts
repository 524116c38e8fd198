import type { DigestTicket, TemplateName, TemplateVars } from './templates.js';

// Example variables for every template: the template tests, the benchmark and previews render
// these. `hostile` turns every free-text field into an injection attempt, to prove escaping.

const at = (iso: string) => new Date(iso);

function digestTicket(n: number, dueIso: string | null, daysLeft: number | null): DigestTicket {
  return {
    ticketNumber: `DSR-2026-${String(n).padStart(6, '0')}`,
    requesterEmail: `user${n}@example.com`,
    rights: n % 3 === 0 ? [] : ['access', 'erasure'],
    triage: n % 3 === 0,
    dueAt: dueIso ? at(dueIso) : null,
    daysLeft,
  };
}

export function sampleVars(): TemplateVars {
  const ticketNumber = 'DSR-2026-000042';
  const requesterName = 'Айгерим Сапарова';
  const rights: TemplateVars['acknowledgement']['rights'] = ['access', 'erasure'];
  // The first link mail and its reminder carry the same link.
  const link: TemplateVars['confirm_request'] = {
    ticketNumber,
    requesterName,
    rights,
    triage: false,
    confirmUrl: 'https://desk.example.com/confirm/tok_abc123',
    expiresAt: at('2026-03-08T12:00:00Z'),
  };
  return {
    confirm_request: link,
    confirm_reminder: { ...link },
    confirm_expired: { ticketNumber, requesterName, receivedAt: at('2026-03-05T06:30:00Z') },
    acknowledgement: { ticketNumber, requesterName, rights, triage: false, dueAt: at('2026-03-20T18:59:59Z'), workingDays: 10, daysLeft: 9 },
    due_extended: {
      ticketNumber,
      requesterName,
      previousDueAt: at('2026-03-20T18:59:59Z'),
      dueAt: at('2026-04-10T18:59:59Z'),
      days: 10,
      daysLeft: 14,
      reason: 'Нужно собрать данные из архивной системы.',
    },
    staff_reply_relay: {
      ticketNumber,
      requesterName,
      answerText: 'Добрый день!\nВаши данные удалены.\n\nС уважением, команда по защите данных',
    },
    closing: { ticketNumber, requesterName, rights, triage: false, note: 'Копия данных отправлена отдельным письмом.' },
    rejected: { ticketNumber, requesterName, reason: null },
    staff_new_ticket: {
      ticketNumber,
      requesterName,
      rights,
      triage: false,
      requesterEmail: 'aigerim@example.com',
      subject: 'Запрос на управление данными',
      receivedAt: at('2026-03-05T06:30:00Z'),
      dueAt: at('2026-03-20T18:59:59Z'),
      requestText: 'Здравствуйте!\nПрошу удалить мой аккаунт и прислать копию моих данных.',
    },
    staff_requester_reply: {
      ticketNumber,
      requesterName,
      requesterEmail: 'aigerim@example.com',
      replyText: 'Добавлю: также прошу прекратить рассылку.',
      dueAt: at('2026-03-20T18:59:59Z'),
      otherSender: null,
      reopened: false,
    },
    staff_command_error: {
      ticketNumber,
      problems: ['line 1 "#extend five days": #extend needs a number of working days; usage: #extend N REASON'],
    },
    staff_ticket_status: {
      ticketNumber,
      rights,
      triage: false,
      status: 'in_progress',
      requesterEmail: 'aigerim@example.com',
      assignee: 'lena@example.com',
      dueAt: at('2026-03-20T18:59:59Z'),
      events: [
        { at: at('2026-03-05T06:30:00Z'), actor: 'system', kind: 'ticket_opened' },
        { at: at('2026-03-05T07:10:00Z'), actor: 'requester', kind: 'confirmed' },
      ],
    },
    staff_due_soon: {
      ticketNumber,
      rights,
      triage: false,
      requesterEmail: 'aigerim@example.com',
      dueAt: at('2026-03-20T18:59:59Z'),
      daysLeft: 2,
    },
    staff_overdue: {
      ticketNumber,
      rights,
      triage: false,
      requesterEmail: 'aigerim@example.com',
      dueAt: at('2026-03-20T18:59:59Z'),
      daysOverdue: 3,
    },
    manager_digest: {
      date: at('2026-03-23T03:00:00Z'),
      counts: { open: 7, unverified: 2, dueSoon: 2, overdue: 1, closed: 3, failedMail: 0, quarantined: 1 },
      medianDaysToClose: 6,
      overdue: [digestTicket(40, '2026-03-20T18:59:59Z', -1)],
      dueSoon: [digestTicket(41, '2026-03-24T18:59:59Z', 1), digestTicket(42, '2026-03-25T18:59:59Z', 2)],
      open: [digestTicket(43, '2026-04-01T18:59:59Z', 7), digestTicket(44, '2026-04-02T18:59:59Z', 8)],
    },
  };
}

/** The same mails, with every free-text field an injection attempt and every list empty-or-odd. */
export function hostileVars(): TemplateVars {
  const evil = '<script>alert(1)</script>"\'&\r\nBcc: victim@example.com\r\n\r\n{{ticketNumber}}\u202Egnp.exe';
  const v = sampleVars();
  const fix = <N extends TemplateName>(name: N, patch: Partial<TemplateVars[N]>) => {
    v[name] = { ...v[name], ...patch };
  };
  fix('confirm_request', { requesterName: evil, triage: true, rights: [] });
  fix('confirm_reminder', { requesterName: evil });
  fix('confirm_expired', { requesterName: evil });
  fix('acknowledgement', { requesterName: evil, triage: true, rights: [] });
  fix('due_extended', { requesterName: evil, reason: evil });
  fix('staff_reply_relay', { requesterName: evil, answerText: evil });
  fix('closing', { requesterName: evil, note: evil });
  fix('rejected', { requesterName: evil, reason: evil });
  fix('staff_new_ticket', { requesterName: evil, subject: evil, requestText: evil, triage: true, rights: [] });
  fix('staff_requester_reply', { requesterName: evil, replyText: evil, dueAt: null, otherSender: evil, reopened: true });
  fix('staff_command_error', { problems: [evil, ''] });
  fix('staff_ticket_status', { status: evil, assignee: evil, events: [{ at: at('2026-03-05T06:30:00Z'), actor: evil, kind: evil }], dueAt: null });
  fix('staff_due_soon', { requesterEmail: evil });
  fix('staff_overdue', { requesterEmail: evil });
  fix('manager_digest', {
    overdue: [{ ...v.manager_digest.overdue[0]!, ticketNumber: evil, requesterEmail: evil }],
    dueSoon: [],
    open: [],
    medianDaysToClose: null,
  });
  return v;
}
