import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `npm run bench [name ...]`: runs every scripts/bench/<name>.ts (or the named ones) one after the
// other and prints each figure as one JSON line, `{"bench":"<name>", ...figure}`, so results can
// be compared between runs with jq. Each module exports `run(): Promise<Array<Record<string, unknown>>>`.

type BenchModule = { run?: () => Promise<Array<Record<string, unknown>>> };

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = new Set(process.argv.slice(2));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.size === 0 || wanted.has(n))
  .sort();

const unknown = [...wanted].filter((w) => !names.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${readdirSync(dir).map((f) => f.replace(/\.ts$/, '')).join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const name of names) {
  const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as BenchModule;
  if (typeof mod.run !== 'function') {
    console.error(`scripts/bench/${name}.ts exports no run() function`);
    failed = true;
    continue;
  }
  try {
    for (const figure of await mod.run()) console.log(JSON.stringify({ bench: name, ...figure }));
  } catch (err) {
    console.error(`benchmark ${name} failed:`, err);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
