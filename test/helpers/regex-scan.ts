import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { check } from 'recheck';
import ts from 'typescript';
import { NEGATED_VERB } from '../../src/classify/kazakh-stemmer.js';
import { COMPILED, EXCLUSIONS, REQUIREMENTS } from '../../src/classify/lexicon.js';
import { looseTwin } from '../../src/classify/pattern.js';

// Finds every regular expression in src/ and checks it with recheck, a ReDoS checker: one pattern that
// backtracks super-linearly on a crafted line holds the CPU for as long as the line is long
// (issue 12: a closing formula followed by 300,000 spaces froze the service for 36 s).
// Literals are read from the source; patterns built at run time are taken from the modules that
// build them, and a `new RegExp` anywhere else fails the test until it is added here.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
export const CHECKED_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/regex-checked.json');

export interface Pattern {
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Files whose `new RegExp(...)` calls are covered by the runtime patterns below. */
const DYNAMIC_SITES = new Set(['classify/pattern.ts', 'classify/kazakh-stemmer.ts']);

export function sourcePatterns(): { literals: Pattern[]; unknownDynamic: string[] } {
  const literals: Pattern[] = [];
  const unknownDynamic: string[] = [];
  for (const file of tsFiles(SRC)) {
    const rel = path.relative(SRC, file);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const where = `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        literals.push({ where, source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && !DYNAMIC_SITES.has(rel)) {
        unknownDynamic.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, unknownDynamic };
}

/** The patterns and the looser twin each keeps (classify/pattern.ts), which runs first. */
function withTwins(list: Array<RegExp | undefined>): RegExp[] {
  return list.flatMap((re) => (re ? [re, looseTwin(re)].filter((r): r is RegExp => r !== undefined) : []));
}

export function runtimePatterns(): Pattern[] {
  const out: Pattern[] = [{ where: 'classify/kazakh-stemmer.ts NEGATED_VERB', source: NEGATED_VERB.source, flags: NEGATED_VERB.flags }];
  for (const e of COMPILED) {
    for (const re of withTwins([e.regex, e.unlessRegex, e.requiresRegex])) {
      out.push({ where: `classify/lexicon ${e.right}: ${e.pattern.slice(0, 40)}`, source: re.source, flags: re.flags });
    }
  }
  for (const [right, re] of [...Object.entries(EXCLUSIONS), ...Object.entries(REQUIREMENTS)]) {
    for (const r of withTwins([re])) out.push({ where: `classify/lexicon ${right} (combined)`, source: r.source, flags: r.flags });
  }
  return out;
}

/** One check per distinct pattern: the lexicon repeats shared ones. */
export function distinct(patterns: Pattern[]): Pattern[] {
  const seen = new Map<string, Pattern>();
  for (const p of patterns) if (!seen.has(`${p.flags}/${p.source}`)) seen.set(`${p.flags}/${p.source}`, p);
  return [...seen.values()];
}

/** A pattern's identity in the record of checked patterns: any change to it means a new check. */
export function patternKey(p: Pattern): string {
  return createHash('sha256').update(`${p.flags}/${p.source}`).digest('hex').slice(0, 24);
}

/**
 * `bounded`: recheck's fuzzer saw the matching time grow faster than the input, but every repeat in
 * the pattern has an upper bound (`\S{0,40}`, `{0,3}`), so each start position costs at most a
 * constant and the whole match is linear: the fuzzer's short strings only show that constant.
 */
export type Verdict = 'safe' | 'bounded' | 'unknown' | 'vulnerable';

/** Pure: true when the pattern has no `*`, `+` or `{n,}` outside a character class. */
export function onlyBoundedRepeats(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      // `\p{L}`, `\u{1F600}`: the braces belong to the escape, not to a repeat.
      if ('pPu'.includes(source[i + 1] ?? '') && source[i + 2] === '{') i = source.indexOf('}', i);
      else i++;
      if (i < 0) return false;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') inClass = true;
    else if (ch === '*' || ch === '+') return false;
    else if (ch === '{' && /^\{\d*,\}/.test(source.slice(i, i + 12))) return false;
  }
  return true;
}

/**
 * recheck on each pattern, a few at a time; `unknown` means its fuzzer found no attack in time.
 * The seed is fixed so that a run gives the same verdicts as the record was made with.
 */
export async function checkPatterns(patterns: Pattern[], onResult: (p: Pattern, verdict: Verdict, summary: string) => void): Promise<void> {
  for (let i = 0; i < patterns.length; i += 8) {
    const batch = patterns.slice(i, i + 8);
    const results = await Promise.all(batch.map((p) => check(p.source, p.flags, { timeout: 2_000, randomSeed: 20_261_203 })));
    results.forEach((r, j) => {
      const p = batch[j]!;
      let verdict: Verdict = r.status === 'vulnerable' ? 'vulnerable' : r.status === 'safe' ? 'safe' : 'unknown';
      if (verdict === 'vulnerable' && r.checker === 'fuzz' && onlyBoundedRepeats(p.source)) verdict = 'bounded';
      onResult(p, verdict, r.status === 'vulnerable' ? r.complexity.summary : '');
    });
  }
}

/** The record of patterns already checked (written by `npm run check:regex`). */
export function readChecked(): Record<string, Verdict> {
  try {
    return JSON.parse(readFileSync(CHECKED_FILE, 'utf8')) as Record<string, Verdict>;
  } catch {
    return {};
  }
}
