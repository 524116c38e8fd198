#!/usr/bin/env bash
# `npm test`: start throwaway PostgreSQL and Dovecot (installing them when missing), run the whole
# vitest suite against them, stop them and remove their files, exit with vitest's status.
# Extra arguments go to vitest:  npm test -- test/integration/imap.test.ts
#                                npm test -- --project unit
set -euo pipefail
cd "$(dirname "$0")/.."

services_dir=$(mktemp -d "${TMPDIR:-/tmp}/pd-test.XXXXXX")
cleanup() {
  local rc=$?
  bash scripts/services.sh stop "$services_dir" || echo "[test] could not stop services in $services_dir" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash scripts/services.sh start "$services_dir"
# shellcheck source=/dev/null
. "$services_dir/env"
# Temp files of the tests (data dirs, browser profiles) live in the services dir and go with it.
mkdir -p "$services_dir/tmp" && chmod 1777 "$services_dir/tmp"
export TMPDIR="$services_dir/tmp"

set +e
npx vitest run "$@"
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
  # The logs go with the temp dir, so show their ends now: a failing test may be a server problem.
  for log in "$services_dir/pg/postgres.log" "$services_dir/dovecot/dovecot.log"; do
    echo "[test] --- last lines of ${log#"$services_dir"/} ---" >&2
    tail -n 15 "$log" >&2 2>/dev/null || true
  done
  echo "[test] vitest exited with $rc" >&2
fi
exit "$rc"
