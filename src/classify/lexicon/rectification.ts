// The words for rectification: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

// Things that are not the person's data: passwords, payments, course material, grades, groups,
// schedules, app bugs ("fix the error in the module 4 test", "update the webinar link", "поменяйте
// меня в вечернюю группу", "when will the app be updated").
const NOT_PERSONAL_DATA =
  'пароль|парол|password|құпиясөз|тариф|plan|автопродлен|войти|log in|оплат|төлем|payment|billing|списан|' +
  'тест|урок|ссылк|вебинар|домашн|задани|видео|аудио|ответ|модул|материал|слайд|конспект|лекци|экзамен|балл|оценк|контрольн|' +
  'групп|расписани|консультац|посещаем|журнал|интерфейс|язык|календар|приложени|верси|баг(?![\\p{L}])|сбо[йяи](?![\\p{L}])|' +
  'после (\\S+ ){0,2}обновлени|' +
  'сабақ|сілтеме|тапсырма|жауап|емтихан|баға(м|ны|сы|мды|лар)?(?![\\p{L}])|тіл(?![\\p{L}])|кесте|(жаңа|ескі|соңғы) нұсқа|тақырып|' +
  'language|interface|calendar|schedule|start time|open day|quiz|exam(?!pl)|score|grade|lesson|module|material|slide|audio|' +
  'link|webinar|homework|video|answer|title|key is|mobile app|version|crash|bug|group|update me|keep me updated|inactive|неактивн|' +
  // "correct" as an adjective: "check whether it's correct"
  'whether (\\S+ ){0,3}(correct|accurate|right)|' +
  // broken things and course names, even on a certificate
  'layout|broken|сломал|ашылмай|не (открыва|загружа)|' +
  'названи\\S* (\\S+ )?курс|курс(тың|тын)? атау|course (name|title)|name of the course|chang\\S* my mind|' +
  // changing school or platform is portability's context: "my daughter will change schools"
  '(смен|chang)\\S* (\\S+ )?(онлайн\\S* )?(- )?(школ|schools?|platforms?|платформ|провайдер)|' +
  // a correction declined or put off: "исправлять не нужно", "түзетіп әуре болмаңыз", "you needn't correct"
  '(исправл|поправл|меня|обновл|измен)\\S* (\\S+ ){0,3}не (нужно|надо|стоит|требуется)|' +
  'не (нужно|надо|стоит) (\\S+ ){0,2}(исправл|поправл|меня|обновл|измен)|әуре болма|бөлек сұрай|' +
  "needn't|no need to|don't bother|forget about (\\S+ )?(fix|correct|chang|updat)|отдельн\\S* (запрос|обращени|письм)|separately|" +
  // thanks for a correction already made
  '\\S+(ге|ке|ға|қа) рахмет|спасибо за (\\S+ )?(исправл|обновл|изменени)|thanks? (you )?for (\\S+ )?(correct|fix|updat|chang)';

// The person's data a correction is about.
const PERSONAL_DATA =
  'фамили|имя|имени|отчеств|дат[аеуы]|рожден|телефон|номер|почт|e-?mail|e - mail|mail(?!ing)|мейл|адрес|город|пол(?![\\p{L}])|пол[еяю](?![\\p{L}])|' +
  'иин|паспорт|удостоверени|гражданств|национальн|данн|даные|сведени|профил|анкет|акк?аунт|акк(?![\\p{L}])|кабинет|учетн|сертификат|диплом|документ|запис|' +
  'контакт|латиниц|транслит|инициал|логин|' +
  'тег|аты|ат[аы] (- )?жөн|есім|әке|туған|нөмір|пошта|мекен|қала|жыныс|азамат|ұлт|дерек|мәлімет|жсн|куәлі|деп(?![\\p{L}])|\\d{5,}|#(date|phone|email)|' +
  'name|surname|birth|dob|phone|number|mobile|ad+re+s|details|data|profile|account|record|certificate|diploma|information|info|' +
  'city|gender|citizenship|nationality|passport|id card|field|contact|spell|translit';

// A sentence break in the text the requirement is tested on (this sentence and the one before).
const BREAK = ' [^\\s\\p{L}\\p{N}#]*[.!?\\u2026][^\\s\\p{L}\\p{N}#]* ';

// Fault words ("неверный", "wrong") also name what a restriction request disputes: "ограничьте,
// пока разбираетесь с ошибкой", "stop using it until you check whether it's correct".
const DISPUTE =
  'оспарива|дау|dispute|contest|пока|до (выяснени|проверк|решени)|\\S+(ғанша|генше|қанша|кенше)(?![\\p{L}])|while|until|pending|whether';

// "Old" data to be removed is erasure: "remove my old phone number", "ескі мекенжайымды жойыңыз".
const REMOVAL = 'удал|стер|сотр|убер|жой|өшір|алып таста|remov|delet|eras|purge|wipe';

export const rectification: RightLexicon = {
  right: 'rectification',
  words: [
    // ru
    'исправ', 'поправ', 'измени(ть|те|ла|л)?(?![\\p{L}])', 'изменени', 'обнов', 'замен',
    'поменя', 'скорректир', 'корректир', 'смени(те|ть)', 'внес(ите|ти) (\\S+ ){0,3}(в профил|в анкет|в аккаунт|изменени)', 'актуализ',
    'уточни(ть|те) (\\S+ ){0,2}(данн|сведени|фамили|им|адрес|номер|дат)', 'перевыпуст', 'должн\\S* быть',
    'актуальн\\S* (—|-|:|адрес|номер|телефон|почт|фамили)', 'а (правильно|надо|нужно)', 'постав(ьте|ить) (\\S+ ){0,4}нов',
    // "укажите верно мою фамилию", "правильный номер", "привести данные в соответствие с удостоверением"
    '(укаж|запиш|напиш|отраз)\\S* (\\S+ ){0,2}(верн|правильн|корректн)(о|ы|у|а)',
    '(правильн|верн)(ое|ая|ый|ую|ые|ым|ой|о) (\\S+ ){0,2}(написани|фамили|им[яеи]|отчеств|номер|адрес|дат|почт|данн)',
    'привест?и (\\S+ ){0,4}в (соответстви|порядок)', '(постав|укаж|запиш)\\S* (\\S+ ){0,3}как (надо|нужно|положено|следует)',
    'внес(ите|ти) (\\S+ ){0,6}(нов|правильн|верн)',
    // kk: a negative verb ("жаңартпаңыз", "түзетпеңіз") asks for nothing
    'түзет(?!пе)', 'өзгерт(?!пе)', 'жаңарт(?!па)', 'енгіз(іңіз|іңдер|іп (бер|қой|жібер)|у(ді|ге|іңіз)|сеңіз|ілсін)',
    'дұрыста', 'жаңасы', 'дұрысы', 'дұрыс (\\S+ )?жаз', 'жазып қой(ың|саңыз)',
    // en
    'correct', '(?<!(a|the|any|no) )fix', 'updat', 'chang', 'amend', 'rectif', 'replac', 'switch (it|my \\S+) to', 'swap', 'reissu',
    'edit(?!or|ion)', 'standardi[sz]', 'up (- )?to (- )?date', 'current one',
    // "it should be 04.05.1992", not "my data should be set aside" (restriction)
    'sh(o|u|ou)ld be(?! (\\S+ )?(set|kept|stopped|paused|frozen|blocked|restricted|deleted|removed|erased|processed|used))',
    'must be (\\S+ )?(spel|writ|shown|listed|displayed|record)', 'my new one',
    'put (\\S+ ){0,3}(new|right)', 'put (it|this|that|them) (in|on|into|onto) ',
    // A new phone or e-mail given: "новый: +7 ...", "my new one is x@...", not "my new employer at
    // hr@..." (a destination).
    '(нов(ый|ая|ое|ые|ую)|new|жаңа)(?![\\p{L}]) ((номер|телефон|почт|адрес|мекенжай|нөмір|пошта|number|phone|mobile|e - mail|email|address|one)\\S* )?(is |: |- |— )?#(phone|email)',
    'new (\\S+ )?(address|number|phone|email|surname|name) (on file|is|please)',
  ],
  guarded: [
    {
      patterns: [
        'неверн', 'неправильн', 'с ошибк', 'ошибочн', 'қате(?!гор)', 'wrong', 'incorrect', 'inaccura', 'typo', 'misspel',
      ],
      negatable: true,
      unless: DISPUTE,
      weak: true,
    },
    {
      patterns: [
        'стар(ый|ая|ую|ой|ое) (\\S+ )?(адрес|номер|телефон|почт|фамили|email)',
        'ескі (\\S+ )?(мекенжай|нөмір|пошта|тег|телефон)',
        'old (\\S+ )?(address|number|phone|e - mail|email|surname|name)',
      ],
      negatable: true,
      unless: REMOVAL,
      weak: true,
    },
    // What changed or is wrong, told rather than asked: "у меня новый номер", "фамилия теперь
    // Ким", "the number on file belongs to someone else", "қате тіркеліп қойдым".
    {
      patterns: [
        '(измени|смени)л(ся|ась|ись|ось)', 'опечатк', 'перепутан', 'ошибк\\S* в (написании|фамили|имени|дате|номер)', 'устар',
        'чуж(ой|ого) номер', 'записан\\S* (как|неверно|с ошибк)', '(фамили|номер|адрес|почт|им)\\S* (теперь|сейчас)',
        'нов(ый|ую|ое|ая) (\\S+ )?(номер|адрес|почт|телефон|фамили|email)',
        'дұрыс (емес|жазылма)', 'жаңа (\\S+ )?(нөмір|мекенжай|пошта|тег|телефон)',
        'out of date', 'outdated', 'swapped', 'belongs to someone else',
        '(surname|name|number|address|email) is now', 'now (\\S+ )?(surname|name|number|address|email) is',
        '(have|got) a new (\\S+ )?(address|number|phone|e - mail|email|surname|name)',
      ],
      negatable: true,
      weak: true,
    },
    // "басқа платформаға ауыстырамын" moves elsewhere (portability)
    {
      patterns: ['ауыстыр(?!ма)'],
      negatable: true,
      unless: 'басқа (\\S+ )?(платформа|сервис|мектеп|жүйе|провайдер|топ)|мектеп(ті|ке)|топ(қа|ты|тан)',
    },
  ],
  exclusion: NOT_PERSONAL_DATA,
  // The data named in this sentence, or in the one before when that one is not about course
  // material ("В уроке 4 опечатка. Исправьте." names no data of the person).
  requirement: `(${PERSONAL_DATA})(?!.*${BREAK})|^(?!.*(?<![\\p{L}\\p{N}])(${NOT_PERSONAL_DATA})).*?(?<![\\p{L}\\p{N}])(${PERSONAL_DATA})`,
  fuzzy: ['исправь', 'обнови', 'поменяй', 'смените', 'измените', 'correct', 'update', 'replace'],
};
