import { describe, expect, it } from 'vitest';
import { newText } from '../../../src/classify/index.js';
import { stemKazakh } from '../../../src/classify/kazakh-stemmer.js';
import { stemEnglish, stemRussian } from '../../../src/classify/natural.js';
import { fold, normalize } from '../../../src/classify/normalize.js';
import { prepare } from '../../../src/classify/prepare.js';
import { latinToCyrillic } from '../../../src/classify/translit.js';

describe('newText: quoted replies and signatures removed', () => {
  it('drops "> " quoted lines', () => {
    expect(newText('Удалите аккаунт.\n> Ваш запрос принят\n> С уважением')).toBe('Удалите аккаунт.');
  });

  it('cuts at an English "On ... wrote:" header', () => {
    const text = 'Please delete my data.\n\nOn Mon, 4 Mar 2024 at 09:15, Support <help@example.com> wrote:\nYour request to correct your name was received.';
    expect(newText(text)).toBe('Please delete my data.');
  });

  it('cuts at a header wrapped over two lines', () => {
    const text = 'Fix my surname, please.\nOn Mon, Mar 4, 2024 at 9:15 AM Mexrontal Support <\nhelp@example.com> wrote:\n> old text';
    expect(newText(text)).toBe('Fix my surname, please.');
  });

  it('cuts at an "Original Message" separator', () => {
    expect(newText('Отпишите меня.\n--- Original Message ---\nСкидки до пятницы!')).toBe('Отпишите меня.');
    expect(newText('Отпишите меня.\n-----Исходное сообщение-----\nСкидки!')).toBe('Отпишите меня.');
  });

  it('cuts at Russian and Kazakh quote headers', () => {
    expect(newText('Прошу копию данных.\n\nИван Петров писал(а):\n> удалите всё')).toBe('Прошу копию данных.');
    expect(newText('Прошу копию данных.\nпт, 12 янв. 2024 г. в 14:03, Mexrontal <help@example.com>:\n> старое')).toBe('Прошу копию данных.');
    expect(newText('Деректерімді жойыңыз.\nMexrontal <help@example.com> жазды:\n> ескі хат')).toBe('Деректерімді жойыңыз.');
  });

  it('cuts an Outlook "From: / Sent:" block', () => {
    const text = 'Please export my data.\n\nFrom: Mexrontal <news@example.com>\nSent: Friday, 12 January 2024\nSubject: Sale';
    expect(newText(text)).toBe('Please export my data.');
  });

  it('removes a signature after "-- " and mobile footers', () => {
    expect(newText('Удалите аккаунт.\n-- \nИван Петров\n+7 701 000 00 00')).toBe('Удалите аккаунт.');
    expect(newText('Delete my account.\n\nSent from my iPhone')).toBe('Delete my account.');
  });

  it('removes a closing formula and the short signature under it', () => {
    expect(newText('Прошу исправить фамилию.\n\nС уважением,\nАнна Смирнова\nменеджер')).toBe('Прошу исправить фамилию.');
    expect(newText('Please stop the newsletter.\nBest regards,\nJane')).toBe('Please stop the newsletter.');
  });

  it('keeps a letter that has no quote or signature', () => {
    expect(newText('Прошу удалить мои данные.\nИ отпишите меня от рассылки.')).toBe('Прошу удалить мои данные.\nИ отпишите меня от рассылки.');
  });
});

describe('normalisation', () => {
  it('lower-cases, turns ё into е and fixes Latin look-alikes inside Cyrillic words', () => {
    expect(normalize('Учётную ЗАПИСЬ')).toBe('учетную запись');
    expect(normalize('aккаунт')).toBe('аккаунт'); // Latin "a" typed in a Cyrillic word
  });

  it('folds Kazakh letters to the Russian letters typed instead', () => {
    expect(fold('қайырлы күн, өтінемін, әріптестер, ұлым, ғой, ң, һ')).toBe('кайырлы кун, отинемин, арипт' + 'естер, улым, гой, н, х');
  });
});

describe('stemming', () => {
  it('brings Russian imperatives and infinitives to one stem (natural PorterStemmerRu)', () => {
    expect(stemRussian('удалите')).toBe(stemRussian('удалить'));
    expect(stemRussian('исправьте')).toBe(stemRussian('исправить'));
  });

  it('stems English with the Porter stemmer', () => {
    expect(stemEnglish('deleting')).toBe(stemEnglish('deleted'));
  });
});

describe('Kazakh suffix stripper', () => {
  it('strips plural, possessive and case endings', () => {
    expect(stemKazakh('деректерімді').stem).toBe('дерек');
    expect(stemKazakh('аккаунтымды').stem).toBe('аккаунт');
    expect(stemKazakh('мәліметтерімнің').stem).toBe(fold('мәлімет'));
  });

  it('brings the forms of one verb together', () => {
    const stems = ['жойыңыз', 'жою', 'жоюды', 'жойыңызшы'].map((w) => stemKazakh(w).stem);
    expect(new Set(stems)).toEqual(new Set(['жой']));
    expect(stemKazakh('түзетіңіз').stem).toBe(stemKazakh('түзетуді').stem);
  });

  it('reports the negation hidden in a verb suffix', () => {
    expect(stemKazakh('жоймаңыз')).toEqual({ stem: 'жой', negated: true });
    expect(stemKazakh('жібермеңіз').negated).toBe(true);
    expect(stemKazakh('жойыңыз').negated).toBe(false);
  });

  it('does not read nouns ending like a negation as negated', () => {
    expect(stemKazakh('жарнаманы').negated).toBe(false);
    expect(stemKazakh('жарнамалық').stem).toBe(stemKazakh('жарнаманы').stem);
  });

  it('works the same on words typed without Kazakh letters', () => {
    expect(stemKazakh('деректеримди').stem).toBe(stemKazakh('деректерімді').stem);
  });
});

describe('translit', () => {
  it('maps romanised Russian back to Cyrillic', () => {
    const words = 'proshu udalit moi dannye i vyshlite kopiyu'.split(' ').map(latinToCyrillic);
    expect(words.join(' ')).toBe('прошу удалит мои данные и вышлите копию');
  });

  it('accepts the j-style and i-style romanisations', () => {
    expect(latinToCyrillic('kopiju')).toBe('копию');
    expect(latinToCyrillic('informatsiia')).toBe('информация');
  });

  it('reads a translit letter with Russian stems', () => {
    const latin = prepare({ subject: '', text: 'Proshu udalit moi dannye.' });
    const cyrillic = prepare({ subject: '', text: 'Прошу удалить мои данные.' });
    expect(latin.translit).toBe(true);
    expect(latin.tokens).toEqual(cyrillic.tokens);
  });
});

describe('negation and condition marks', () => {
  const marks = (text: string) =>
    prepare({ subject: '', text }).words.filter((w) => /\p{L}/u.test(w.surface)).map((w) => `${w.surface}${w.negated ? '!' : ''}${w.hypothetical ? '?' : ''}`);

  it('marks words after "не" and before "не нужно"', () => {
    expect(marks('Не удаляйте аккаунт, исправьте фамилию')).toEqual(['не', 'удаляйте!', 'аккаунт!', 'исправьте', 'фамилию']);
    expect(marks('Копию присылать не нужно')).toContain('копию!');
  });

  it('ends a negation at "только" / "just"', () => {
    expect(marks("don't delete it just fix it")).toEqual(["don't", 'delete!', 'it!', 'just', 'fix', 'it']);
  });

  it('marks the clause of an "if" as hypothetical, but not the polite "буду благодарен, если"', () => {
    expect(marks('Если вы удалите аккаунт, я уйду')).toEqual(['если?', 'вы?', 'удалите?', 'аккаунт?', 'я', 'уйду']);
    expect(marks('Буду благодарен, если вы удалите аккаунт').some((m) => m.endsWith('?'))).toBe(false);
  });

  it('stems the subject and the body, prefixing negated stems with "!"', () => {
    const { tokens } = prepare({ subject: 'Re: Удаление', text: 'Не удаляйте аккаунт' });
    expect(tokens).toEqual([stemRussian('удаление'), 'не', `!${stemRussian('удаляй')}`, `!${stemRussian('аккаунт')}`]);
  });
});
