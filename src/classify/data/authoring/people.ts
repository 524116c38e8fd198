// Invented people and example domains for the {slots} in the pools. No real person's data.
import type { Language } from '../../../domain.js';
import type { Random } from './random.js';

interface Person {
  first: string;
  last: string;
  latin: string; // "Aigerim Nurlanova", for addresses and Latin spellings
}

const PEOPLE: Record<Language, Person[]> = {
  ru: [
    ['Анна', 'Смирнова', 'anna smirnova'], ['Игорь', 'Ковалев', 'igor kovalev'], ['Мария', 'Белова', 'maria belova'],
    ['Дмитрий', 'Орлов', 'dmitry orlov'], ['Елена', 'Кузнецова', 'elena kuznetsova'], ['Сергей', 'Павлов', 'sergey pavlov'],
    ['Ольга', 'Морозова', 'olga morozova'], ['Артем', 'Волков', 'artem volkov'], ['Наталья', 'Соколова', 'natalya sokolova'],
    ['Павел', 'Лебедев', 'pavel lebedev'], ['Юлия', 'Новикова', 'yulia novikova'], ['Андрей', 'Федоров', 'andrey fedorov'],
    ['Виктория', 'Попова', 'viktoria popova'], ['Константин', 'Егоров', 'konstantin egorov'], ['Татьяна', 'Зайцева', 'tatiana zaytseva'],
    ['Руслан', 'Ахметов', 'ruslan akhmetov'], ['Алия', 'Исмаилова', 'aliya ismailova'], ['Тимур', 'Каримов', 'timur karimov'],
  ].map(toPerson),
  kk: [
    ['Айгерим', 'Нұрланова', 'aigerim nurlanova'], ['Данияр', 'Сейтқали', 'daniyar seitkali'], ['Ержан', 'Әбенов', 'yerzhan abenov'],
    ['Әсел', 'Жұмабаева', 'assel zhumabayeva'], ['Нұрлан', 'Төлеуов', 'nurlan toleuov'], ['Дана', 'Қасымова', 'dana kassymova'],
    ['Арман', 'Бекқожа', 'arman bekkozha'], ['Гүлнар', 'Сапарова', 'gulnar saparova'], ['Бауыржан', 'Омаров', 'bauyrzhan omarov'],
    ['Жанар', 'Ахметова', 'zhanar akhmetova'], ['Ерлан', 'Мұқанов', 'yerlan mukanov'], ['Мадина', 'Серікқызы', 'madina serikkyzy'],
    ['Асқар', 'Ибраев', 'askar ibrayev'], ['Сәуле', 'Байжанова', 'saule baizhanova'], ['Нұрсұлтан', 'Жақсылықов', 'nursultan zhaksylykov'],
    ['Аружан', 'Есенова', 'aruzhan yessenova'], ['Қайрат', 'Сұлтанов', 'kairat sultanov'], ['Ләззат', 'Дәулетова', 'lazzat dauletova'],
  ].map(toPerson),
  en: [
    ['Emily', 'Carter', 'emily carter'], ['James', 'Walker', 'james walker'], ['Sophie', 'Turner', 'sophie turner'],
    ['Daniel', 'Brooks', 'daniel brooks'], ['Olivia', 'Hughes', 'olivia hughes'], ['Michael', 'Reed', 'michael reed'],
    ['Hannah', 'Price', 'hannah price'], ['Lucas', 'Bennett', 'lucas bennett'], ['Chloe', 'Morgan', 'chloe morgan'],
    ['Ryan', 'Foster', 'ryan foster'], ['Grace', 'Mitchell', 'grace mitchell'], ['Nathan', 'Cole', 'nathan cole'],
    ['Aigerim', 'Nurlanova', 'aigerim nurlanova'], ['Daniyar', 'Seitkali', 'daniyar seitkali'], ['Assel', 'Zhumabayeva', 'assel zhumabayeva'],
    ['Timur', 'Karimov', 'timur karimov'], ['Dana', 'Kassymova', 'dana kassymova'], ['Arman', 'Bekkozha', 'arman bekkozha'],
  ].map(toPerson),
};

function toPerson([first, last, latin]: string[]): Person {
  return { first: first ?? '', last: last ?? '', latin: latin ?? '' };
}

const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'edu.example.org'];

const COURSES: Record<Language, string[]> = {
  ru: ['«Основы Python»', '«Аналитик данных»', '«Английский для IT»', '«Веб-дизайн с нуля»', '«SMM-специалист»', '«Подготовка к ЕНТ: математика»', '«1С: Бухгалтерия»'],
  kk: ['«Python негіздері»', '«ҰБТ-ға дайындық: математика»', '«Веб-дизайн нөлден»', '«Ағылшын тілі IT үшін»', '«Деректер талдаушысы»', '«SMM маманы»'],
  en: ['"Python Basics"', '"Data Analyst"', '"IELTS Preparation"', '"UX Design from Scratch"', '"English for IT"', '"SMM Specialist"'],
};

const SCHOOLS = ['Nomad Academy', 'Bilimpaz Online', 'Qadam School', 'StepUp Learning', 'Steppe Code School'];

const NEW_SURNAMES: Record<Language, string[]> = {
  ru: ['Иванова', 'Ким', 'Жукова', 'Тарасова', 'Нестерова', 'Абдрахманова'],
  kk: ['Қалиева', 'Сейітова', 'Бекова', 'Нұрғалиева', 'Әлиева'],
  en: ['Harper', 'Lewis', 'Kim', 'Sadykova', 'Evans'],
};

export type Fill = Record<string, string>;

/** Values for every slot of one letter: one invented person, consistent within the letter. */
export function fillFor(language: Language, rnd: Random): Fill {
  const person = rnd.pick(PEOPLE[language]);
  const other = rnd.pick(PEOPLE[language]);
  const [latinFirst = 'user', latinLast = 'name'] = person.latin.split(' ');
  const user = rnd.pick([
    `${latinFirst}.${latinLast}`, `${latinFirst}${rnd.int(90) + 10}`, `${latinFirst[0]}.${latinLast}`,
    `${latinLast}_${latinFirst}`, `${latinFirst}${latinLast[0]}${rnd.int(9000) + 1000}`,
  ]);
  const phone = rnd.pick([
    `+7 7${rnd.int(10)}${rnd.int(10)} ${100 + rnd.int(900)} ${10 + rnd.int(90)} ${10 + rnd.int(90)}`,
    `8 (70${rnd.int(10)}) ${100 + rnd.int(900)}-${10 + rnd.int(90)}-${10 + rnd.int(90)}`,
    `+7 (77${rnd.int(10)}) ${100 + rnd.int(900)} ${1000 + rnd.int(9000)}`,
  ]);
  const day = 1 + rnd.int(28);
  const month = 1 + rnd.int(12);
  return {
    name: `${person.first} ${person.last}`,
    first: person.first,
    first2: other.first === person.first ? 'Alex' : other.first,
    newname: rnd.pick(NEW_SURNAMES[language]),
    latinname: person.latin.replace(/\b\w/g, (c) => c.toUpperCase()),
    email: `${user}@${rnd.pick(DOMAINS)}`,
    email2: `${latinFirst}.${rnd.pick(['new', 'work', 'home', String(rnd.int(99))])}@${rnd.pick(DOMAINS)}`,
    phone,
    date: `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${1970 + rnd.int(36)}`,
    course: rnd.pick(COURSES[language]),
    school: rnd.pick(SCHOOLS),
    age: String(9 + rnd.int(7)),
    year: String(2018 + rnd.int(7)),
  };
}

export function fill(text: string, values: Fill): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
