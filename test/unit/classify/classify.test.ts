import { describe, expect, it } from 'vitest';
import { RIGHTS } from '../../../src/domain.js';
import { loadClassifier } from '../../../src/classify/index.js';

const SUBJECT = 'Запрос на управление данными';
const classify = (text: string, subject = SUBJECT) => loadClassifier().classify({ subject, text });

describe('classify, end to end', () => {
  it('Russian: erasure and consent withdrawal in one letter, rights in canonical order', () => {
    const c = classify('Здравствуйте! Больше не присылайте рекламные письма и удалите мой аккаунт.\n\nС уважением,\nИрина');
    expect(c).toMatchObject({ rights: ['erasure', 'consent_withdrawal'], language: 'ru', translit: false, isRequest: true });
  });

  it('Russian in Latin letters', () => {
    expect(classify('Zdravstvuyte, proshu udalit moy akkaunt i vse dannye. Spasibo.')).toMatchObject({
      rights: ['erasure'],
      language: 'ru',
      translit: true,
    });
  });

  it('Kazakh: access', () => {
    expect(classify('Сәлеметсіз бе! Менің қандай дербес деректерім сақталғанын білгім келеді. Рахмет.')).toMatchObject({
      rights: ['access'],
      language: 'kk',
      isRequest: true,
    });
  });

  it('Kazakh: rectification and restriction', () => {
    const c = classify('Туған күнім қате жазылған, 03.02.1994 деп түзетіңіз. Түзеткенше деректерімді уақытша пайдаланбаңыз.');
    expect(c).toMatchObject({ rights: ['rectification', 'restriction'], language: 'kk' });
  });

  it('English: portability with a CSV export', () => {
    expect(classify('Hello, I am moving to another school. Please send me my grades and certificates as a CSV file. Thanks, Mark')).toMatchObject({
      rights: ['portability'],
      language: 'en',
    });
  });

  it('reads only the new text, not the quoted mail under it', () => {
    const text = 'Прошу исправить мою дату рождения на 12.03.1990.\n\nпт, 12 янв. 2024 г. в 14:03, Mexrontal <help@example.com>:\n> Чтобы удалить аккаунт, ответьте на это письмо.';
    expect(classify(text).rights).toEqual(['rectification']);
  });

  it('reads a forwarded earlier request under a forwarding note', () => {
    const text =
      'Пересылаю, так как первое письмо ушло не на тот адрес.\n\n---------- Forwarded message ---------\nОт: Ирина <irina@example.com>\nТема: Запрос на управление данными\n\nПрошу выслать копию моих персональных данных.';
    expect(classify(text)).toMatchObject({ isRequest: true, rights: ['access'] });
  });

  it('does not read a forwarded advert as a request', () => {
    const text = 'Подскажите, где расписание вебинаров?\n\n-------- Пересылаемое сообщение --------\nСкидка 50% на курсы! Чтобы отписаться, нажмите здесь.';
    expect(classify(text)).toMatchObject({ isRequest: false, rights: [] });
  });

  it('uses a telling subject when the body is short', () => {
    expect(classify('Спасибо.', 'Удаление аккаунта').isRequest).toBe(false);
    expect(classify('Сделайте это, пожалуйста.', 'Удалите мой аккаунт').rights).toEqual(['erasure']);
  });

  it('gives a confidence for all six rights and an overall score between 0 and 1', () => {
    const c = classify('Please delete my account.');
    expect(Object.keys(c.confidence).sort()).toEqual([...RIGHTS].sort());
    for (const value of Object.values(c.confidence)) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of Object.values(c.confidence)) expect(value).toBeLessThanOrEqual(1);
    expect(c.score).toBeGreaterThan(0.5);
    expect(c.score).toBeLessThanOrEqual(1);
  });

  it('loads the shipped model once and shares it', () => {
    expect(loadClassifier()).toBe(loadClassifier());
  });
});
