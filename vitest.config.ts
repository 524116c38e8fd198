import { BaseSequencer, type TestSpecification } from 'vitest/node';
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

// The files that wait longest (child processes, outages, sweeps), longest first. A fresh clone has
// no timing cache, so vitest would start them in name order and a long one starting last would
// hold the whole run; started first, they overlap with everything else. Order only: any file
// missing here still runs, after these.
const SLOW_FIRST = [
  'cli',
  'crash-points',
  'two-services',
  'cli-while-running',
  'database-restart-backlog',
  'ticket-extend',
  'database-restart',
  'crash-local',
  'crash-imap',
  'staff-e2e',
  'peer-corpus',
  'full-disk',
  'hostile-corpus',
  'imap-restart',
  'browser-board',
].map((name) => `test/integration/${name}.test.ts`);

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the base order (group order, projects) holds within a rank.
    return sorted.sort((a, b) => a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder || rank(a) - rank(b));
  }
}

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
    sequence: { sequencer: SlowFirstSequencer },
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
