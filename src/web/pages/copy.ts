import type { Language, Right } from '../../domain.js';

// Every word the requester reads on the confirmation pages, in the three languages. The type makes
// a missing translation a compile error. `{name}` placeholders are filled with escaped values.

export type PageKind =
  | 'form'
  | 'confirmed'
  | 'rejected'
  | 'already_confirmed'
  | 'already_rejected'
  | 'link_expired'
  | 'request_expired'
  | 'used'
  | 'unknown'
  | 'forbidden'
  | 'not_found'
  | 'error'
  | 'unavailable';

export interface PageCopy {
  langName: string;
  privacyPolicy: string;
  ticket: string;
  pages: Record<PageKind, { title: string; body: string[] }>;
  form: {
    sentFrom: string;
    understood: string;
    triage: string;
    confirm: string;
    reject: string;
    rejectHint: string;
    expires: string;
    why: string;
  };
  dueLine: string;
  /** `{n}`: working days left until the due date. */
  daysLeftLine: string;
  rights: Record<Right, string>;
}

const en: PageCopy = {
  langName: 'English',
  privacyPolicy: 'Privacy policy',
  ticket: 'Request {number}',
  pages: {
    form: { title: 'Confirm your request', body: ['We received a request about your personal data. Please confirm that you sent it.'] },
    confirmed: { title: 'Request confirmed', body: ['Thank you. Request {number} is confirmed and registered.', 'We have sent you an email with the details.'] },
    rejected: { title: 'Request cancelled', body: ['Thank you for telling us. Request {number} is closed and nothing will be done with it.'] },
    already_confirmed: { title: 'Already confirmed', body: ['Request {number} has already been confirmed. There is nothing more to do here.'] },
    already_rejected: { title: 'Request cancelled', body: ['Request {number} was cancelled with this link earlier ("this was not me"). To make a new request, write to us again.'] },
    link_expired: { title: 'This link has expired', body: ['Look for a newer email from us about request {number}, or write to us again to start a new request.'] },
    request_expired: { title: 'Request closed', body: ['Request {number} was not confirmed in time and has been closed. To start again, write to us with your request.'] },
    used: { title: 'Link already used', body: ['This confirmation link has already been used.'] },
    unknown: { title: 'Link not recognised', body: ['We do not know this confirmation link. Please copy the whole link from the email, or write to us again.'] },
    forbidden: { title: 'Please try again', body: ['The form could not be checked. Open the link from the email again and press the button once more.'] },
    not_found: { title: 'Page not found', body: ['There is nothing at this address.'] },
    error: { title: 'Something went wrong', body: ['We could not process this. Please try again in a few minutes.'] },
    unavailable: { title: 'Temporarily unavailable', body: ['The service is restarting. Please try again in a minute.'] },
  },
  form: {
    sentFrom: 'Sent from: {email}',
    understood: 'What we understood you are asking for:',
    triage: 'We will read your letter and work out what you are asking for.',
    confirm: 'Confirm request',
    reject: 'This was not me',
    rejectHint: 'If you did not write to us, press "This was not me": the request is closed and nothing is done with it.',
    expires: 'This link works until {date}.',
    why: 'We ask because anyone can put your address on a letter; only the owner of the mailbox sees this link.',
  },
  dueLine: 'We will answer by {date}.',
  daysLeftLine: 'Working days left: {n}.',
  rights: {
    access: 'a copy of the personal data we hold about you',
    rectification: 'correction of inaccurate or outdated data',
    erasure: 'deletion of your data',
    restriction: 'a temporary stop to the use of your data',
    portability: 'your data in a machine-readable format, to move it elsewhere',
    consent_withdrawal: 'withdrawal of your consent to processing (including marketing email)',
  },
};

const ru: PageCopy = {
  langName: 'Русский',
  privacyPolicy: 'Политика конфиденциальности',
  ticket: 'Запрос {number}',
  pages: {
    form: { title: 'Подтвердите запрос', body: ['Мы получили запрос о ваших персональных данных. Пожалуйста, подтвердите, что его отправили вы.'] },
    confirmed: { title: 'Запрос подтверждён', body: ['Спасибо. Запрос {number} подтверждён и зарегистрирован.', 'Мы отправили вам письмо с подробностями.'] },
    rejected: { title: 'Запрос отменён', body: ['Спасибо, что сообщили. Запрос {number} закрыт, никаких действий по нему не будет.'] },
    already_confirmed: { title: 'Уже подтверждено', body: ['Запрос {number} уже подтверждён. Больше ничего делать не нужно.'] },
    already_rejected: { title: 'Запрос отменён', body: ['Запрос {number} уже был отменён по этой ссылке («это был не я»). Чтобы подать новый запрос, напишите нам снова.'] },
    link_expired: { title: 'Срок действия ссылки истёк', body: ['Найдите более новое письмо от нас о запросе {number} или напишите нам снова, чтобы подать новый запрос.'] },
    request_expired: { title: 'Запрос закрыт', body: ['Запрос {number} не был подтверждён вовремя и закрыт. Чтобы начать заново, напишите нам ещё раз.'] },
    used: { title: 'Ссылка уже использована', body: ['Эта ссылка для подтверждения уже была использована.'] },
    unknown: { title: 'Ссылка не распознана', body: ['Мы не знаем такой ссылки. Скопируйте ссылку из письма целиком или напишите нам снова.'] },
    forbidden: { title: 'Попробуйте ещё раз', body: ['Не удалось проверить форму. Откройте ссылку из письма заново и нажмите кнопку ещё раз.'] },
    not_found: { title: 'Страница не найдена', body: ['По этому адресу ничего нет.'] },
    error: { title: 'Что-то пошло не так', body: ['Не удалось выполнить действие. Попробуйте ещё раз через несколько минут.'] },
    unavailable: { title: 'Временно недоступно', body: ['Сервис перезапускается. Попробуйте ещё раз через минуту.'] },
  },
  form: {
    sentFrom: 'Отправлено с адреса: {email}',
    understood: 'Как мы поняли ваш запрос:',
    triage: 'Мы прочитаем ваше письмо и разберёмся, о чём вы просите.',
    confirm: 'Подтвердить запрос',
    reject: 'Это был не я',
    rejectHint: 'Если вы нам не писали, нажмите «Это был не я»: запрос будет закрыт, и никаких действий по нему не будет.',
    expires: 'Ссылка действует до {date}.',
    why: 'Мы спрашиваем, потому что указать ваш адрес в письме может кто угодно; эту ссылку видит только владелец почтового ящика.',
  },
  dueLine: 'Мы ответим до {date}.',
  daysLeftLine: 'Осталось рабочих дней: {n}.',
  rights: {
    access: 'копия персональных данных, которые мы храним о вас',
    rectification: 'исправление неточных или устаревших данных',
    erasure: 'удаление ваших данных',
    restriction: 'временное прекращение использования ваших данных',
    portability: 'ваши данные в удобном машиночитаемом формате для передачи',
    consent_withdrawal: 'отзыв согласия на обработку данных (включая рекламные рассылки)',
  },
};

const kk: PageCopy = {
  langName: 'Қазақша',
  privacyPolicy: 'Құпиялылық саясаты',
  ticket: '{number} сұрауы',
  pages: {
    form: { title: 'Сұрауыңызды растаңыз', body: ['Біз сіздің дербес деректеріңіз туралы сұрау алдық. Оны сіз жібергеніңізді растаңыз.'] },
    confirmed: { title: 'Сұрау расталды', body: ['Рахмет. {number} сұрауы расталды және тіркелді.', 'Толық ақпаратпен хат жібердік.'] },
    rejected: { title: 'Сұрау тоқтатылды', body: ['Хабарлағаныңызға рахмет. {number} сұрауы жабылды, ол бойынша ешқандай әрекет жасалмайды.'] },
    already_confirmed: { title: 'Бұрын расталған', body: ['{number} сұрауы бұрын расталған. Басқа ештеңе істеудің қажеті жоқ.'] },
    already_rejected: { title: 'Сұрау тоқтатылды', body: ['{number} сұрауы осы сілтеме арқылы бұрын тоқтатылған («бұл мен емеспін»). Жаңа сұрау жіберу үшін бізге қайта жазыңыз.'] },
    link_expired: { title: 'Сілтеменің мерзімі өтті', body: ['{number} сұрауы туралы бізден келген жаңарақ хатты табыңыз немесе жаңа сұрау жіберу үшін бізге қайта жазыңыз.'] },
    request_expired: { title: 'Сұрау жабылды', body: ['{number} сұрауы уақытында расталмағандықтан жабылды. Қайта бастау үшін бізге тағы жазыңыз.'] },
    used: { title: 'Сілтеме пайдаланылған', body: ['Бұл растау сілтемесі бұрын пайдаланылған.'] },
    unknown: { title: 'Сілтеме танылмады', body: ['Бұл сілтеме бізге белгісіз. Хаттағы сілтемені толық көшіріңіз немесе бізге қайта жазыңыз.'] },
    forbidden: { title: 'Қайталап көріңіз', body: ['Форманы тексеру мүмкін болмады. Хаттағы сілтемені қайта ашып, батырманы тағы басыңыз.'] },
    not_found: { title: 'Бет табылмады', body: ['Бұл мекенжайда ештеңе жоқ.'] },
    error: { title: 'Бірдеңе дұрыс болмады', body: ['Әрекетті орындау мүмкін болмады. Бірнеше минуттан кейін қайталап көріңіз.'] },
    unavailable: { title: 'Уақытша қолжетімсіз', body: ['Қызмет қайта іске қосылуда. Бір минуттан кейін қайталап көріңіз.'] },
  },
  form: {
    sentFrom: 'Жіберілген мекенжай: {email}',
    understood: 'Сұрауыңызды былай түсіндік:',
    triage: 'Хатыңызды оқып, не сұрап тұрғаныңызды анықтаймыз.',
    confirm: 'Сұрауды растау',
    reject: 'Бұл мен емеспін',
    rejectHint: 'Егер сіз бізге жазбаған болсаңыз, «Бұл мен емеспін» батырмасын басыңыз: сұрау жабылады және ол бойынша ешқандай әрекет жасалмайды.',
    expires: 'Сілтеме {date} дейін жарамды.',
    why: 'Біз сұраймыз, өйткені сіздің мекенжайыңызды хатқа кез келген адам жаза алады; бұл сілтемені тек пошта жәшігінің иесі көреді.',
  },
  dueLine: 'Біз {date} дейін жауап береміз.',
  daysLeftLine: 'Қалған жұмыс күндері: {n}.',
  rights: {
    access: 'біз сіз туралы сақтайтын дербес деректердің көшірмесі',
    rectification: 'дұрыс емес немесе ескірген деректерді түзету',
    erasure: 'деректеріңізді жою',
    restriction: 'деректеріңізді пайдалануды уақытша тоқтату',
    portability: 'деректеріңізді басқа жерге көшіру үшін ыңғайлы машинамен оқылатын форматта беру',
    consent_withdrawal: 'деректерді өңдеуге келісімді кері қайтарып алу (жарнамалық хаттарды қоса)',
  },
};

export const PAGE_COPY: Record<Language, PageCopy> = { ru, kk, en };

/** Locales for dates on the pages. */
export const DATE_LOCALES: Record<Language, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };
