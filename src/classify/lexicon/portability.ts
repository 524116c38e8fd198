// The words for portability: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

// A file, a table or a format is about portability only when the person's data goes into it: "where
// do I download the certificate as a PDF" asks for nothing.
const FILE_WORDS = ['таблиц', 'формат', 'фаил', 'файл', 'архив', 'archive', '(?<!on )files?(?![\\p{L}])'];
const DATA_OBJECT =
  'данн|даные|дерек|мәлімет|истори|тарих|прогресс|оценк|баға|результат|нәтиже|статистик|профил|анкет|информаци|ақпарат|сведени|все|всё|барлық|' +
  'экспорт|в[ыи]груз|перен|друг|басқа|data|history|progress|records|grades|results|information|profile|statistics|everything|export|another|other';

// Handing the data over to another school: "передайте мои результаты в Qadam School". The verb is
// in a request form ("передали мои данные в банк" is a complaint), the object is the person's
// learning data, and the destination is no format, no mailbox and not the writer.
const RU_SEND = '(переда(йте|ть|й)|передтаь|передатть|переправ(ьте|ить|ь)|перешл(ите|и)|пересла(ть)|перенаправ(ьте|ить)|отправ(ьте|ить|ит|те)|отпав\\S*|направ(ьте|ить))';
const RU_LEARNING_DATA = '(данн|даные|результат|истори|оценк|прогресс|успеваем|достижен|учебн)';
const RU_NOT_A_PLACE =
  '(\\S+ )?(виде|формат|форм|pdf|пдф|машин|электрон|почт|мо|мне|адрес|email|e|э|#email|ящик|телеграм|whatsapp|ватсап|личн|ответ|письм|кабинет|провер|пересмотр|рассмотр|отдел|бухгалтер|поддержк|служб|куратор|преподават|учител|модерац)';
const RU_SEND_TO_PLACE = `${RU_SEND} (\\S+ ){0,3}${RU_LEARNING_DATA}\\S* (\\S+ ){0,3}?(в|на) (?!${RU_NOT_A_PLACE})`;

// A Kazakh destination in the dative ("жүйесіне", "платформаға") with a verb of sending or moving.
const KK_PLACE_DATIVE = '(жүйе|платформа|мектеб|мектеп|сервис|провайдер|оператор|lms|оқу орн)\\S*(не|на|ге|ке|ға|қа|ме|ма)';
const KK_HAND_OVER = '(жібер(іңіз|іп|у|сеңіз)|бер(іңіз|у|іп|сеңіз)|көшір(іп|іңіз|у|емін|еміз|гім)|тасымал|жүкте(ймін|у))';

export const portability: RightLexicon = {
  right: 'portability',
  words: [
    // ru
    'в[ыи]груз', 'экспорт', 'машиночитаем', 'json', 'csv', 'xml', 'йсон', 'джсон', 'цсв', 'ксмл',
    'нов\\S* (учебн\\S* )?(систем|платф|сервис|школ|провайдер|оператор|lms)', 'перен(ес|ос)', 'перевож', 'переход', 'переезжа',
    'ухож(у)? (на|в) друг', 'импорт', 'архив', 'переносимост', 'забрать',
    'друг(ой|ую|ому|ого|ие|им|ое) (\\S+ )?(сервис|платформ|школ|систем|оператор|провайдер|приложени|площадк)',
    'прям\\S* (передач|перенос|отправк)', RU_SEND_TO_PLACE, 'в электронном виде', 'машин\\S* (- )?чит', 'портир',
    // The wording of the law: "в структурированном, общепринятом и машиночитаемом формате".
    'структурированн', 'общепринят\\S* (и )?(машин|формат)',
    // kk
    'басқа (\\S+ )?(платформа|сервис|мектеп|мектеб|жүйе|провайдер|оператор|қосымша|приложени)', 'көшу үшін', 'көшіру', 'ауысу', 'ауысып жатыр', 'ауысамын',
    'тасымалда', 'электронды түрде', 'машина\\S* (\\S+ )?оқ',
    // To or of the new school, not "жаңа мектебі — ..." (a school to write in the profile).
    'жаңа (\\S+ )?(платформа|мектеп|мектеб|жүйе|сервис|провайдер|оқу орн)\\S*(ға|ге|қа|ке|на|не|ме|ма|ң)(?![\\p{L}])', `${KK_PLACE_DATIVE} (\\S+ ){0,2}${KK_HAND_OVER}`,
    // en
    'export', 'machine( - | |-)?read', 'spreadsheet', 'portab', 'transfer', 'migrat', 'move (\\S+ ){0,2}(to|elsewhere)',
    'moving to', 'switch(ing)? (to another|providers)', '(another|different|other|new) (\\S+ )?(service|platform|school|provider)', '(another|different|other) (\\S+ )?(app|lms|system)',
    'import(?!an)', 'take (\\S+ ){0,2}with me', 'leaving for', 'electronic form', 'data dump', 'takeout',
    'structured (\\S+ )?(export|form|format|file|copy|data)', 'commonly used (\\S+ )?(and )?(format|machine)', 'hand(ed)? over (\\S+ ){0,2}(data|records|history|everything|information)|hand (\\S+ ){0,2}(data|records|history|everything|information) over',
    'download (\\S+ ){0,3}(data|history|records|progress|grades|results|everything|archive)',
    // Sent to a place, not back to the writer: "send my learning records to Steppe Code School".
    'send (?!me )(\\S+ ){0,3}(data|records|grades|results|history|progress|transcript)\\S* (\\S+ ){0,3}to (?!me |us |my |#email|this |the (same|above|e|address|teacher|tutor|instructor|curator)|your |(the )?support)',
    'port (\\S+ ){0,2}(data|records|history|account|information|progress|grades|results|profile)|port (it|them|everything) (over|to)',
  ],
  guarded: [
    { patterns: FILE_WORDS, negatable: true, requires: DATA_OBJECT },
    // Excel is also a course ("Excel для аналитиков", "is it only Excel?").
    { patterns: ['excel', 'экскел', 'эксел', 'ексел', 'xlsx?(?![\\p{L}])'], negatable: true, requires: DATA_OBJECT, unless: 'курс|cour|сабақ' },
    // "Download" is portability for one's data, not for a certificate or the course materials.
    { patterns: ['жүктеп (ал|бер)'], negatable: true, requires: DATA_OBJECT, unless: 'сертификат|материал|certificate' },
    { patterns: ['скач'], negatable: true, requires: 'данн|даные|истори|прогресс|оценк|результат|архив', unless: 'видео|урок|материал|сертификат|приложени' },
    // "Directly" to the new school, not "write to me directly"; "тікелей эфир" is a live broadcast.
    {
      patterns: ['напрям', 'непосредственн'],
      negatable: true,
      requires: '(переда|перешл|пересл|переправ|отправ|отпав|направ|перенес|перевед|в[ыи]груз|загруз)',
      unless: 'мне напрям|напрямую мне|ответ',
    },
    { patterns: ['тікелей'], negatable: true, requires: '(жібер|бер|көшір|тасымал|ауыс|жүкте)', unless: 'эфир' },
    {
      patterns: ['directly'],
      negatable: true,
      requires: '(send|transfer|forward|pass|share|move|migrat|export|push|upload)',
      unless: 'contact|reply|call|write to me|email me',
    },
  ],
  // Not the person's data leaving: a course or a gift for someone else, a file that will not open, a
  // broken export button, a move to another group or date, an export the writer says they don't need.
  exclusion:
    'к курсу|курсқа|to the course|другого человека|another person|подар|gift|не загружа|не открыва|слишком больш|too (big|large)|won\\S* upload|жүктелмей|' +
    'кнопк|button|батырма|редактор|editor|не работа|перестал\\S* работ|doesn\\S* work|does not work|not working|stopped working|жұмыс істемей|' +
    'garbled|corrupt|ошибк\\S* \\d|error \\d|(выда\\S*|показыва\\S*) ошибк|gives? (an )?error|пуст(ой|ым) (файл|архив|zip)|empty (file|csv|archive)|' +
    '(из|from|в|to|between) (\\S+ ){0,3}(групп|group)|(перен(ес|ос)|перевед|move|reschedul|transfer)\\S* (\\S+ ){0,2}(экзамен|exam|дедлайн|deadline|урок|lesson|занят|сабақ|емтихан)|' +
    'на другую дату|another date|на другое время|' +
    '(не нуж\\S*|не надо|don\\S* need|do not need|no need for) (\\S+ ){0,3}(csv|json|xml|excel|экспорт|выгруз|файл|export|file|архив)|' +
    '(csv|json|xml|экспорт|выгруз|файл|export|file|архив)\\S* (\\S+ ){0,6}(қажет емес|керегі жоқ|керек емес|не нуж)|' +
    // Money and links, not data: "bank transfer", "при переходе по ссылке".
    '(bank|wire) transfer|transfer (\\S+ )?(money|payment|fee|funds)|перевод\\S* (денег|средств|оплат)|' +
    '(переход|перейти|перевож)\\S* (\\S+ )?(по ссылк|на страниц|в раздел|на сайт)',
  fuzzy: ['выгруз', 'экспорт', 'машиночит'],
};
