import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './service.js';

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** dist/ comes from `npm ci` (prepare); one missing or older than src/ is built again here. */
export function ensureBuilt(): void {
  let builtMs = 0;
  try {
    builtMs = statSync(path.join(repoRoot, 'dist', 'cli.js')).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (builtMs > newestSourceMs(path.join(repoRoot, 'src'))) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}
