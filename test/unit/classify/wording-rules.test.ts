// The wording rules added after the first held-out measurement, each on letters written for the
// test (not taken from any data split).
import { describe, expect, it } from 'vitest';
import { findCues } from '../../../src/classify/cues.js';
import { loadClassifier } from '../../../src/classify/index.js';
import { prepare } from '../../../src/classify/prepare.js';
import { latinToCyrillic } from '../../../src/classify/translit.js';

const classify = (text: string, subject = 'Запрос на управление данными') => loadClassifier().classify({ subject, text });
const cuesOf = (text: string) => findCues(prepare({ subject: '', text }));

describe('a description of what is wrong or new', () => {
  it('is no correction when the letter asks for another right', () => {
    expect(classify('Мне кажется, сведения о моей работе у вас неточные и неверные. Пока разбираетесь, не используйте их.').rights).toEqual([
      'restriction',
    ]);
    expect(classify('I got a new phone number last month. Please delete the old one from your records.', 'Personal data request').rights).toEqual([
      'erasure',
    ]);
  });

  it('is a correction when nothing else is asked, or when it gives the new value', () => {
    expect(classify('В профиле указан неверный адрес электронной почты.').rights).toEqual(['rectification']);
    expect(cuesOf('Жаңа поштам: dana.k@example.org. Ескі нөмірімді өшіріңіз.').mentions.rectification.positive).toBeGreaterThan(0);
  });
});

describe('conditions', () => {
  it('an ultimatum demands the deletion now', () => {
    expect(classify('Если вы не удалите мой профиль до конца месяца, напишу жалобу в уполномоченный орган.').rights).toEqual(['erasure']);
  });

  it('a fallback asks for both', () => {
    expect(classify('If deleting my account is not possible, at least take me off the newsletter.', 'Personal data request').rights).toEqual([
      'erasure',
      'consent_withdrawal',
    ]);
  });
});

describe('questions about the process', () => {
  it('asking how long a request takes asks for nothing', () => {
    expect(classify('Подскажите, сколько времени занимает рассмотрение запроса на удаление аккаунта?')).toMatchObject({ rights: [] });
    expect(cuesOf('How long does a deletion request usually take?').mentions.erasure.positive).toBe(0);
  });

  it('asking whether one could do it oneself asks for nothing', () => {
    expect(cuesOf('Смогу ли я потом удалить аккаунт сам, без вашей помощи?').mentions.erasure.positive).toBe(0);
  });
});

describe('clauses and words', () => {
  it('an exclusion speaks for its own clause: grades to export do not cancel a name to correct', () => {
    expect(classify('Поправьте в профиле моё отчество и после этого выгрузите мои оценки в CSV для новой школы.').rights).toEqual([
      'rectification',
      'portability',
    ]);
  });

  it('Kazakh "не" is "what", not "not"', () => {
    expect(cuesOf('Мен туралы базада не сақталғанын көргім келеді.').mentions.access.negated).toBe(0);
  });

  it('"не прошу" after the verb refuses it', () => {
    expect(classify('Стирать мой аккаунт не прошу. Прошу только приостановить обработку данных, пока идёт проверка.').rights).toEqual([
      'restriction',
    ]);
  });

  it('translit "-tsya" is "-тся"', () => {
    expect(latinToCyrillic('trebuetsya')).toBe('требуется');
    expect(latinToCyrillic('nravitsja')).toBe('нравится');
  });

  it('a parent naming a child\'s age is no erasure cue; a child signing up without consent is', () => {
    expect(cuesOf('My son is 15, is there a summer course for teenagers?').flags.child).toBe(false);
    expect(cuesOf('Моя дочь сама зарегистрировалась у вас, ей 12 лет.').flags.child).toBe(true);
  });
});

describe('long letters', () => {
  it('reads the first 64 KB: a request followed by a megabyte of pasted log is still understood', () => {
    const log = 'ERROR 500 at /api/lessons/42 request failed retry scheduled\n'.repeat(20_000);
    const c = classify(`Удалите, пожалуйста, мой аккаунт и все мои данные.\n\nНиже лог ошибки из приложения:\n${log}`);
    expect(c).toMatchObject({ rights: ['erasure'], isRequest: true });
  });
});
