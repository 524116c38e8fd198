// The variables scripts/services.sh exports for the throwaway servers. A test that needs a server
// and finds its variable missing fails with this message: a silent skip would hide a broken harness.

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: this test needs the throwaway PostgreSQL/Dovecot that \`npm test\` starts. ` +
        'Run `npm test` (one file: `npm test -- test/integration/x.test.ts`), or start them by hand: ' +
        'd=$(mktemp -d) && bash scripts/services.sh start "$d" && . "$d/env" (stop: bash scripts/services.sh stop "$d").',
    );
  }
  return value;
}
