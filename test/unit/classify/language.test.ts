import { describe, expect, it } from 'vitest';
import { detectLanguage, isForeign } from '../../../src/classify/index.js';

describe('detectLanguage', () => {
  it('recognises Russian', () => {
    expect(detectLanguage('Здравствуйте! Прошу удалить мой аккаунт и все мои данные.')).toEqual({ language: 'ru', translit: false });
  });

  it('recognises Kazakh by its letters', () => {
    expect(detectLanguage('Сәлеметсіз бе! Аккаунтымды жоюыңызды сұраймын. Рахмет.')).toEqual({ language: 'kk', translit: false });
  });

  it('recognises Kazakh typed without Kazakh letters', () => {
    expect(detectLanguage('Салеметсиз бе! Деректеримди жойыныз, отинемин. Рахмет.').language).toBe('kk');
  });

  it('keeps a Russian letter Russian when it names a Kazakh person', () => {
    expect(detectLanguage('Меня зовут Әсел Жұмабаева. Прошу прислать копию моих данных.').language).toBe('ru');
  });

  it('recognises English', () => {
    expect(detectLanguage('Hello, please delete my account and all my data. Thanks!')).toEqual({ language: 'en', translit: false });
  });

  it('recognises Russian typed in Latin letters as translit', () => {
    expect(detectLanguage('Zdravstvuyte, proshu udalit moy akkaunt i vse moi dannye. Spasibo.')).toEqual({ language: 'ru', translit: true });
  });

  it('falls back to Russian for text without words', () => {
    expect(detectLanguage('')).toEqual({ language: 'ru', translit: false });
    expect(detectLanguage('+7 701 123 45 67')).toEqual({ language: 'ru', translit: false });
  });

  it('tells Latin-script text in a language we do not read from English and translit', () => {
    const german =
      'Sehr geehrte Damen und Herren, leider konnte ich mich gestern nicht anmelden, weil die Seite ständig einen Fehler zeigte. ' +
      'Halt, dachte ich, vielleicht liegt es am Browser, aber auch mit einem anderen Gerät blieb das Problem bestehen. ' +
      'Können Sie bitte nachsehen, woran es liegt? Mit freundlichen Grüßen, Lena Beispiel';
    expect(isForeign(german)).toBe(true);
    expect(isForeign('Hello, I would like to know what personal data you hold about me and who you share it with. '.repeat(3))).toBe(false);
    expect(isForeign('Zdravstvuyte! Proshu udalit moy akkaunt i vse moi dannye, ya bolshe ne polzuyus platformoy. '.repeat(3))).toBe(false);
    // Too short to tell: a few words of anything are read as they are.
    expect(isForeign('Halt die Verarbeitung bitte.')).toBe(false);
  });
});
