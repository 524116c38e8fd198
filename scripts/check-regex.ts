// `npm run check:regex`: checks every regular expression in src/ with recheck (minutes) and
// rewrites test/fixtures/regex-checked.json, the record that lets the test check only new or
// changed patterns. `npm run check:regex -- --new` keeps the verdicts on record and checks only
// the patterns missing from it (seconds); both drop entries of patterns no longer in src/.
// Exits 1 and names each vulnerable pattern; those are recorded as such, so the test fails until
// they are fixed.
import { writeFileSync } from 'node:fs';
import { CHECKED_FILE, checkPatterns, distinct, patternKey, readChecked, runtimePatterns, sourcePatterns, type Verdict } from '../test/helpers/regex-scan.js';

const onlyNew = process.argv.includes('--new');
const { literals } = sourcePatterns();
const patterns = distinct([...literals, ...runtimePatterns()]);
const previous = readChecked();
const record: Record<string, Verdict> = {};
const toCheck = onlyNew ? patterns.filter((p) => !(patternKey(p) in previous)) : patterns;
if (onlyNew) for (const p of patterns) if (patternKey(p) in previous) record[patternKey(p)] = previous[patternKey(p)]!;
await checkPatterns(toCheck, (p, verdict, summary) => {
  record[patternKey(p)] = verdict;
  if (verdict === 'vulnerable') process.stderr.write(`vulnerable: ${p.where} /${p.source}/${p.flags}: ${summary}\n`);
});
const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(CHECKED_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
const count = (v: Verdict): number => Object.values(record).filter((x) => x === v).length;
process.stdout.write(`${JSON.stringify({ patterns: patterns.length, checked: toCheck.length, safe: count('safe'), bounded: count('bounded'), unknown: count('unknown'), vulnerable: count('vulnerable') })}\n`);
process.exit(count('vulnerable') > 0 ? 1 : 0);
