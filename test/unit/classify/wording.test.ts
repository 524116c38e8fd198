import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../src/classify/index.js';

const classify = (text: string) => loadClassifier().classify({ subject: 'Запрос на управление данными', text });

describe('words of a right used in another sense', () => {
  it('correcting or updating course material is no rectification, nor a request', () => {
    for (const text of [
      'Исправьте, пожалуйста, ошибку в тесте модуля 4.',
      'Please correct the typo in the lesson title.',
      'Could you update me on when my certificate will be ready?',
      'The schedule shows the wrong time for the class, could you fix it?',
    ]) {
      expect(classify(text), text).toMatchObject({ rights: [], isRequest: false });
    }
  });

  it('marketing words without a stop word withdraw no consent', () => {
    for (const text of [
      'The promo code from your marketing email does not work at checkout.',
      'Мне понравилась ваша рассылка, где найти прошлые выпуски?',
    ]) {
      expect(classify(text).rights, text).toEqual([]);
    }
  });

  it('a PDF certificate or a different course is no portability', () => {
    expect(classify('Подскажите, где скачать сертификат в формате PDF?').rights).toEqual([]);
    expect(classify("I'd like to switch to a different course, is that possible?").rights).toEqual([]);
  });
});

describe('the same rights in other words', () => {
  it('a correction whose object is in the sentence before', () => {
    expect(classify('My surname is now Kim, but my account still shows the old one. Please change it.').rights).toEqual(['rectification']);
  });

  it('marketing words beside a stop word withdraw consent', () => {
    expect(classify('Я не давал согласия на рекламные письма — прошу их прекратить.').rights).toEqual(['consent_withdrawal']);
  });

  it('a rights claim naming no right is a request for triage', () => {
    expect(classify('I wish to exercise my rights regarding my personal data, please contact me.')).toMatchObject({ rights: [], isRequest: true });
  });
});
