import { defineConfig } from 'vitest/config';

// Projects. `unit`: pure code, fast, no services. `integration`: real PostgreSQL, PGlite and
// Dovecot, started by scripts/test.sh (npm test), which exports PD_TEST_* variables. The
// integration globalSetup migrates the template database pd_template once per run; each test
// file clones it (test/helpers/db.ts), so files share no state and may run in parallel.
//
// Integration files mostly wait on servers, reconnect backoffs and child processes, so more files
// run at once than the machine has cores (vitest's default is cores - 1: one file at a time on a
// two-core machine). `alone` holds the files that measure the event loop's stall: they run after
// everything else, one at a time, so that other files' work does not count against them.
const ALONE = ['test/integration/hostile-mail.test.ts'];

const integration = {
  environment: 'node' as const,
  globalSetup: ['test/helpers/global-setup.ts'],
  // Real servers: reconnects and IDLE round trips take seconds, not milliseconds.
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    teardownTimeout: 30_000,
    maxWorkers: 4,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ALONE,
          ...integration,
        },
      },
      {
        test: {
          name: 'alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          ...integration,
        },
      },
    ],
  },
});
