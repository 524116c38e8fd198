import type { TemplateName, TemplateVars } from './templates.js';

// Example variables for every template: the template tests, the benchmark and previews render
// these. `hostile` turns every free-text field into an injection attempt, to prove escaping.

const at = (iso: string) => new Date(iso);

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
    too_large: { size: '31 MB', limit: '25 MB' },
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
      daysLeft: 10,
      rightsDetail: 'erasure 93%, access 61%',
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
    staff_relay_files_left_out: {
      ticketNumber,
      files: ['archive-export.zip (14.2 MB)'],
      limit: '10 MB',
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
    staff_login: { signInUrl: 'https://desk.example.com/staff/login/tok_abc123', expiresAt: at('2026-03-08T12:15:00Z') },
    manager_digest: {
      date: at('2026-03-23T04:00:00Z'),
      counts: { overdue: 1, dueToday: 1, dueSoon: 2, waiting: 2 },
      byStatus: [
        { status: 'unverified', count: 2 },
        { status: 'open', count: 7 },
        { status: 'closed', count: 30 },
        { status: 'rejected', count: 1 },
        { status: 'expired', count: 3 },
      ],
      byRight: [
        { name: 'access', count: 4 },
        { name: 'erasure', count: 3 },
        { name: 'rectification', count: 0 },
        { name: 'restriction', count: 0 },
        { name: 'portability', count: 1 },
        { name: 'consent_withdrawal', count: 1 },
      ],
      openedYesterday: 2,
      closedYesterday: 1,
      dueToday: ['DSR-2026-000039'],
      dueSoon: [
        { ticketNumber: 'DSR-2026-000041', daysLeft: 1 },
        { ticketNumber: 'DSR-2026-000042', daysLeft: 3 },
      ],
      overdue: [{ ticketNumber: 'DSR-2026-000040', dueAt: at('2026-03-20T18:59:59Z'), daysOverdue: 1 }],
      closedLast30Days: 12,
      medianDaysToClose: 6,
      p90DaysToClose: 9.4,
      onTimePercent: 92,
      waiting: ['DSR-2026-000050', 'DSR-2026-000051'],
      bars: [
        { bucket: 'overdue', count: 1, width: 107, hasBar: true, color: '#b42318' },
        { bucket: 'today', count: 1, width: 107, hasBar: true, color: '#b54708' },
        { bucket: 'd1', count: 1, width: 107, hasBar: true, color: '#1a56db' },
        { bucket: 'd2', count: 0, width: 0, hasBar: false, color: '#1a56db' },
        { bucket: 'd3', count: 1, width: 107, hasBar: true, color: '#1a56db' },
        { bucket: 'd4_5', count: 0, width: 0, hasBar: false, color: '#1a56db' },
        { bucket: 'd6_10', count: 3, width: 320, hasBar: true, color: '#1a56db' },
        { bucket: 'd11_plus', count: 0, width: 0, hasBar: false, color: '#1a56db' },
      ],
      problems: { quarantinedLastDay: 1, failedOutbound: 0, stalledMailboxes: ['INBOX'], calendarWarnings: [] },
      hasProblems: true,
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
  fix('too_large', { size: evil, limit: evil });
  fix('acknowledgement', { requesterName: evil, triage: true, rights: [] });
  fix('due_extended', { requesterName: evil, reason: evil });
  fix('staff_reply_relay', { requesterName: evil, answerText: evil });
  fix('closing', { requesterName: evil, note: evil });
  fix('rejected', { requesterName: evil, reason: evil });
  fix('staff_new_ticket', { requesterName: evil, subject: evil, requestText: evil, rightsDetail: evil, triage: true, rights: [] });
  fix('staff_requester_reply', { requesterName: evil, replyText: evil, dueAt: null, otherSender: evil, reopened: true });
  fix('staff_command_error', { problems: [evil, ''] });
  fix('staff_relay_files_left_out', { files: [evil], limit: evil });
  fix('staff_ticket_status', { status: evil, assignee: evil, events: [{ at: at('2026-03-05T06:30:00Z'), actor: evil, kind: evil }], dueAt: null });
  fix('staff_due_soon', { requesterEmail: evil });
  fix('staff_overdue', { requesterEmail: evil });
  // The digest carries no requester text; a mailbox name and the ticket numbers are what it prints.
  fix('manager_digest', {
    overdue: [{ ...v.manager_digest.overdue[0]!, ticketNumber: evil }],
    dueSoon: [],
    dueToday: [],
    waiting: [evil],
    medianDaysToClose: null,
    p90DaysToClose: null,
    onTimePercent: null,
    problems: { quarantinedLastDay: 0, failedOutbound: 0, stalledMailboxes: [evil], calendarWarnings: [evil] },
  });
  return v;
}
