// The words for portability: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

// A file, a table or a format is about portability only when the person's data goes into it: "where
// do I download the certificate as a PDF" asks for nothing.
const FILE_WORDS = ['таблиц', 'формат', 'фаил', 'файл', 'архив', 'archive', '(?<!on )files?(?![\\p{L}])'];
const DATA_OBJECT =
  'данн|даные|дерек|мәлімет|истори|тарих|прогресс|оценк|баға|результат|нәтиже|статистик|профил|анкет|информаци|ақпарат|сведени|все|всё|барлық|' +
  'экспорт|в[ыи]груз|перен|друг|басқа|data|history|progress|records|grades|results|information|profile|statistics|everything|export|another|other';

export const portability: RightLexicon = {
  right: 'portability',
  words: [
    'в[ыи]груз', 'экспорт', 'машиночитаем', 'json', 'csv', 'xml', 'excel', 'йсон', 'джсон', 'цсв', 'ксмл', 'экскел',
    'нов\\S* (систем|платформ|сервис|школ)', 'перен(ес|ос)', 'перевож', 'переход', 'переезжа', 'ухож(у)? (на|в) друг', 'импорт', 'архив',
    'переносимост', 'забрать',
    'друг(ой|ую|ому|ие|им) (\\S+ )?(сервис|платформ|школ|систем|оператор|провайдер)',
    'басқа (\\S+ )?(платформа|сервис|мектеп|жүйе|провайдер|оператор)', 'көшу үшін', 'көшіру', 'ауысу', 'ауысып жатыр', 'ауысамын',
    'тасымалда', 'жүктеп ал', 'в электронном виде', 'электронды түрде', 'electronic form',
    'export', 'machine( - | |-)?read', 'spreadsheet', 'portab', 'transfer', 'migrat', 'move (\\S+ ){0,2}(to|elsewhere)',
    'moving to', 'switch(ing)? (to another|providers)', '(another|different|other|new) (\\S+ )?(service|platform|school|provider)',
    'import', 'take (\\S+ ){0,2}with me', 'leaving for',
  ],
  guarded: [{ patterns: FILE_WORDS, negatable: true, requires: DATA_OBJECT }],
  exclusion:
    'к курсу|курсқа|to the course|другого человека|another person|подар|gift|не загружа|не открыва|слишком больш|too (big|large)|won\\S* upload|жүктелмей',
  fuzzy: ['выгруз', 'экспорт', 'машиночит'],
};
