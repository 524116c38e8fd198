// Test-only fault injection: the kill-9 tests (test/integration/crash-points.test.ts) stop the
// service at one exact step instead of a random moment. Armed only when PD_TEST_FAULTS=1 and
// PD_TEST_CRASH_AT names a point; otherwise every call is a no-op. Read once, when the module
// loads, so a running service cannot be armed later.

export const CRASH_POINTS = [
  /** The store transaction committed: the raw message is stored, not yet processed. */
  'after-store',
  /** The act transaction committed: the ticket and its outbox rows exist, nothing sent. */
  'after-ticket',
  /** The SMTP server accepted a mail; the outbox row still says `sending`. */
  'before-mark-sent',
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export type Env = Record<string, string | undefined>;

/** The armed point, or null: both variables are needed, and an unknown point arms nothing. */
export function armedCrashPoint(env: Env): CrashPoint | null {
  if (env.PD_TEST_FAULTS !== '1') return null;
  const at = env.PD_TEST_CRASH_AT?.trim();
  return (CRASH_POINTS as readonly string[]).includes(at ?? '') ? (at as CrashPoint) : null;
}

/** Builds the hook; `kill` is replaceable so the unit test can see it called without dying. */
export function createCrashPoint(env: Env, kill: () => void = () => process.kill(process.pid, 'SIGKILL')): (point: CrashPoint) => void {
  const armed = armedCrashPoint(env);
  if (armed === null) return () => undefined;
  return (point) => {
    // SIGKILL, like `kill -9`: no handler, no finally block, no flushed buffer runs.
    if (point === armed) kill();
  };
}

const armed = armedCrashPoint(process.env);

/** The service's hook: dies here when this is the armed point. */
export const crashPoint = createCrashPoint(process.env);

/** For the start-up log line: an armed service must never pass unnoticed. */
export function armedCrashPointAtStart(): CrashPoint | null {
  return armed;
}
