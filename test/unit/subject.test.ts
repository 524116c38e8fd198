import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractTicketNumber, matchesRequestSubject, normalizeSubject } from '../../src/mail/subject.js';
import { parseMail } from '../../src/mail/parse.js';
import { encodedWords } from '../../scripts/fixtures/mail-lib.js';

// The defaults from the configuration (issue 2 point 2 and 5).
const SUBJECTS = ['Запрос на управление данными', 'Деректерді басқаруға сұрау', 'Data management request'] as const;
const fixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mail');

describe('normalizeSubject', () => {
  it.each<[string, string]>([
    ['Запрос на управление данными', 'запрос на управление данными'],
    ['  ЗАПРОС   НА\tУПРАВЛЕНИЕ  ДАННЫМИ  ', 'запрос на управление данными'],
    ['«Запрос на управление данными»', 'запрос на управление данными'],
    ['"Запрос на управление данными"', 'запрос на управление данными'],
    ['Re: Запрос на управление данными', 'запрос на управление данными'],
    ['Fwd: Запрос на управление данными', 'запрос на управление данными'],
    ['FW: Запрос на управление данными', 'запрос на управление данными'],
    ['Отв: Запрос на управление данными', 'запрос на управление данными'],
    ['Пер: Запрос на управление данными', 'запрос на управление данными'],
    ['AW: Data management request', 'data management request'],
    ['[Mexrontal] Запрос на управление данными', 'запрос на управление данными'],
    ['RE: Fwd: [EXT] «Запрос на управление данными»', 'запрос на управление данными'],
    ['Учётная запись', 'учетная запись'],
    ['ЁЛКА', 'елка'],
  ])('turns %j into %j', (input, output) => {
    expect(normalizeSubject(input)).toBe(output);
  });

  it('is idempotent', () => {
    const once = normalizeSubject('Re: [tag] «Запрос  на управление данными»');
    expect(normalizeSubject(once)).toBe(once);
  });
});

// Each row: subject, whether it is a request, why.
const table: Array<[string, boolean, string]> = [
  // The exact forms.
  ['Запрос на управление данными', true, 'exact Russian form'],
  ['Деректерді басқаруға сұрау', true, 'exact Kazakh form'],
  ['Data management request', true, 'exact English form'],
  // Case.
  ['запрос на управление данными', true, 'lower case'],
  ['ЗАПРОС НА УПРАВЛЕНИЕ ДАННЫМИ', true, 'upper case'],
  ['зАпРоС нА уПрАвЛеНиЕ дАнНыМи', true, 'mixed case'],
  ['Зaпрос нa упрaвление дaнными', true, 'Latin a typed inside the Russian words (mixed keyboard layouts)'],
  ['D\u0430t\u0430 m\u0430n\u0430gement request', true, 'Cyrillic а typed inside the English words'],
  ['Зaпрос на оплату', false, 'a mixed-layout word does not make other mail a request'],
  ['деректерді басқаруға сұрау', true, 'Kazakh lower case'],
  ['ДЕРЕКТЕРДІ БАСҚАРУҒА СҰРАУ', true, 'Kazakh upper case'],
  ['DATA MANAGEMENT REQUEST', true, 'English upper case'],
  ['data management request', true, 'English lower case'],
  // Spaces.
  ['  Запрос   на  управление данными  ', true, 'extra spaces everywhere'],
  ['Запрос\tна управление\tданными', true, 'tabs between words'],
  ['Запрос\u00a0на\u00a0управление данными', true, 'no-break spaces (Outlook)'],
  // Quotes.
  ['«Запрос на управление данными»', true, 'guillemets'],
  ['"Запрос на управление данными"', true, 'straight double quotes'],
  ['“Запрос на управление данными”', true, 'English typographic quotes'],
  ['„Запрос на управление данными“', true, 'German-style typographic quotes used in Russian'],
  ["'Data management request'", true, 'single quotes'],
  ['« Запрос на управление данными »', true, 'guillemets with inner spaces'],
  // Reply and forward prefixes.
  ['Re: Запрос на управление данными', true, 'Re:'],
  ['RE: Запрос на управление данными', true, 'RE:'],
  ['re: Запрос на управление данными', true, 're: in lower case'],
  ['Re:Запрос на управление данными', true, 'Re: with no space after it'],
  ['Fwd: Запрос на управление данными', true, 'Fwd:'],
  ['FWD: Запрос на управление данными', true, 'FWD:'],
  ['FW: Запрос на управление данными', true, 'FW: (Outlook)'],
  ['Fw: Запрос на управление данными', true, 'Fw:'],
  ['Отв: Запрос на управление данными', true, 'Отв: (Russian Outlook reply)'],
  ['Пер: Запрос на управление данными', true, 'Пер: (Russian Outlook forward)'],
  ['AW: Data management request', true, 'AW: (German reply)'],
  ['Re: Re: Fwd: Запрос на управление данными', true, 'a chain of prefixes'],
  ['Re[2]: Запрос на управление данными', true, 'Re[2]: (The Bat!, mail.ru style reply counter)'],
  ['Re: деректерді басқаруға сұрау', true, 'Kazakh form with Re:'],
  ['Fwd: data management request', true, 'English form with Fwd:'],
  // Tags.
  ['[Mexrontal] Запрос на управление данными', true, '[tag] prefix'],
  ['[EXT] Re: Запрос на управление данными', true, '[tag] then Re:'],
  ['Re: [EXTERNAL] Fwd: Запрос на управление данными', true, 'Re:, [tag], Fwd:'],
  ['RE: Fwd: [EXT] «Запрос на управление данными»', true, 'prefixes, tag and quotes together'],
  // Trailing words and punctuation.
  ['Запрос на управление данными — срочно', true, 'trailing "— срочно"'],
  ['Запрос на управление данными - срочно!', true, 'trailing "- срочно!"'],
  ['Запрос на управление данными: удаление аккаунта', true, 'trailing colon and the right asked for'],
  ['Запрос на управление данными (Петров И.)', true, 'trailing name in parentheses'],
  ['Запрос на управление данными.', true, 'trailing full stop'],
  ['Data management request - urgent', true, 'English with trailing word'],
  ['Деректерді басқаруға сұрау – шұғыл', true, 'Kazakh with trailing word'],
  // Typos of one or two letters.
  ['Запрс на управление данными', true, 'one letter missing'],
  ['Запрос на управлене данными', true, 'one letter missing in the second word'],
  ['Запрос на управление данным', true, 'one letter missing at the end'],
  ['Зарпос на управление данными', true, 'two letters swapped'],
  ['Запрос на упрвление даными', true, 'two letters missing in two words'],
  ['Запрос на управленние данными', true, 'one letter doubled'],
  ['Зaпрос на управление данными', true, 'one Latin look-alike letter (a)'],
  ['Деректерді басқаруға сурау', true, 'Kazakh ұ typed as у'],
  ['Деректерди баскаруга сурау', true, 'Kazakh typed on a Russian keyboard (і, қ, ғ, ұ → и, к, г, у)'],
  ['Data managment request', true, 'English one letter missing'],
  ['Data managemnet request', true, 'English two letters swapped'],
  // Russian typed in Latin letters.
  ['Zapros na upravlenie dannymi', true, 'transliteration'],
  ['zapros na upravlenie dannymi', true, 'transliteration, lower case'],
  ['ZAPROS NA UPRAVLENIE DANNYMI', true, 'transliteration, upper case'],
  ['Zapros na upravlenie dannimi', true, 'transliteration with i for ы'],
  ['Zapros na upravleniye dannymi', true, 'transliteration with ye'],
  ['Re: Zapros na upravlenie dannymi', true, 'transliteration with Re:'],
  // Words put inside the phrase (issue 13): whose data, which data.
  ['Запрос на управление моими персональными данными', true, 'possessive and adjective before «данными»'],
  ['Запрос на управление персональными данными', true, 'an adjective before «данными»'],
  ['Запрос на управление личными данными', true, 'another adjective before «данными»'],
  ['Запрос на управление моими данными', true, 'a possessive before «данными»'],
  ['Запрос на управление своими личными данными', true, 'two words before «данными»'],
  ['Re: Запрос на управление моими персональными данными — срочно', true, 'inserted words with a prefix and trailing words'],
  ['Запрос на управление моими персональными даными', true, 'inserted words and a typo in the noun'],
  ['Срочный запрос на управление данными', true, 'an adjective before the first word'],
  ['Zapros na upravlenie moimi personalnymi dannymi', true, 'inserted words, transliterated'],
  ['Жеке деректерді басқаруға сұрау', true, 'Kazakh «жеке» (personal) before the phrase'],
  ['Менің дербес деректерді басқаруға сұрау', true, 'Kazakh «менің дербес» before the phrase'],
  ['Personal data management request', true, 'English adjective before the phrase'],
  ['My personal data management request', true, 'English possessive and adjective before the phrase'],
  // A pasted label in front (issue 13).
  ['Тема: Запрос на управление данными', true, '«Тема:» copied with the subject'],
  ['Тема:Запрос на управление данными', true, '«Тема:» with no space after it'],
  ['ТЕМА: «Запрос на управление данными»', true, '«ТЕМА:» and guillemets'],
  ['Тема письма: Запрос на управление данными', true, '«Тема письма:»'],
  ['Subject: Запрос на управление данными', true, '"Subject:" from an English form'],
  ['Subject: Data management request', true, '"Subject:" with the English form'],
  ['Re: Тема: Запрос на управление персональными данными', true, 'Re:, a label and an adjective together'],
  ['Тақырып: Деректерді басқаруға сұрау', true, 'Kazakh «Тақырып:» label'],
  // Not requests: other things to manage, other words inside, labels over ordinary mail.
  ['Запрос на управление подпиской', false, 'managing a subscription'],
  ['Запрос на управление доступом к аккаунту', false, 'managing account access'],
  ['Запрос на управление рассылками', false, 'managing newsletters'],
  ['Запрос на управление платными подписками и данными', false, 'an adjective, then another noun before «данными»'],
  ['Запрос на управление новыми тарифами', false, 'an adjective, then another noun in place of «данными»'],
  ['Запрос на управление и удаление данными', false, 'a conjunction and verb noun inside the phrase'],
  ['Запрос на управление моими очень важными личными данными', false, 'more than three words inside the phrase, one no modifier'],
  ['Как работает запрос на управление личными данными', false, 'a newsletter title with an adjective inside'],
  ['Тема: Не могу войти в личный кабинет', false, 'a label over a support question'],
  ['Subject: Question about my course certificate', false, 'a label over an English support question'],
  ['Тема вебинара: запрос на управление данными', false, 'a webinar\'s topic, not a pasted label'],
  ['Subject data management request', false, 'a "Subject" word without the colon of a label'],
  ['Customer portal: data management request form is broken', false, 'words before the phrase that are no modifiers'],
  // Not requests: the words inside another sentence.
  ['Как работает запрос на управление данными', false, 'the newsletter title from issue 2'],
  ['«Как работает запрос на управление данными»', false, 'the newsletter title in quotes'],
  ['Вебинар: запрос на управление данными — разбор кейсов', false, 'a webinar announcement'],
  ['Что такое запрос на управление данными?', false, 'a question about the words'],
  ['How does a data management request work?', false, 'an English sentence around the words'],
  ['Отчёт об управлении данными за квартал', false, 'a report on data management'],
  // Not requests: ordinary mail.
  ['Не могу войти в личный кабинет', false, 'support question'],
  ['Сколько стоит годовая подписка?', false, 'price question'],
  ['Вопрос по оплате', false, 'payment question'],
  ['Курс туралы сұрақ', false, 'Kazakh course question'],
  ['Question about my course certificate', false, 'English support question'],
  ['Запрос на обратный звонок', false, 'another kind of request (call back)'],
  ['Запрос на возврат средств', false, 'another kind of request (refund)'],
  ['Запрос на изменение данных', false, 'a different phrase, too far from the subject'],
  ['Запрос', false, 'one word only'],
  ['Управление данными', false, 'two words only'],
  ['Запрос на управление', false, 'the last word missing'],
  ['Data request', false, 'English, a word missing'],
  ['Zapros na vozvrat', false, 'transliterated refund request'],
  ['Re:', false, 'a bare prefix'],
  ['[DSR-2026-000042]', false, 'a bare ticket tag'],
  ['', false, 'empty subject'],
  ['   ', false, 'blank subject'],
];

describe('matchesRequestSubject', () => {
  it(`has a table of at least 60 subjects`, () => {
    expect(table.length).toBeGreaterThanOrEqual(60);
  });

  it.each(table)('%j → %s (%s)', (subject, matches) => {
    expect(matchesRequestSubject(subject, SUBJECTS)).toBe(matches);
  });

  it('treats a missing subject as no request', () => {
    expect(matchesRequestSubject(null, SUBJECTS)).toBe(false);
    expect(matchesRequestSubject(undefined, SUBJECTS)).toBe(false);
  });

  it('matches nothing when no subjects are configured', () => {
    expect(matchesRequestSubject('Запрос на управление данными', [])).toBe(false);
  });

  it('uses the configured list, not a built-in one', () => {
    const custom = ['Privacy request'];
    expect(matchesRequestSubject('Re: privacy request', custom)).toBe(true);
    expect(matchesRequestSubject('Запрос на управление данными', custom)).toBe(false);
  });

  it('folds ё in the configured subject and in the mail alike', () => {
    expect(matchesRequestSubject('Запрос на удаление учётной записи', ['Запрос на удаление учетной записи'])).toBe(true);
    expect(matchesRequestSubject('Запрос на удаление учетной записи', ['Запрос на удаление учётной записи'])).toBe(true);
  });

  it('accepts a configured subject written with quotes, prefixes or odd case', () => {
    expect(matchesRequestSubject('Запрос на управление данными', ['  «ЗАПРОС на управление данными» '])).toBe(true);
  });
});

describe('RFC 2047 subjects match once parsed', () => {
  const RU = 'Запрос на управление данными';
  const cases: Array<[string, string]> = [
    ['UTF-8 B', encodedWords(RU, 'utf-8', 'B')],
    ['UTF-8 Q', encodedWords(RU, 'utf-8', 'Q')],
    ['windows-1251 B', encodedWords(RU, 'windows-1251', 'B')],
    ['windows-1251 Q', encodedWords(RU, 'windows-1251', 'Q')],
    ['KOI8-R B', encodedWords(RU, 'koi8-r', 'B')],
    ['KOI8-R Q', encodedWords(RU, 'koi8-r', 'Q')],
    ['Kazakh UTF-8 B', encodedWords('Деректерді басқаруға сұрау', 'utf-8', 'B')],
    ['Kazakh UTF-8 Q', encodedWords('Деректерді басқаруға сұрау', 'utf-8', 'Q')],
    ['lower-case charset and encoding letter', '=?windows-1251?b?x+Dv8O7xIO3gIPPv8ODi6+Xt6OUg5ODt7fvs6A==?='],
    ['Re: then encoded words', `Re: ${encodedWords(RU, 'utf-8', 'B')}`],
    ['encoded Отв: and «» in windows-1251', encodedWords(`Отв: «${RU}»`, 'windows-1251', 'B')],
  ];

  it.each(cases)('%s: parseMail decodes it and the decoded subject matches', async (label, header) => {
    const folded = header.replace(/\n /g, '\r\n ');
    const raw = Buffer.from(`From: Test Person <test.person@example.com>\r\nTo: help@mexrontal.com\r\nSubject: ${folded}\r\nMessage-ID: <rfc2047-${label.replace(/\W+/g, '-')}@example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nПрошу удалить мои данные.\r\n`);
    const parsed = await parseMail(raw);
    expect(parsed.subject).not.toContain('=?');
    expect(matchesRequestSubject(parsed.subject, SUBJECTS)).toBe(true);
  });

  it('decodes the KOI8-R Q subject of the fixture corpus to the written words', async () => {
    const parsed = await parseMail(readFileSync(path.join(fixtureDir, 'req-ru-koi8r-q-subject.eml')));
    expect(parsed.subject).toBe(RU);
  });
});

describe('extractTicketNumber', () => {
  it.each<[string | null | undefined, string | null]>([
    ['[DSR-2026-000042] Re: Запрос на управление данными', 'DSR-2026-000042'],
    ['Re: [DSR-2026-000042] Подтвердите ваш запрос', 'DSR-2026-000042'],
    ['RE: Fwd: [DSR-2026-000042]', 'DSR-2026-000042'],
    ['Отв: [DSR-2026-000042] Ответ на ваш запрос', 'DSR-2026-000042'],
    ['[Mexrontal] Re: [DSR-2026-000042] Ответ', 'DSR-2026-000042'],
    ['Автоответ: Re: [DSR-2026-000042] Подтвердите ваш запрос', 'DSR-2026-000042'],
    ['[DSR-2025-123456] Your request', 'DSR-2025-123456'],
    ['Re: [DSR-2027-000001]', 'DSR-2027-000001'],
    ['Запрос на управление данными', null],
    ['[Mexrontal] Запрос на управление данными', null],
    ['Undelivered Mail Returned to Sender', null],
    ['Re: Ваш запрос принят', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (subject, number) => {
    expect(extractTicketNumber(subject)).toBe(number);
  });
});
