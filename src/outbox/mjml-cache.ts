import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// MJML's output for a template depends only on its source, MJML's version and our options, and
// loading MJML and compiling the 24 pages costs a command ~0.7 s before it does anything. So the
// HTML is kept in node_modules/.cache under the hash of all three, and MJML is loaded only when a
// page is not there. The cache is an optimisation only: when it cannot be read or written, the
// page is compiled as before.

const require = createRequire(import.meta.url);
export const MJML_CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/privacy-desk-mjml');

let mjmlVersion: string | undefined;
function version(): string {
  mjmlVersion ??= (JSON.parse(readFileSync(require.resolve('mjml/package.json'), 'utf8')) as { version: string }).version;
  return mjmlVersion;
}

/** The HTML of an MJML page: from the cache when this source was compiled before, else `compile`. */
export async function cachedMjml(source: string, options: object, compile: () => Promise<string>, dir: string = MJML_CACHE_DIR): Promise<string> {
  const key = createHash('sha256').update(`${version()}\n${JSON.stringify(options)}\n${source}`).digest('hex');
  const file = path.join(dir, `${key}.html`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not compiled yet (or unreadable): compile below.
  }
  const html = await compile();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Written whole under another name, then renamed: a reader never sees half a page.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, html, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // A read-only install: every start compiles, as it did before the cache.
  }
  return html;
}
