// More phrasings for the training split only (data file). Written after the first held-out
// measurement, to widen the wording the model learns from; the held-out pools stay as they were,
// so held-out letters still use wording never seen in training.
import type { Language } from '../../../domain.js';
import type { ExtraBatch } from './types.js';

export const EXTRA: Record<Language, Omit<ExtraBatch, 'language'>> = {
  ru: {
    core: {
      access: [
        'Какую информацию обо мне вы храните? Прошу выслать её полностью.',
        'Прошу дать мне копию моей анкеты и истории обучения.',
        'Направьте мне, пожалуйста, все персональные данные, которые вы обо мне собрали.',
        'Я имею право знать, какие мои данные у вас есть. Сообщите, пожалуйста.',
        'Нужна информация: какие мои данные хранятся у вас и у кого есть к ним доступ.',
        'Предоставьте, пожалуйста, сведения обо всех моих данных, которые есть в системе.',
      ],
      rectification: [
        'В профиле неверно указан мой email, правильный — {email2}.',
        'У меня новый мобильный, внесите его в профиль: {phone}.',
        'Почему у меня в профиле чужая фамилия? Исправьте на «{newname}».',
        'Нужно поправить дату рождения, сейчас там ошибка.',
        'Смените, пожалуйста, адрес почты в моём аккаунте на {email2}.',
        'Имя в профиле написано неправильно, должно быть «{first}».',
      ],
      erasure: [
        'Хочу, чтобы вы полностью удалили мой профиль.',
        'Прошу стереть все сведения обо мне.',
        'Пожалуйста, ликвидируйте мою учётную запись и все данные.',
        'Удалите все мои персональные данные без возможности восстановления.',
        'Прошу удалить меня с платформы.',
        'Очистите, пожалуйста, всю информацию обо мне и закройте аккаунт.',
      ],
      restriction: [
        'Пока рассматривается моя жалоба, прошу заморозить обработку моих данных.',
        'Ограничьте, пожалуйста, использование моих данных до конца разбирательства.',
        'Прошу на время приостановить всякую обработку моих персональных данных.',
        'До решения спора не трогайте мои данные, пусть просто хранятся.',
        'Прошу временно не использовать мои данные: я оспариваю их точность.',
      ],
      portability: [
        'Пришлите мне все мои данные файлом, я перехожу на другую платформу.',
        'Прошу экспортировать мой профиль в JSON.',
        'Выгрузите, пожалуйста, мою учебную статистику в CSV.',
        'Передайте мои данные в другой сервис в машиночитаемом виде.',
        'Хочу перенести свой прогресс в другую школу, нужна выгрузка данных.',
      ],
      consent_withdrawal: [
        'Больше не хочу получать рекламные письма, отпишите меня.',
        'Прошу удалить мой адрес из рассылки.',
        'Перестаньте, пожалуйста, присылать мне предложения и новости.',
        'Считайте моё согласие на обработку данных отозванным.',
        'Уберите меня из всех рассылок.',
        'Не присылайте мне больше маркетинговые письма и SMS.',
      ],
    },
    negations: [
      { rights: ['access'], text: 'Удалять аккаунт не надо, просто пришлите, что у вас обо мне хранится.' },
      { rights: ['erasure'], text: 'Исправлять ничего не нужно — удалите профиль целиком.' },
      { rights: ['rectification'], text: 'Рассылку не отключайте, мне нужно только обновить телефон: {phone}.' },
    ],
    nonRequests: [
      'Когда будет следующий вебинар?', 'Подскажите, как записаться на курс.', 'Можно ли получить чек об оплате?',
      'Почему не открывается урок?', 'Спасибо за ответ!', 'Хочу купить курс в подарок, как оформить?',
      'Сколько длится доступ к курсу после покупки?', 'Подскажите, пожалуйста, есть ли у вас мобильное приложение?',
    ],
    vague: ['Прошу проконсультировать меня по вопросу защиты моих персональных данных.'],
  },
  kk: {
    core: {
      access: [
        'Мен туралы қандай ақпарат сақтайсыздар? Толығымен жіберуіңізді сұраймын.',
        'Анкетам мен оқу тарихымның көшірмесін беріңізші.',
        'Мен туралы жинаған барлық дербес деректерді маған жолдаңыз.',
        'Менің қандай деректерім бар екенін білуге құқығым бар. Хабарлаңызшы.',
      ],
      rectification: [
        'Профильде email қате көрсетілген, дұрысы — {email2}.',
        'Телефон нөмірімді жаңасына өзгертуіңізді сұраймын: {phone}.',
        'Профилімде басқа біреудің тегі тұр. {newname} деп түзетіңіз.',
        'Туған күнімді түзету керек, қазір онда қате бар.',
      ],
      erasure: [
        'Профилімді толығымен жойғаныңызды қалаймын.',
        'Мен туралы барлық мәліметті өшіруіңізді сұраймын.',
        'Барлық дербес деректерімді қалпына келтіру мүмкіндігінсіз жойыңыз.',
        'Мені платформадан өшіріп тастауыңызды өтінемін.',
      ],
      restriction: [
        'Банкпен дауым біткенше деректерімді өңдемей тұрыңыз.',
        'Дау аяқталғанша деректерімді пайдалануды шектеңізші.',
        'Деректерімнің дәлдігіне дау айтамын, сондықтан оларды уақытша қолданбаңыз.',
      ],
      portability: [
        'Барлық деректерімді файлмен жіберіңіз, басқа платформаға ауысамын.',
        'Профилімді JSON-ға экспорттауыңызды сұраймын.',
        'Оқу статистикамды CSV форматында жүктеп беріңізші.',
      ],
      consent_withdrawal: [
        'Жарнамалық хаттар алғым келмейді, мені таратылымнан шығарыңыз.',
        'Тіркелгенде берген келісімімді енді қайтарамын.',
        'Маған ұсыныстар мен жаңалықтар жіберуді доғарыңызшы.',
        'Маған енді жарнамалық SMS жібермеңіз.',
      ],
    },
    negations: [
      { rights: ['access'], text: 'Аккаунтты жоюдың керегі жоқ, мен туралы не сақталғанын жіберіңіз.' },
      { rights: ['erasure'], text: 'Түзетудің қажеті жоқ — профильді толығымен жойыңыз.' },
    ],
    nonRequests: [
      'Келесі вебинар қашан болады?', 'Курсқа қалай жазыламын?', 'Төлем туралы түбіртек алуға бола ма?',
      'Сабақ ашылмай тұр, көмектесіңізші.', 'Жауабыңызға рахмет!', 'Мобильді қосымшаңыз бар ма?',
      'Сертификат қашан дайын болады?',
    ],
    vague: ['Дербес деректерімді қорғау мәселесі бойынша кеңес беріңізші.'],
  },
  en: {
    core: {
      access: [
        'What information about me do you store? Please send all of it.',
        'Please give me a copy of my profile and learning history.',
        'Send me all the personal data you have collected about me.',
        'I am entitled to see my personal data. Please provide it.',
      ],
      rectification: [
        'The email in my profile is wrong, the right one is {email2}.',
        'I have a new mobile number, please put it in my profile: {phone}.',
        "Someone else's surname is on my profile. Please correct it to {newname}.",
        'My date of birth needs fixing, there is a mistake in it.',
      ],
      erasure: [
        'I want my profile deleted completely.',
        'Please erase all records about me.',
        'Delete all my personal data with no way to restore it.',
        'Please remove me from the platform.',
      ],
      restriction: [
        'Until my bank dispute is closed, keep my data but do nothing else with it.',
        'Limit the use of my data until the dispute is over, please.',
        "I dispute the accuracy of my data, so please don't use it for now.",
      ],
      portability: [
        "Send me all my data as a file, I'm moving to another platform.",
        'Please export my profile to JSON.',
        'Download my learning statistics as CSV for me, please.',
      ],
      consent_withdrawal: [
        "I don't want promotional emails any more, unsubscribe me.",
        'Consider my consent to data processing withdrawn.',
        'Stop sending me offers and news, please.',
        'Take me off all your mailing lists.',
      ],
    },
    negations: [
      { rights: ['access'], text: "There's no need to delete the account, just send me what you store about me." },
      { rights: ['erasure'], text: 'Nothing needs fixing, delete the whole profile.' },
    ],
    nonRequests: [
      'When is the next webinar?', 'How do I sign up for a course?', 'Can I get a receipt for my payment?',
      'The quiz in module 3 is broken.', 'Thanks for your reply!', 'Do you have a mobile app?',
      'When will my certificate be ready?', 'How do I reset my password?',
    ],
    vague: ['Please advise me on protecting my personal data.'],
  },
};
