import { openDatabaseFor } from '../app.js';
import { cliConfig } from './runtime.js';
import { session } from './session.js';
import { out, parse, type Command } from './io.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the database migrations in drizzle/ (also done at every start)',
  usage: 'cli migrate',
  async run(argv) {
    parse(argv, {}, 'cli migrate');
    const running = session();
    if (running) {
      // The service migrated when it started and holds the embedded database: nothing to do.
      out(`Database is up to date: the running service (process ${running.servicePid}) applied the migrations when it started.`);
      return 0;
    }
    const config = cliConfig();
    const database = await openDatabaseFor(config);
    await database.close();
    out(`Database is up to date (${config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded, ${config.database.dir}`}).`);
    return 0;
  },
};
