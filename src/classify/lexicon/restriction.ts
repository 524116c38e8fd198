// The words for restriction: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

export const restriction: RightLexicon = {
  right: 'restriction',
  words: [
    'огранич', 'приостанов', 'замороз', 'заморож', 'заблокир', 'блокир', 'пауз', 'временно', 'на время', 'придерж',
    'пока (\\S+ ){0,3}(идет|не |длится|провер|разбира|рассматр|спор|выясня|решаю|оспарива|за границ)',
    'до (выяснения|окончания|решения|тех пор|завершения|конца)', 'оспарива', 'кроме хранения',
    'не (используйте|обрабатывайте|передавайте|использовать|обрабатывать)(?!( \\S+){0,4} (для|в) (реклам|маркетинг))',
    'шекте', 'тоқтат\\S* тұр', 'уақытша', 'бұғатта', 'кідірт', '\\S+(ганша|генше|канша|кенше)(?![\\p{L}])',
    'restrict', 'paus', 'suspend', 'freez', 'on hold', 'block', 'limit (the )?(use|processing)', 'temporar', 'until',
    'while (my|the|this|it|its|i) ', 'pending', 'for the time being', 'for that time', 'dispute',
    "(?<!i )(don't|do not) (use|process)(?!( \\S+){0,4} (for|in) (advertis|marketing|ads))", 'apart from storage',
    'rather than delet',
  ],
  refusals: [
    '(?<!(жарнама|маркетинг)\\S* (\\S+ )?)(пайдаланба|қолданбаңыз|қолданбау|өңдеме)'
  ],
  fuzzy: ['огранич', 'приостанов', 'restrict', 'suspend'],
};
