import { describe, expect, it } from 'vitest';
import { findCues, refusedRights } from '../../../src/classify/cues.js';
import { loadClassifier } from '../../../src/classify/index.js';
import { prepare } from '../../../src/classify/prepare.js';

const SUBJECT = 'Запрос на управление данными';
const classify = (text: string) => loadClassifier().classify({ subject: SUBJECT, text });
const cuesOf = (text: string) => findCues(prepare({ subject: '', text }));

describe('negation: a refused right is not asked for', () => {
  it('"не удаляйте аккаунт, только исправьте" is rectification only', () => {
    expect(refusedRights(cuesOf('Не удаляйте аккаунт, только исправьте фамилию.'))).toEqual(['erasure']);
    expect(classify('Не удаляйте аккаунт, только исправьте фамилию на Сейткалиеву.').rights).toEqual(['rectification']);
  });

  it('Kazakh "жоймаңыз" refuses erasure', () => {
    expect(classify('Аккаунтымды жоймаңыз, тек телефон нөмірімді түзетіңізші: +7 701 111 22 33.').rights).toEqual(['rectification']);
  });

  it('"don\'t delete" refuses erasure', () => {
    expect(classify("Please don't delete my account, just fix my date of birth: it should be 04.05.1992.").rights).toEqual([
      'rectification',
    ]);
  });

  it('"no need to send a copy" refuses access while erasure stays', () => {
    expect(classify('Копию данных присылать не нужно, просто сотрите всё, что у вас есть.').rights).toEqual(['erasure']);
  });

  it('a negated verb takes its object with it: "рассылку не отключайте"', () => {
    expect(classify('Рассылку не отключайте, она мне нужна. Обновите только номер телефона: +7 702 333 44 55.').rights).toEqual([
      'rectification',
    ]);
  });

  it('"не удаляйте аккаунт, удалите только телефон" is still erasure', () => {
    expect(classify('Не удаляйте аккаунт целиком, удалите только мой номер телефона.').rights).toEqual(['erasure']);
  });
});

describe('conditionals', () => {
  it('a right named only inside "если ..." is not asked for', () => {
    const text = 'Если вы удалите мой аккаунт, я потеряю все сертификаты. Поэтому просто отпишите меня от рассылки.';
    expect(cuesOf(text).mentions.erasure).toEqual({ positive: 0, negated: 0, hypothetical: 1 });
    expect(classify(text).rights).toEqual(['consent_withdrawal']);
  });

  it('a threat after a condition is not a request', () => {
    const text = 'If you keep sending me promotions I will demand that you erase everything. For now just unsubscribe me.';
    expect(classify(text).rights).toEqual(['consent_withdrawal']);
  });

  it('a fallback after "if that is not possible" is asked for', () => {
    expect(classify('Прошу исправить мою фамилию. Если это невозможно, удалите аккаунт.').rights).toEqual(['rectification', 'erasure']);
  });

  it('polite "буду благодарна, если" is a request, not a condition', () => {
    expect(classify('Буду благодарна, если вы удалите мою учётную запись.').rights).toEqual(['erasure']);
  });
});

describe('named cues', () => {
  it('a parent about a child\'s data -> erasure (ru, en, kk)', () => {
    expect(cuesOf('Моему сыну 11 лет, он сам зарегистрировался у вас, разрешения я не давала.').flags.child).toBe(true);
    expect(classify('Здравствуйте. Моему сыну 11 лет, он сам зарегистрировался у вас, разрешения я не давала.').rights).toEqual([
      'erasure',
    ]);
    expect(classify('Hi, my daughter is 12 and created an account on your site without my permission.').rights).toEqual(['erasure']);
    expect(classify('Балам 10 жаста, менің рұқсатымсыз тіркеліп қойыпты.').rights).toEqual(['erasure']);
  });

  it('stop the marketing mail -> consent_withdrawal', () => {
    expect(cuesOf('Перестаньте слать мне рекламу на почту.').flags.stopMarketing).toBe(true);
    expect(classify('Перестаньте слать мне рекламу на почту, пожалуйста.').rights).toEqual(['consent_withdrawal']);
    expect(classify('Stop the promotional emails, please.').rights).toEqual(['consent_withdrawal']);
    expect(classify('Маған жарнама хаттарын жіберуді тоқтатыңыз.').rights).toEqual(['consent_withdrawal']);
  });

  it('an export to move to another service -> portability', () => {
    expect(cuesOf('Я ухожу в другую онлайн-школу и хочу перенести туда свои оценки.').flags.moveElsewhere).toBe(true);
    expect(classify('Я ухожу в другую онлайн-школу и хочу перенести туда свои оценки и сертификаты.').rights).toEqual(['portability']);
    expect(classify("I'm switching to another learning platform; please export my progress so I can import it there.").rights).toEqual([
      'portability',
    ]);
  });

  it('"what do you know about me" -> access', () => {
    expect(cuesOf('What do you know about me?').flags.whatDoYouKnow).toBe(true);
    expect(classify('Что вы обо мне знаете?').rights).toEqual(['access']);
    expect(classify('What do you know about me?').rights).toEqual(['access']);
    expect(classify('Сіздер мен туралы не білесіздер?').rights).toEqual(['access']);
  });

  it('"pause while I dispute" -> restriction', () => {
    expect(cuesOf('Пока я оспариваю списание, приостановите обработку.').flags.pauseWhileDispute).toBe(true);
    expect(classify('Пока я оспариваю списание, приостановите обработку моих данных.').rights).toEqual(['restriction']);
    expect(classify('Please pause the processing of my data while I dispute the charge with my bank.').rights).toEqual(['restriction']);
  });
});

describe('not a request', () => {
  it('a price question under the request subject', () => {
    expect(classify('Сколько стоит курс «Аналитик данных»?')).toMatchObject({ isRequest: false, rights: [] });
    expect(classify('How much does the Python course cost?')).toMatchObject({ isRequest: false, rights: [] });
  });

  it('an empty body, or only a signature or a quote', () => {
    expect(classify('')).toMatchObject({ isRequest: false, rights: [] });
    expect(classify('\n-- \nИван Петров')).toMatchObject({ isRequest: false, rights: [] });
    expect(classify('> Чтобы удалить аккаунт, ответьте на это письмо.')).toMatchObject({ isRequest: false, rights: [] });
  });

  it('"change my password" is no rectification', () => {
    expect(classify('How do I change my password?')).toMatchObject({ isRequest: false, rights: [] });
  });
});
