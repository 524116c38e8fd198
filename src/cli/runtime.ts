import { loadConfig, loadDotEnv, type Config } from '../config.js';
import { openApp, type App } from '../app.js';
import { createLogger } from '../log.js';
import { session } from './session.js';

// Commands other than `start` log to stderr (warnings and up) so that stdout stays data.

export function cliConfig(): Config {
  const s = session();
  if (s) return s.app.ctx.config;
  loadDotEnv();
  return loadConfig();
}

/** Runs fn with the app: inside the service its own, else one opened (and closed) for the command. */
export async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const s = session();
  if (s) return fn(s.app);
  const config = cliConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 2);
  const app = await openApp(config, log);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
