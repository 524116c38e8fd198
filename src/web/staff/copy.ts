import type { Language, Right, TicketStatus } from '../../domain.js';

// Every word of the staff board in ru, kk and en. The type makes a missing translation a compile
// error. `{name}` placeholders are filled with escaped values (pages/render.ts `fill`).

export type FlashKey = 'not_available' | 'signed_out';

export interface BoardCopy {
  langName: string;
  board: string;
  skip: string;
  nav: { dashboard: string; queue: string; quarantine: string; signOut: string; signOutEverywhere: string; signedInAs: string };
  signIn: {
    title: string;
    intro: string;
    email: string;
    send: string;
    sentTitle: string;
    sent: string;
    limitedTitle: string;
    limited: string;
    linkTitle: string;
    link: string;
    linkButton: string;
    invalidTitle: string;
    invalid: string;
  };
  dashboard: {
    title: string;
    byStatus: string;
    overdue: string;
    dueToday: string;
    dueSoon: string;
    dueThisWeek: string;
    waiting: string;
    quarantined: string;
    failedMail: string;
    toQueue: string;
  };
  status: Record<TicketStatus, string>;
  rights: Record<Right, string>;
  queue: {
    title: string;
    cols: { number: string; status: string; rights: string; requester: string; language: string; received: string; due: string; assignee: string; triage: string };
    filters: string;
    status: string;
    current: string;
    all: string;
    right: string;
    anyRight: string;
    assignee: string;
    overdue: string;
    dueSoon: string;
    triage: string;
    search: string;
    searchHint: string;
    apply: string;
    reset: string;
    none: string;
    total: string;
    page: string;
    prev: string;
    next: string;
    needsTriage: string;
    unassigned: string;
  };
  due: { overdue: string; today: string; soon: string; left: string; none: string };
  ticket: {
    request: string;
    from: string;
    subject: string;
    received: string;
    noText: string;
    rights: string;
    confidence: string;
    noRights: string;
    due: string;
    basis: string;
    basisLine: string;
    skipped: string;
    extensions: string;
    thread: string;
    incoming: string;
    outgoing: string;
    eml: string;
    timeline: string;
    actions: string;
    staleHint: string;
  };
  actions: {
    rights: string;
    rightsHint: string;
    assign: string;
    address: string;
    note: string;
    extend: string;
    days: string;
    reason: string;
    reply: string;
    wait: string;
    close: string;
    reject: string;
    text: string;
    closeText: string;
    submit: string;
  };
  quarantine: { title: string; cols: { id: string; received: string; from: string; subject: string; code: string; meaning: string; actions: string }; empty: string; open: string; dismiss: string };
  flash: Record<FlashKey, string>;
  errors: { forbiddenTitle: string; forbidden: string; notFoundTitle: string; notFound: string };
}

const en: BoardCopy = {
  langName: 'English',
  board: 'Staff board',
  skip: 'Skip to content',
  nav: { dashboard: 'Overview', queue: 'Queue', quarantine: 'Quarantine', signOut: 'Sign out', signOutEverywhere: 'Sign out everywhere', signedInAs: 'Signed in as {email}' },
  signIn: {
    title: 'Sign in',
    intro: 'Enter your work address. If it is on the staff list, we mail you a sign-in link.',
    email: 'Work email address',
    send: 'Send me a link',
    sentTitle: 'Check your mail',
    sent: 'If this address is on the staff list, a sign-in link is on its way. It works once, for 15 minutes.',
    limitedTitle: 'Too many requests',
    limited: 'Too many sign-in requests came from this network. Wait an hour and try again.',
    linkTitle: 'Sign in to the staff board',
    link: 'Press the button to sign in on this device.',
    linkButton: 'Sign in',
    invalidTitle: 'This link does not work',
    invalid: 'The sign-in link is unknown, already used or older than 15 minutes. Ask for a new one.',
  },
  dashboard: {
    title: 'Overview',
    byStatus: 'Tickets by status',
    overdue: 'Overdue',
    dueToday: 'Due today',
    dueSoon: 'Due within 3 working days',
    dueThisWeek: 'Due within 5 working days',
    waiting: 'Waiting for confirmation',
    quarantined: 'Quarantined in the last 24 hours',
    failedMail: 'Mail that could not be sent',
    toQueue: 'Open the queue',
  },
  status: { unverified: 'unconfirmed', open: 'open', in_progress: 'in progress', waiting: 'waiting', closed: 'closed', rejected: 'rejected', expired: 'expired' },
  rights: { access: 'access', rectification: 'rectification', erasure: 'erasure', restriction: 'restriction', portability: 'portability', consent_withdrawal: 'consent withdrawal' },
  queue: {
    title: 'Queue',
    cols: { number: 'Number', status: 'Status', rights: 'Rights', requester: 'Requester', language: 'Lang.', received: 'Received', due: 'Due', assignee: 'Assignee', triage: 'Triage' },
    filters: 'Filters',
    status: 'Status',
    current: 'Not finished',
    all: 'All',
    right: 'Right',
    anyRight: 'Any',
    assignee: 'Assignee',
    overdue: 'Overdue',
    dueSoon: 'Due within 3 working days',
    triage: 'Needs triage',
    search: 'Ticket number or requester address',
    searchHint: 'Part of a number or an address',
    apply: 'Show',
    reset: 'Clear filters',
    none: 'No tickets match.',
    total: '{n} tickets',
    page: 'Page {n} of {m}',
    prev: 'Previous page',
    next: 'Next page',
    needsTriage: 'needs triage',
    unassigned: 'nobody',
  },
  due: { overdue: 'overdue by {n} working days', today: 'due today', soon: '{n} working days left', left: '{n} working days left', none: 'no due date' },
  ticket: {
    request: 'The request as received',
    from: 'From',
    subject: 'Subject',
    received: 'Received',
    noText: '(no text)',
    rights: 'Rights (classifier confidence)',
    confidence: '{p}%',
    noRights: 'None set: needs triage.',
    due: 'Due date',
    basis: 'How the due date was counted',
    basisLine: '{days} working days from {start} ({clock}), calendar {calendar}',
    skipped: 'Days off skipped',
    extensions: 'Extensions',
    thread: 'Thread',
    incoming: 'received',
    outgoing: 'sent by us',
    eml: 'Download .eml',
    timeline: 'What happened',
    actions: 'Actions',
    staleHint: 'Each form is checked against the ticket as this page shows it: if someone changed it meanwhile, reload.',
  },
  actions: {
    rights: 'Set rights',
    rightsHint: 'Comma-separated: access, rectification, erasure, restriction, portability, consent_withdrawal',
    assign: 'Assign',
    address: 'Staff address',
    note: 'Add an internal note',
    extend: 'Extend the due date',
    days: 'Working days',
    reason: 'Reason',
    reply: 'Reply to the requester',
    wait: 'Ask the requester and wait',
    close: 'Close with an answer',
    reject: 'Reject',
    text: 'Text',
    closeText: 'Answer (optional)',
    submit: 'Do it',
  },
  quarantine: {
    title: 'Quarantine',
    cols: { id: 'ID', received: 'Received', from: 'From', subject: 'Subject', code: 'Code', meaning: 'What it means', actions: 'Actions' },
    empty: 'Quarantine is empty.',
    open: 'Open as a request',
    dismiss: 'Dismiss',
  },
  flash: { not_available: 'This action is not available on the board yet; use a mail command.', signed_out: 'You are signed out.' },
  errors: { forbiddenTitle: 'Please try again', forbidden: 'The form could not be checked. Reload the page and try again.', notFoundTitle: 'Not found', notFound: 'There is nothing at this address.' },
};

const ru: BoardCopy = {
  langName: 'Русский',
  board: 'Панель сотрудников',
  skip: 'К содержимому',
  nav: { dashboard: 'Обзор', queue: 'Очередь', quarantine: 'Карантин', signOut: 'Выйти', signOutEverywhere: 'Выйти на всех устройствах', signedInAs: 'Вы вошли как {email}' },
  signIn: {
    title: 'Вход',
    intro: 'Введите рабочий адрес. Если он в списке сотрудников, мы пришлём ссылку для входа.',
    email: 'Рабочий адрес почты',
    send: 'Прислать ссылку',
    sentTitle: 'Проверьте почту',
    sent: 'Если этот адрес в списке сотрудников, ссылка для входа уже в пути. Она действует один раз, 15 минут.',
    limitedTitle: 'Слишком много запросов',
    limited: 'Из этой сети пришло слишком много запросов на вход. Подождите час и попробуйте снова.',
    linkTitle: 'Вход в панель сотрудников',
    link: 'Нажмите кнопку, чтобы войти на этом устройстве.',
    linkButton: 'Войти',
    invalidTitle: 'Ссылка не работает',
    invalid: 'Ссылка для входа неизвестна, уже использована или старше 15 минут. Запросите новую.',
  },
  dashboard: {
    title: 'Обзор',
    byStatus: 'Обращения по статусам',
    overdue: 'Просрочено',
    dueToday: 'Срок сегодня',
    dueSoon: 'Срок в ближайшие 3 рабочих дня',
    dueThisWeek: 'Срок в ближайшие 5 рабочих дней',
    waiting: 'Ждут подтверждения',
    quarantined: 'В карантине за сутки',
    failedMail: 'Неотправленные письма',
    toQueue: 'Открыть очередь',
  },
  status: { unverified: 'не подтверждено', open: 'открыто', in_progress: 'в работе', waiting: 'ожидание', closed: 'закрыто', rejected: 'отклонено', expired: 'истекло' },
  rights: { access: 'доступ', rectification: 'исправление', erasure: 'удаление', restriction: 'ограничение', portability: 'переносимость', consent_withdrawal: 'отзыв согласия' },
  queue: {
    title: 'Очередь',
    cols: { number: 'Номер', status: 'Статус', rights: 'Права', requester: 'Заявитель', language: 'Язык', received: 'Получено', due: 'Срок', assignee: 'Исполнитель', triage: 'Разбор' },
    filters: 'Фильтры',
    status: 'Статус',
    current: 'Незавершённые',
    all: 'Все',
    right: 'Право',
    anyRight: 'Любое',
    assignee: 'Исполнитель',
    overdue: 'Просроченные',
    dueSoon: 'Срок в ближайшие 3 рабочих дня',
    triage: 'Нужен разбор',
    search: 'Номер обращения или адрес заявителя',
    searchHint: 'Часть номера или адреса',
    apply: 'Показать',
    reset: 'Сбросить фильтры',
    none: 'Нет подходящих обращений.',
    total: 'Обращений: {n}',
    page: 'Страница {n} из {m}',
    prev: 'Предыдущая страница',
    next: 'Следующая страница',
    needsTriage: 'нужен разбор',
    unassigned: 'никто',
  },
  due: { overdue: 'просрочено на {n} раб. дн.', today: 'срок сегодня', soon: 'осталось {n} раб. дн.', left: 'осталось {n} раб. дн.', none: 'срок не задан' },
  ticket: {
    request: 'Обращение в том виде, как получено',
    from: 'От',
    subject: 'Тема',
    received: 'Получено',
    noText: '(нет текста)',
    rights: 'Права (уверенность классификатора)',
    confidence: '{p}%',
    noRights: 'Не указаны: нужен разбор.',
    due: 'Срок ответа',
    basis: 'Как посчитан срок',
    basisLine: '{days} раб. дн. от {start} ({clock}), календарь {calendar}',
    skipped: 'Пропущенные выходные',
    extensions: 'Продления',
    thread: 'Переписка',
    incoming: 'получено',
    outgoing: 'отправлено нами',
    eml: 'Скачать .eml',
    timeline: 'История',
    actions: 'Действия',
    staleHint: 'Каждая форма сверяется с обращением в том виде, как его показывает эта страница: если его кто-то изменил, обновите страницу.',
  },
  actions: {
    rights: 'Указать права',
    rightsHint: 'Через запятую: access, rectification, erasure, restriction, portability, consent_withdrawal',
    assign: 'Назначить',
    address: 'Адрес сотрудника',
    note: 'Внутренняя заметка',
    extend: 'Продлить срок',
    days: 'Рабочих дней',
    reason: 'Причина',
    reply: 'Ответить заявителю',
    wait: 'Запросить у заявителя и ждать',
    close: 'Закрыть с ответом',
    reject: 'Отклонить',
    text: 'Текст',
    closeText: 'Ответ (необязательно)',
    submit: 'Выполнить',
  },
  quarantine: {
    title: 'Карантин',
    cols: { id: 'ID', received: 'Получено', from: 'От', subject: 'Тема', code: 'Код', meaning: 'Что это значит', actions: 'Действия' },
    empty: 'Карантин пуст.',
    open: 'Открыть как обращение',
    dismiss: 'Убрать',
  },
  flash: { not_available: 'Это действие пока недоступно в панели; используйте команду по почте.', signed_out: 'Вы вышли.' },
  errors: { forbiddenTitle: 'Попробуйте ещё раз', forbidden: 'Не удалось проверить форму. Обновите страницу и попробуйте снова.', notFoundTitle: 'Не найдено', notFound: 'По этому адресу ничего нет.' },
};

const kk: BoardCopy = {
  langName: 'Қазақша',
  board: 'Қызметкерлер панелі',
  skip: 'Мазмұнға өту',
  nav: { dashboard: 'Шолу', queue: 'Кезек', quarantine: 'Карантин', signOut: 'Шығу', signOutEverywhere: 'Барлық құрылғыдан шығу', signedInAs: 'Сіз {email} ретінде кірдіңіз' },
  signIn: {
    title: 'Кіру',
    intro: 'Жұмыс мекенжайыңызды енгізіңіз. Ол қызметкерлер тізімінде болса, кіру сілтемесін жібереміз.',
    email: 'Жұмыс пошта мекенжайы',
    send: 'Сілтеме жіберу',
    sentTitle: 'Поштаңызды тексеріңіз',
    sent: 'Бұл мекенжай қызметкерлер тізімінде болса, кіру сілтемесі жолда. Ол бір рет, 15 минут жарамды.',
    limitedTitle: 'Сұраулар тым көп',
    limited: 'Бұл желіден кіруге тым көп сұрау келді. Бір сағат күтіп, қайталап көріңіз.',
    linkTitle: 'Қызметкерлер панеліне кіру',
    link: 'Осы құрылғыда кіру үшін батырманы басыңыз.',
    linkButton: 'Кіру',
    invalidTitle: 'Сілтеме жұмыс істемейді',
    invalid: 'Кіру сілтемесі белгісіз, пайдаланылған немесе 15 минуттан ескі. Жаңасын сұраңыз.',
  },
  dashboard: {
    title: 'Шолу',
    byStatus: 'Мәртебе бойынша сұраулар',
    overdue: 'Мерзімі өткен',
    dueToday: 'Мерзімі бүгін',
    dueSoon: 'Мерзімі 3 жұмыс күні ішінде',
    dueThisWeek: 'Мерзімі 5 жұмыс күні ішінде',
    waiting: 'Растауды күтуде',
    quarantined: 'Соңғы тәулікте карантинге түскен',
    failedMail: 'Жіберілмеген хаттар',
    toQueue: 'Кезекті ашу',
  },
  status: { unverified: 'расталмаған', open: 'ашық', in_progress: 'жұмыста', waiting: 'күтуде', closed: 'жабық', rejected: 'қабылданбаған', expired: 'мерзімі өткен' },
  rights: { access: 'қолжетімділік', rectification: 'түзету', erasure: 'жою', restriction: 'шектеу', portability: 'тасымалдау', consent_withdrawal: 'келісімді қайтару' },
  queue: {
    title: 'Кезек',
    cols: { number: 'Нөмір', status: 'Мәртебе', rights: 'Құқықтар', requester: 'Өтініш беруші', language: 'Тіл', received: 'Алынды', due: 'Мерзім', assignee: 'Орындаушы', triage: 'Талдау' },
    filters: 'Сүзгілер',
    status: 'Мәртебе',
    current: 'Аяқталмаған',
    all: 'Барлығы',
    right: 'Құқық',
    anyRight: 'Кез келген',
    assignee: 'Орындаушы',
    overdue: 'Мерзімі өткен',
    dueSoon: 'Мерзімі 3 жұмыс күні ішінде',
    triage: 'Талдау қажет',
    search: 'Сұрау нөмірі немесе өтініш берушінің мекенжайы',
    searchHint: 'Нөмірдің немесе мекенжайдың бөлігі',
    apply: 'Көрсету',
    reset: 'Сүзгілерді тазарту',
    none: 'Сәйкес сұраулар жоқ.',
    total: 'Сұраулар: {n}',
    page: '{m} беттің {n}-беті',
    prev: 'Алдыңғы бет',
    next: 'Келесі бет',
    needsTriage: 'талдау қажет',
    unassigned: 'ешкім',
  },
  due: { overdue: '{n} жұмыс күніне кешікті', today: 'мерзімі бүгін', soon: '{n} жұмыс күні қалды', left: '{n} жұмыс күні қалды', none: 'мерзім жоқ' },
  ticket: {
    request: 'Сұрау алынған күйінде',
    from: 'Кімнен',
    subject: 'Тақырып',
    received: 'Алынды',
    noText: '(мәтін жоқ)',
    rights: 'Құқықтар (жіктеуіштің сенімділігі)',
    confidence: '{p}%',
    noRights: 'Көрсетілмеген: талдау қажет.',
    due: 'Жауап мерзімі',
    basis: 'Мерзім қалай есептелді',
    basisLine: '{start} бастап {days} жұмыс күні ({clock}), күнтізбе {calendar}',
    skipped: 'Өткізілген демалыс күндері',
    extensions: 'Ұзартулар',
    thread: 'Хат алмасу',
    incoming: 'алынды',
    outgoing: 'біз жібердік',
    eml: '.eml жүктеу',
    timeline: 'Тарих',
    actions: 'Әрекеттер',
    staleHint: 'Әр форма сұраудың осы беттегі күйімен салыстырылады: оны біреу өзгертсе, бетті жаңартыңыз.',
  },
  actions: {
    rights: 'Құқықтарды көрсету',
    rightsHint: 'Үтір арқылы: access, rectification, erasure, restriction, portability, consent_withdrawal',
    assign: 'Тағайындау',
    address: 'Қызметкер мекенжайы',
    note: 'Ішкі жазба',
    extend: 'Мерзімді ұзарту',
    days: 'Жұмыс күндері',
    reason: 'Себебі',
    reply: 'Өтініш берушіге жауап беру',
    wait: 'Өтініш берушіден сұрап, күту',
    close: 'Жауаппен жабу',
    reject: 'Қабылдамау',
    text: 'Мәтін',
    closeText: 'Жауап (міндетті емес)',
    submit: 'Орындау',
  },
  quarantine: {
    title: 'Карантин',
    cols: { id: 'ID', received: 'Алынды', from: 'Кімнен', subject: 'Тақырып', code: 'Код', meaning: 'Мағынасы', actions: 'Әрекеттер' },
    empty: 'Карантин бос.',
    open: 'Сұрау ретінде ашу',
    dismiss: 'Алып тастау',
  },
  flash: { not_available: 'Бұл әрекет панельде әлі қолжетімсіз; пошта командасын пайдаланыңыз.', signed_out: 'Сіз шықтыңыз.' },
  errors: { forbiddenTitle: 'Қайталап көріңіз', forbidden: 'Форманы тексеру мүмкін болмады. Бетті жаңартып, қайталап көріңіз.', notFoundTitle: 'Табылмады', notFound: 'Бұл мекенжайда ештеңе жоқ.' },
};

export const BOARD_COPY: Record<Language, BoardCopy> = { ru, kk, en };
