// The words for rectification: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

export const rectification: RightLexicon = {
  right: 'rectification',
  words: [
    'исправ', 'поправ', 'измени(ть|те|ла|л)?(?![\\p{L}])', 'изменени', 'обнов', 'замен', 'поменя', 'скорректир',
    'корректир', 'смени(те|ть)', 'внес(ите|ти) (\\S+ ){0,3}(в профил|в анкет|в аккаунт|изменени)', 'актуализ', 'уточни(ть|те) (\\S+ ){0,2}(данн|сведени|фамили|им|адрес|номер|дат)', 'перевыпуст', 'неверн', 'неправильн', 'с ошибкой',
    'ошибк\\S* в (написании|фамили|имени|дате|номер)', 'опечатк', 'устар', 'актуальн\\S* (—|-|:|адрес|номер|телефон|почт|фамили)', 'перепутан', 'должн\\S* быть',
    'чуж(ой|ого) номер', 'а (правильно|надо|нужно)', 'записан\\S* (как|неверно|с ошибкой)', '(фамили|номер|адрес|почт|им)\\S* (теперь|сейчас)',
    '(surname|name|number|address|email) is now', 'now (\\S+ )?(surname|name|number|address|email) is', 'постав(ьте|ить) (\\S+ ){0,4}нов', 'нов(ый|ую|ое|ая) (\\S+ )?(номер|адрес|почт|телефон|фамили|email)',
    'стар(ый|ая|ую|ой|ое) (\\S+ )?(адрес|номер|телефон|почт|фамили|email)', 'ескі (\\S+ )?(мекенжай|нөмір|пошта|тег|телефон)',
    'old (\\S+ )?(address|number|phone|email|surname|name)', 'my new one',
    'енгіз', 'жаңа (\\S+ )?(нөмір|мекенжай|пошта|тег|телефон)',
    'put (\\S+ ){0,3}new', 'new (\\S+ )?(address|number|phone|email|surname|name) (on file|is|please)',
    'түзет', 'өзгерт', 'жаңарт', 'ауыстыр', 'дұрыста', 'қате', 'ескі', 'жаңасы', 'дұрыс (емес|жазылма)', 'дұрысы',
    'correct', 'fix', 'updat', 'chang', 'amend', 'rectif', 'replac', 'switch (it|my \\S+) to', 'reissu', 'typo',
    'misspel', 'wrong', 'incorrect', 'out of date', 'outdated', 'current one', 'inaccura', 'should be', 'swapped', 'belongs to someone else',
  ],
  exclusion:
    'пароль|парол|password|құпиясөз|тариф|plan|автопродлен|войти|log in|басқа (\\S+ )?(сервис|платформа|мектеп)|оплат|төлем|payment|billing|списан|' +
      // course material, not the person's data: "fix the error in the module 4 test", "update the webinar link"
      'тест|урок|ссылк|вебинар|домашн|задани|видео|ответ|модул|сабақ|сілтеме|тапсырма|жауап|экзамен|балл|емтихан|интерфейс|язык|тіл|календар|кесте|language|interface|calendar|start time|quiz|exam|score|lesson|link|webinar|homework|video|answer|title|key is|update me|keep me updated',
  requirement:
    'фамили|имя|имени|отчеств|дат[аеуы]|рожден|телефон|номер|почт|e-?mail|мейл|адрес|город|пол(?![\\p{L}])|иин|паспорт|данн|даные|сведени|профил|анкет|акк?аунт|кабинет|учетн|сертификат|диплом|документ|запис|контакт|латиниц|инициал|логин|' +
      'тег|аты|есім|әке|туған|нөмір|пошта|мекен|қала|дерек|мәлімет|жсн|деп(?![\\p{L}])|\\d|#(date|phone|email)|' +
      'name|surname|birth|dob|phone|number|mobile|address|details|data|profile|account|record|certificate|diploma|information|info|city|gender|contact|spell',
  fuzzy: ['исправ', 'обнови', 'поменяй', 'correct', 'update'],
};
