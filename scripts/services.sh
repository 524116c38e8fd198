#!/usr/bin/env bash
# Throwaway PostgreSQL and Dovecot for the test suite, on loopback high ports, in one temp dir.
#
#   scripts/services.sh install        install what is missing (apt-get), nothing else
#   scripts/services.sh start DIR      start both in DIR (an empty dir); writes DIR/env
#   scripts/services.sh stop DIR       stop both and remove DIR; safe on a half-started DIR
#   scripts/services.sh env DIR        print DIR/env (export lines for the tests)
#   scripts/services.sh start-pg DIR   start a PostgreSQL of its own in DIR (no Dovecot, no env):
#                                      for a test that restarts its database; `stop DIR` ends it
#   scripts/services.sh pg DIR restart|stop|start   restart (fast), stop (fast) or start it again
#                                      on the same port
#   scripts/services.sh start-dovecot DIR   a Dovecot of its own in DIR, for a test that restarts
#                                      it; `stop DIR` ends it
#   scripts/services.sh dovecot DIR stop|start   stop it, or start it again on the same port with
#                                      the same mail
#
# By hand:  d=$(mktemp -d) && scripts/services.sh start "$d" && . "$d/env" && npx vitest ...
#           scripts/services.sh stop "$d"
# Progress goes to stderr, so stdout stays clean for `env`.
set -euo pipefail

say() { printf '[services] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

IMAP_PASSWORD='pd-test-pw'
PG_PATHS=(/usr/lib/postgresql/*/bin)

# PostgreSQL's initdb/pg_ctl are not on root's PATH on Debian (they live in the versioned dir).
pg_bin() {
  local name=$1 p
  if p=$(command -v "$name" 2>/dev/null); then echo "$p"; return 0; fi
  for d in "${PG_PATHS[@]}"; do
    if [[ -x "$d/$name" ]]; then echo "$d/$name"; return 0; fi
  done
  return 1
}

chromium_bin() { command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null; }

install_missing() {
  local missing=()
  { pg_bin initdb && pg_bin pg_ctl && pg_bin postgres; } >/dev/null 2>&1 || missing+=(postgresql)
  { command -v dovecot && command -v doveadm; } >/dev/null 2>&1 || missing+=(dovecot-imapd)
  chromium_bin >/dev/null 2>&1 || missing+=(chromium)
  if [[ ${#missing[@]} -eq 0 ]]; then return 0; fi
  [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; run as root or install them: apt-get install ${missing[*]}"
  say "installing ${missing[*]} (apt-get)"
  # Package scripts would start system-wide PostgreSQL/Dovecot on their standard ports; a
  # policy-rc.d that says "no" keeps them down. Only ours is created, and only ours removed.
  local policy=/usr/sbin/policy-rc.d ours=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && ours=1
  fi
  # apt's chatter goes to a log that is shown only when it fails, to keep the test output short.
  local rc=0 log
  log=$(mktemp "${TMPDIR:-/tmp}/pd-apt.XXXXXX")
  {
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update &&
      apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
  } >"$log" 2>&1 || rc=$?
  if [[ $ours -eq 1 ]]; then rm -f "$policy"; fi
  if [[ $rc -ne 0 ]]; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    die "apt-get failed (exit $rc)"
  fi
  rm -f "$log"
  say "installed ${missing[*]}"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"
}

wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# fsync off and friends: the cluster is thrown away, speed matters more than durability.
pg_opts() { # dir port
  echo "-h 127.0.0.1 -p $2 -k $1/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
}

# Stops, starts or restarts a running test cluster in place (same port), as its owner.
control_postgres() { # dir action
  local dir=$1 action=$2 pg_ctl as=()
  pg_ctl=$(pg_bin pg_ctl) || die "PostgreSQL binaries not found"
  [[ $(id -u) -eq 0 ]] && as=(runuser -u postgres --)
  case $action in
    stop | restart) "${as[@]}" "$pg_ctl" -D "$dir/pg/data" -m fast -w -t 60 "$action" -o "$(pg_opts "$dir" "$(cat "$dir/pg/port")")" >/dev/null ;;
    start) "${as[@]}" "$pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 60 start -o "$(pg_opts "$dir" "$(cat "$dir/pg/port")")" >/dev/null ;;
    *) die "usage: services.sh pg DIR restart|stop|start" ;;
  esac
}

start_postgres() {
  local dir=$1 initdb pg_ctl port attempt
  initdb=$(pg_bin initdb) && pg_ctl=$(pg_bin pg_ctl) || die "PostgreSQL binaries not found"
  mkdir -p "$dir/pg"
  # PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root.
  local as=()
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir/pg" --shell /usr/sbin/nologin postgres
    chown postgres: "$dir/pg"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$initdb" -D "$dir/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/pg/initdb.log" 2>&1 ||
    { cat "$dir/pg/initdb.log" >&2; die "initdb failed"; }
  # Another run may take the port between our probe and the bind: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if "${as[@]}" "$pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 60 start -o "$(pg_opts "$dir" "$port")" \
      >/dev/null 2>&1; then
      echo "$port" >"$dir/pg/port"
      say "PostgreSQL on 127.0.0.1:$port (log $dir/pg/postgres.log)"
      return 0
    fi
    say "PostgreSQL did not start on port $port (attempt $attempt)"
  done
  cat "$dir/pg/postgres.log" >&2 || true
  die "PostgreSQL failed to start"
}

write_dovecot_conf() { # dir port
  local dir=$1 port=$2 d=$1/dovecot
  cat >"$d/dovecot.conf" <<EOF
# Generated by scripts/services.sh for a throwaway test server.
protocols = imap
listen = 127.0.0.1
base_dir = $d/run
state_dir = $d/state
instance_name = pd-test-$port
log_path = $d/dovecot.log
info_log_path = $d/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:$d/mail/%u
first_valid_uid = 1
mail_uid = $MAIL_USER
mail_gid = $MAIL_GROUP
mail_privileged_group =
default_internal_user = $INTERNAL_USER
default_login_user = $LOGIN_USER
# Any user name logs in with the one test password, so every test can have its own mailbox.
passdb {
  driver = static
  args = password=$IMAP_PASSWORD
}
userdb {
  driver = static
  args = uid=$MAIL_USER gid=$MAIL_GROUP home=$d/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  inet_listener http {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
EOF
}

start_dovecot() {
  local dir=$1 d=$1/dovecot port attempt
  command -v dovecot >/dev/null || die "dovecot not found"
  # Dovecot will not serve mail as root; the Debian package's users run it, else nobody.
  MAIL_USER=nobody MAIL_GROUP=nogroup INTERNAL_USER=dovecot LOGIN_USER=dovenull
  id dovecot >/dev/null 2>&1 || INTERNAL_USER=nobody
  id dovenull >/dev/null 2>&1 || LOGIN_USER=nobody
  getent group nogroup >/dev/null || MAIL_GROUP=$(id -gn nobody)
  mkdir -p "$d/run" "$d/state" "$d/mail"
  chown "$MAIL_USER:$MAIL_GROUP" "$d/mail"
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    write_dovecot_conf "$dir" "$port"
    if dovecot -c "$d/dovecot.conf" 2>>"$d/dovecot.log" && wait_port 127.0.0.1 "$port" 20; then
      echo "$port" >"$d/port"
      say "Dovecot on 127.0.0.1:$port (log $d/dovecot.log)"
      return 0
    fi
    say "Dovecot did not start on port $port (attempt $attempt)"
    stop_dovecot "$dir"
  done
  cat "$d/dovecot.log" >&2 || true
  die "Dovecot failed to start"
}

running_postgres() {
  local pid
  [[ -f $1/pg/port && -f $1/pg/data/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$1/pg/data/postmaster.pid")
  kill -0 "$pid" 2>/dev/null
}

running_dovecot() {
  local pid
  [[ -f $1/dovecot/port && -f $1/dovecot/run/master.pid ]] || return 1
  pid=$(cat "$1/dovecot/run/master.pid")
  kill -0 "$pid" 2>/dev/null
}

stop_postgres() {
  local dir=$1
  [[ -f $dir/pg/data/postmaster.pid ]] || return 0
  local pg_ctl as=()
  pg_ctl=$(pg_bin pg_ctl) || return 0
  [[ $(id -u) -eq 0 ]] && as=(runuser -u postgres --)
  "${as[@]}" "$pg_ctl" -D "$dir/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || say "pg_ctl stop failed"
}

stop_dovecot() {
  local d=$1/dovecot pid
  [[ -f $d/run/master.pid ]] || return 0
  pid=$(cat "$d/run/master.pid" 2>/dev/null || true)
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

write_env() {
  local dir=$1 pg_port imap_port
  pg_port=$(cat "$dir/pg/port") imap_port=$(cat "$dir/dovecot/port")
  cat >"$dir/env" <<EOF
export PD_SERVICES_DIR='$dir'
export PD_TEST_PG_URL='postgres://postgres@127.0.0.1:$pg_port/postgres'
export PD_TEST_IMAP_HOST='127.0.0.1'
export PD_TEST_IMAP_PORT='$imap_port'
export PD_TEST_IMAP_USERS='alice,bob,carol'
export PD_TEST_IMAP_PASSWORD='$IMAP_PASSWORD'
export PD_TEST_DOVECOT_CONF='$dir/dovecot/dovecot.conf'
export PD_TEST_DOVEADM='$(command -v doveadm)'
export PD_TEST_CHROMIUM='$(chromium_bin || true)'
EOF
}

cmd=${1:-}
case $cmd in
  install)
    install_missing
    ;;
  start)
    dir=${2:?usage: services.sh start DIR}
    [[ -d $dir ]] || die "$dir is not a directory"
    install_missing
    # The service users (postgres, dovecot's) must traverse into DIR.
    chmod 755 "$dir"
    # Idempotent: a second start on the same DIR keeps what is already running.
    if running_postgres "$dir"; then say "PostgreSQL already running in $dir"; else start_postgres "$dir"; fi
    if running_dovecot "$dir"; then say "Dovecot already running in $dir"; else start_dovecot "$dir"; fi
    write_env "$dir"
    ;;
  stop)
    dir=${2:?usage: services.sh stop DIR}
    [[ -d $dir ]] || exit 0
    stop_dovecot "$dir"
    stop_postgres "$dir"
    rm -rf "$dir"
    ;;
  start-pg)
    dir=${2:?usage: services.sh start-pg DIR}
    [[ -d $dir ]] || die "$dir is not a directory"
    install_missing
    chmod 755 "$dir"
    if running_postgres "$dir"; then say "PostgreSQL already running in $dir"; else start_postgres "$dir"; fi
    ;;
  pg)
    dir=${2:?usage: services.sh pg DIR restart|stop|start}
    control_postgres "$dir" "${3:-}"
    ;;
  start-dovecot)
    dir=${2:?usage: services.sh start-dovecot DIR}
    [[ -d $dir ]] || die "$dir is not a directory"
    install_missing
    chmod 755 "$dir"
    if running_dovecot "$dir"; then say "Dovecot already running in $dir"; else start_dovecot "$dir"; fi
    ;;
  dovecot)
    dir=${2:?usage: services.sh dovecot DIR stop|start}
    case ${3:-} in
      # Its sessions end too, as a restart with shutdown_clients does: left alone, an imap
      # process outlives its master for half a minute and the client sees no restart.
      stop)
        pids=$(pgrep -P "$(cat "$dir/dovecot/run/master.pid" 2>/dev/null || echo 0)" || true)
        [[ -z $pids ]] || kill $pids 2>/dev/null || true
        stop_dovecot "$dir"
        ;;
      # The same configuration, so the same port and the same mail folders.
      start)
        running_dovecot "$dir" && exit 0
        dovecot -c "$dir/dovecot/dovecot.conf" 2>>"$dir/dovecot/dovecot.log" && wait_port 127.0.0.1 "$(cat "$dir/dovecot/port")" 20 \
          || die "Dovecot did not start again in $dir"
        ;;
      *) die "usage: services.sh dovecot DIR stop|start" ;;
    esac
    ;;
  env)
    dir=${2:?usage: services.sh env DIR}
    cat "$dir/env"
    ;;
  *)
    die "usage: services.sh install | start DIR | stop DIR | env DIR | start-pg DIR | pg DIR restart|stop|start | start-dovecot DIR | dovecot DIR stop|start"
    ;;
esac
