// Authoring tool, not part of the service: regenerates src/classify/data/{train,heldout}.jsonl.
//   npx tsx src/classify/data/authoring/write.ts
// The committed files are the data of record; the model is trained from them, not from here.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RIGHTS } from '../../../domain.js';
import { buildCorpus } from './corpus.js';
import type { Example } from './compose.js';

const dir = fileURLToPath(new URL('..', import.meta.url));
const corpus = buildCorpus();
for (const [split, rows] of Object.entries(corpus)) {
  writeFileSync(`${dir}${split}.jsonl`, rows.map((row) => JSON.stringify(row.example)).join('\n') + '\n');
}
const all: Example[] = [...corpus.train, ...corpus.heldout].map((row) => row.example);
const count = (f: (e: Example) => boolean): number => all.filter(f).length;
console.log({
  total: all.length,
  train: corpus.train.length,
  heldout: corpus.heldout.length,
  kk: count((e) => e.language === 'kk') / all.length,
  en: count((e) => e.language === 'en') / all.length,
  translit: count((e) => e.translit === true),
  multi: count((e) => e.rights.length > 1),
  nonRequests: count((e) => !e.isRequest),
  perRight: Object.fromEntries(RIGHTS.map((r) => [r, count((e) => e.rights.includes(r))])),
});
