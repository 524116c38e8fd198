// Evaluation figures for a set of gold messages and the classifier's answers: per-right precision,
// recall and F1, macro-F1, exact-set accuracy, isRequest and language accuracy, and which right is
// mistaken for which.
import { RIGHTS, type Language, type Right } from '../domain.js';

export interface Outcome {
  gold: { rights: Right[]; isRequest: boolean; language: Language; translit: boolean };
  predicted: { rights: Right[]; isRequest: boolean; language: Language; translit: boolean };
}

export interface RightFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Metrics {
  messages: number;
  perRight: Record<Right, RightFigures>;
  macroF1: number;
  exactSet: number;
  isRequestAccuracy: number;
  languageAccuracy: number;
  translitAccuracy: number;
  /** "gold -> predicted": a gold right missed while another was predicted; "-" stands for none. */
  confusions: Record<string, number>;
}

export function computeMetrics(outcomes: Outcome[]): Metrics {
  const perRight = {} as Record<Right, RightFigures>;
  for (const right of RIGHTS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { gold, predicted } of outcomes) {
      const g = gold.rights.includes(right);
      const p = predicted.rights.includes(right);
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perRight[right] = { precision, recall, f1, support: tp + fn, tp, fp, fn };
  }
  const n = outcomes.length;
  const share = (f: (o: Outcome) => boolean): number => (n === 0 ? 0 : outcomes.filter(f).length / n);
  return {
    messages: n,
    perRight,
    macroF1: RIGHTS.reduce((sum, r) => sum + perRight[r].f1, 0) / RIGHTS.length,
    exactSet: share((o) => sameSet(o.gold.rights, o.predicted.rights)),
    isRequestAccuracy: share((o) => o.gold.isRequest === o.predicted.isRequest),
    languageAccuracy: share((o) => o.gold.language === o.predicted.language),
    translitAccuracy: share((o) => o.gold.translit === o.predicted.translit),
    confusions: confusions(outcomes),
  };
}

function sameSet(a: Right[], b: Right[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

function confusions(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const { gold, predicted } of outcomes) {
    const missed = gold.rights.filter((r) => !predicted.rights.includes(r));
    const extra = predicted.rights.filter((r) => !gold.rights.includes(r));
    for (const m of missed) {
      if (extra.length === 0) add(`${m} -> -`);
      for (const e of extra) add(`${m} -> ${e}`);
    }
    if (missed.length === 0) for (const e of extra) add(`- -> ${e}`);
  }
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** The figures as a text table. */
export function formatMetrics(m: Metrics, title: string): string {
  const pct = (x: number): string => x.toFixed(3);
  const lines = [
    `${title}: ${m.messages} messages`,
    '',
    'right                precision  recall  f1     support  tp   fp   fn',
    ...RIGHTS.map((r) => {
      const f = m.perRight[r];
      return `${r.padEnd(20)} ${pct(f.precision).padEnd(10)} ${pct(f.recall).padEnd(7)} ${pct(f.f1).padEnd(6)} ${String(f.support).padEnd(8)} ${String(f.tp).padEnd(4)} ${String(f.fp).padEnd(4)} ${f.fn}`;
    }),
    '',
    `macro-F1            ${pct(m.macroF1)}`,
    `exact-set accuracy  ${pct(m.exactSet)}`,
    `isRequest accuracy  ${pct(m.isRequestAccuracy)}`,
    `language accuracy   ${pct(m.languageAccuracy)}`,
    `translit accuracy   ${pct(m.translitAccuracy)}`,
    '',
    'confusions (gold -> predicted; "-" = none):',
    ...(Object.keys(m.confusions).length === 0
      ? ['  none']
      : Object.entries(m.confusions).map(([k, v]) => `  ${k.padEnd(42)} ${v}`)),
  ];
  return lines.join('\n');
}
