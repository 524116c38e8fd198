import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './service.js';

/** dist/ comes from `npm ci` (prepare); a checkout that has not built it yet builds it once here. */
export function ensureBuilt(): void {
  if (existsSync(path.join(repoRoot, 'dist', 'cli.js'))) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
}
