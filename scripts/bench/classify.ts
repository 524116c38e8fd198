// Rights classifier speed: how long the shipped model takes to load, and how long one message
// takes once it is loaded (targets: load < 1 s, < 2 ms per message). Run by scripts/bench.ts, or
// alone: npx tsx scripts/bench/classify.ts
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ModelJson } from '../../src/classify/model.js';

type Figure = Record<string, unknown>;

const WARM_UP = 50;
const ROUNDS = 3;

export async function run(): Promise<Figure[]> {
  let started = performance.now();
  // First import in this process pulls in natural's stemmers and classifiers.
  const { MODEL_URL } = await import('../../src/classify/index.js');
  const { createClassifier } = await import('../../src/classify/classifier.js');
  const { HELDOUT_DATA_URL, TRAIN_DATA_URL, parseDataset } = await import('../../src/classify/dataset.js');
  const importMs = performance.now() - started;

  // What loadClassifier() does on its first call: read the JSON, parse it, restore the classifiers.
  started = performance.now();
  const classifier = createClassifier(JSON.parse(readFileSync(MODEL_URL, 'utf8')) as ModelJson);
  const loadMs = performance.now() - started;

  const messages = [
    ...parseDataset(readFileSync(TRAIN_DATA_URL, 'utf8'), 'train.jsonl'),
    ...parseDataset(readFileSync(HELDOUT_DATA_URL, 'utf8'), 'heldout.jsonl'),
  ].map((m) => ({ subject: m.subject ?? '', text: m.text }));
  for (const m of messages.slice(0, WARM_UP)) classifier.classify(m);

  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of messages) {
      const t = performance.now();
      classifier.classify(m);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);

  // One long letter without punctuation, every sentence-scoped rule running over one huge
  // "sentence": time must grow with the text, not with its square.
  const long = (size: number): number => {
    const words = ['исправьте', 'мои', 'данные', 'пока', 'запрос', 'удалите', 'новый', 'номер', 'delete', 'my', 'data', 'until', 'and'];
    let text = '';
    for (let i = 0; text.length < size; i++) text += `${words[(i * 7) % words.length]} `;
    const t = performance.now();
    classifier.classify({ subject: '', text });
    return performance.now() - t;
  };
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  const round3 = (x: number): number => Number(x.toFixed(3));
  return [
    { bench: 'classify', metric: 'module_import_ms', value: round3(importMs) },
    { bench: 'classify', metric: 'model_load_ms', value: round3(loadMs) },
    { bench: 'classify', metric: 'ms_per_message', value: round3(mean), messages: times.length },
    { bench: 'classify', metric: 'ms_per_message_p95', value: round3(times[Math.floor(times.length * 0.95)] ?? 0) },
    { bench: 'classify', metric: 'ms_per_message_max', value: round3(times[times.length - 1] ?? 0) },
    { bench: 'classify', metric: 'ms_long_letter', value: round3(long(80_000)), chars: 80_000 },
    { bench: 'classify', metric: 'ms_long_letter', value: round3(long(400_000)), chars: 400_000 },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const figure of await run()) console.log(JSON.stringify(figure));
}
