// Part of `npm run build`: tsc emits only code, so the data files that src/ reads next to itself
// (the classifier model, the working-day calendar) are copied into dist/ at the same place.
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['classify/data']);

function copyJson(dir) {
  for (const entry of readdirSync(path.join('src', dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(rel)) copyJson(rel);
    } else if (entry.name.endsWith('.json')) {
      cpSync(path.join('src', rel), path.join('dist', rel));
    }
  }
}

copyJson('');
