// `npm run check:regex`: checks every regular expression in src/ with recheck (minutes) and
// rewrites test/fixtures/regex-checked.json, the record that lets the test check only new or
// changed patterns. Exits 1 and names each vulnerable pattern; those are recorded as such, so the
// test fails until they are fixed.
import { writeFileSync } from 'node:fs';
import { CHECKED_FILE, checkPatterns, distinct, patternKey, runtimePatterns, sourcePatterns, type Verdict } from '../test/helpers/regex-scan.js';

const { literals } = sourcePatterns();
const patterns = distinct([...literals, ...runtimePatterns()]);
const record: Record<string, Verdict> = {};
let vulnerable = 0;
await checkPatterns(patterns, (p, verdict, summary) => {
  record[patternKey(p)] = verdict;
  if (verdict === 'vulnerable') {
    vulnerable++;
    process.stderr.write(`vulnerable: ${p.where} /${p.source}/${p.flags}: ${summary}\n`);
  }
});
const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(CHECKED_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
process.stdout.write(`${JSON.stringify({ patterns: patterns.length, vulnerable, unknown: Object.values(record).filter((v) => v === 'unknown').length })}\n`);
process.exit(vulnerable > 0 ? 1 : 0);
