// How well the lexicon alone finds each right in the TRAINING split (development only; never reads
// the held-out split):
//   npx tsx scripts/lexicon-coverage.ts [--right R] [--show miss|extra] [--language ru|kk|en]
// A miss is a letter asking for R in which no word of R (and no cue of R) was found: the
// classifier cannot give it R. An extra is a letter not asking for R in which a word of R was found:
// the model must then overrule the lexicon.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CUE_NAMES, CUE_RIGHT } from '../src/classify/cues.js';
import { parseDataset, TRAIN_DATA_URL } from '../src/classify/dataset.js';
import { messageFeatures } from '../src/classify/features.js';
import { RIGHTS, type Right } from '../src/domain.js';

const { values } = parseArgs({ options: { right: { type: 'string' }, show: { type: 'string' }, language: { type: 'string' } } });
const rows = parseDataset(readFileSync(TRAIN_DATA_URL, 'utf8'), 'train.jsonl').filter(
  (m) => values.language === undefined || m.language === values.language,
);
const stats = Object.fromEntries(RIGHTS.map((r) => [r, { letters: 0, miss: 0, extra: 0 }])) as Record<Right, { letters: number; miss: number; extra: number }>;
const shown = new Set<string>();
for (const m of rows) {
  const { cues } = messageFeatures({ subject: m.subject ?? '', text: m.text });
  for (const r of RIGHTS) {
    const found = cues.mentions[r].positive > 0 || CUE_NAMES.some((n) => cues.flags[n] && CUE_RIGHT[n] === r);
    const asked = m.isRequest && m.rights.includes(r);
    const kind = asked && !found ? 'miss' : !asked && found ? 'extra' : null;
    if (asked) stats[r].letters++;
    if (kind === null) continue;
    stats[r][kind]++;
    const line = `${kind} ${m.language} [${m.rights.join(',')}]${m.isRequest ? '' : ' no-request'} :: ${m.text.replace(/\n/g, ' ¶ ').slice(0, 400)}`;
    if (values.right === r && values.show === kind && !shown.has(line)) {
      shown.add(line);
      console.log(line);
    }
  }
}
for (const r of RIGHTS) console.log(JSON.stringify({ right: r, ...stats[r] }));
