import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { NEGATED_VERB } from '../../src/classify/kazakh-stemmer.js';
import { COMPILED, EXCLUSIONS, REQUIREMENTS } from '../../src/classify/lexicon.js';

// Every regular expression in src/ goes through recheck, a ReDoS checker: one pattern that
// backtracks super-linearly on a crafted line holds the CPU for as long as the line is long
// (issue 12: a closing formula followed by 300,000 spaces froze the service for 36 s).
// Literals are read from the source; patterns built at run time are taken from the modules that
// build them, and a `new RegExp` anywhere else fails the test until it is added here.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

interface Pattern {
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
const DYNAMIC_SITES = new Set(['classify/lexicon.ts', 'classify/kazakh-stemmer.ts']);

function sourcePatterns(): { literals: Pattern[]; unknownDynamic: string[] } {
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

function runtimePatterns(): Pattern[] {
  const out: Pattern[] = [{ where: 'classify/kazakh-stemmer.ts NEGATED_VERB', source: NEGATED_VERB.source, flags: NEGATED_VERB.flags }];
  for (const e of COMPILED) {
    for (const re of [e.regex, e.unlessRegex, e.requiresRegex]) {
      if (re) out.push({ where: `classify/lexicon ${e.right}: ${e.pattern.slice(0, 40)}`, source: re.source, flags: re.flags });
    }
  }
  for (const [right, re] of [...Object.entries(EXCLUSIONS), ...Object.entries(REQUIREMENTS)]) {
    if (re) out.push({ where: `classify/lexicon ${right} (combined)`, source: re.source, flags: re.flags });
  }
  return out;
}

/** One check per distinct pattern: the lexicon repeats shared ones. */
function distinct(patterns: Pattern[]): Pattern[] {
  const seen = new Map<string, Pattern>();
  for (const p of patterns) if (!seen.has(`${p.flags}/${p.source}`)) seen.set(`${p.flags}/${p.source}`, p);
  return [...seen.values()];
}

describe('regular expressions in src/', () => {
  const { literals, unknownDynamic } = sourcePatterns();

  it('are all known to the scan (a pattern built at run time is added to runtimePatterns)', () => {
    expect(literals.length).toBeGreaterThan(50);
    expect(unknownDynamic).toEqual([]);
  });

  it('none is vulnerable to catastrophic backtracking (recheck)', async () => {
    const patterns = distinct([...literals, ...runtimePatterns()]);
    const vulnerable: string[] = [];
    let undecided = 0;
    // A few at a time. A pattern recheck cannot decide within the time (its fuzzer found no
    // attack by then) passes; most of those are lexicon patterns with lookarounds, which run on
    // the classifier's cue text, at most 64 KB.
    for (let i = 0; i < patterns.length; i += 8) {
      const batch = patterns.slice(i, i + 8);
      const results = await Promise.all(batch.map((p) => check(p.source, p.flags, { timeout: 2_000 })));
      results.forEach((r, j) => {
        const p = batch[j]!;
        if (r.status === 'vulnerable') vulnerable.push(`${p.where} /${p.source}/${p.flags}: ${r.complexity.summary}`);
        if (r.status === 'unknown') undecided++;
      });
    }
    expect(vulnerable).toEqual([]);
    expect(undecided).toBeLessThan(patterns.length / 2);
  }, 900_000);
});
