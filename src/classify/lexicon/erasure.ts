// The words for erasure: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';
import { MAILING } from './shared.js';

export const erasure: RightLexicon = {
  right: 'erasure',
  words: [
    `(уд[ао]л|убер|исключ)(?!\\S*( \\S+){0,6} (из|от) (\\S+ )?${MAILING})`, 'стере', 'стир', 'сотр(и|ите)', 'уничтож', 'ликвидир', 'избав',
    'закро(йте|ите)', 'закрыть (\\S+ )?(аккаунт|учет|профил)', 'забуд', 'безвозвратно',
    'жой', 'жою', 'өшір', `(?<!${MAILING}\\S* (\\S+ )?)алып таста(?!\\S*( \\S+){0,2} ${MAILING})`, 'жабыңыз', 'тазала',
    'delet', 'eras(e|ure|ing)', `remov(?!\\S*( \\S+){0,3} from (\\S+ ){0,2}${MAILING})`, 'wipe', 'destroy',
    'get rid of', 'close (and delete )?(my|the) account', 'forget me', 'permanently',
  ],
  exclusion:
    'автопродл|auto-renew|автомат\\S* ұзарт|ұзартылу',
  fuzzy: ['удалит', 'удалени', 'уничтож', 'delete'],
};
