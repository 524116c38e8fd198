import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure code, fast, no services. `integration`: real PostgreSQL, PGlite and
// Dovecot, started by scripts/test.sh (npm test), which exports PD_TEST_* variables. The
// integration globalSetup migrates the template database pd_template once per run; each test
// file clones it (test/helpers/db.ts), so files share no state and may run in parallel.
export default defineConfig({
  test: {
    teardownTimeout: 30_000,
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
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          // Real servers: reconnects and IDLE round trips take seconds, not milliseconds.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
