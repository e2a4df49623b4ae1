#!/usr/bin/env bash
# Private, TEST-ONLY PostgreSQL cluster for Coopérathèque (not the system one).
#
#   scripts/postgres.sh start|stop|status|url
#
# Listens on 127.0.0.1:$PGPORT only, data under $POSTGRES_DIR/data, and runs
# with fsync/synchronous_commit/full_page_writes OFF: fast, but a crash can
# lose or corrupt data. Never point anything valuable at it.
#
# Env overrides:
#   PGPORT        TCP port (default 55432)
#   POSTGRES_DIR  state dir: data/, postgres.log, socket (default <repo>/.services/postgres)
#
# Creates (idempotently) a superuser role coop/coop and a database coop:
#   DATABASE_URL=postgres://coop:coop@127.0.0.1:55432/coop
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd -P)"

PORT="${PGPORT:-55432}"
DB_USER=coop
DB_PASSWORD=coop
DB_NAME=coop
DATABASE_URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"

# Our own psql/pg_ctl calls must not be redirected by the caller's libpq env.
unset PGHOST PGHOSTADDR PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS PGDATA PGPASSFILE

export LOG_NAME=postgres
# shellcheck source=scripts/lib.sh
source "$SCRIPT_DIR/lib.sh"

check_port PGPORT "$PORT"

IS_ROOT=0
[[ "$(id -u)" == 0 ]] && IS_ROOT=1

# ---------------------------------------------------------------- tools ----

PGBIN=""
find_pgbin() {  # newest /usr/lib/postgresql/N/bin that has initdb
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r b; do
    [[ -x "$b/initdb" ]] && echo "$b"; done | tail -n1 || true)"
  printf '%s' "$d"
}

ensure_postgres() {
  PGBIN="$(find_pgbin)"
  if [[ -z "$PGBIN" ]]; then
    # Debian's 'postgresql' (15 on bookworm) ships unaccent and pg_trgm too.
    # Note: its postinst also creates/starts the system cluster on 5432; we don't use it.
    apt_install postgresql
    PGBIN="$(find_pgbin)"
    [[ -n "$PGBIN" ]] || die "no /usr/lib/postgresql/*/bin/initdb even after installing postgresql"
  fi
  PG_MAJOR="$(basename "$(dirname "$PGBIN")")"
}

as_pg() {
  # initdb/postgres refuse to run as root: run them as the 'postgres' system
  # user when we are root (cd / so it never starts in an unreadable cwd).
  if ((IS_ROOT)); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# ---------------------------------------------------------------- paths ----

choose_dirs() {
  local default="$REPO/.services/postgres" fallback
  STATE_DIR="${POSTGRES_DIR:-$default}"
  mkdir -p "$(dirname "$STATE_DIR")"
  if ((IS_ROOT)) && ! runuser -u postgres -- test -x "$(dirname "$STATE_DIR")" 2>/dev/null; then
    # e.g. a clone under /root (0700): user postgres cannot reach it.
    [[ -n "${POSTGRES_DIR:-}" ]] \
      && die "user 'postgres' cannot traverse $(dirname "$STATE_DIR"); choose another POSTGRES_DIR (e.g. under /var/tmp)"
    fallback="/var/tmp/cooperatheque-postgres-$(printf '%s' "$REPO" | md5sum | cut -c1-10)"
    log "user 'postgres' cannot traverse $(dirname "$STATE_DIR"); using $fallback instead"
    STATE_DIR="$fallback"
  fi
  mkdir -p "$STATE_DIR"
  STATE_DIR="$(cd "$STATE_DIR" && pwd -P)"
  if ((IS_ROOT)) && [[ "$(stat -c %U "$STATE_DIR")" != postgres ]]; then
    chown -R postgres:postgres "$STATE_DIR"
  fi
  chmod 0700 "$STATE_DIR"
  DATA_DIR="$STATE_DIR/data"
  LOG_FILE="$STATE_DIR/postgres.log"
  # Unix socket paths are limited to ~107 bytes: fall back to /tmp for deep repos.
  SOCK_DIR="$STATE_DIR"
  ((${#SOCK_DIR} + 20 < 100)) || SOCK_DIR=/tmp
}

# ------------------------------------------------------------ processes ----

pidfile_pid() { head -n1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true; }
pidfile_port() { sed -n 4p "$DATA_DIR/postmaster.pid" 2>/dev/null || true; }

is_our_postmaster() {
  # A live 'postgres' process whose cwd is our data dir (the postmaster chdirs
  # there). kill -0 alone is fooled by PIDs reused after a reboot/container restart.
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ && -d "/proc/$pid" ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] || return 1
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$DATA_DIR" ]]
}

running() { [[ -f "$DATA_DIR/postmaster.pid" ]] && is_our_postmaster "$(pidfile_pid)"; }

port_in_use() { tcp_open 127.0.0.1 "$PORT"; }

clean_stale_files() {
  local f pid
  if [[ -f "$DATA_DIR/postmaster.pid" ]]; then
    log "removing stale $DATA_DIR/postmaster.pid (pid $(pidfile_pid) is not our postmaster)"
    rm -f "$DATA_DIR/postmaster.pid"
  fi
  # A leftover socket lock makes postgres refuse to start when its PID got reused.
  f="$SOCK_DIR/.s.PGSQL.$PORT.lock"
  if [[ -f "$f" ]]; then
    pid="$(head -n1 "$f" 2>/dev/null || true)"
    if ! is_our_postmaster "$pid"; then
      log "removing stale socket lock $f"
      rm -f "$f" "$SOCK_DIR/.s.PGSQL.$PORT"
    fi
  fi
}

show_log_tail() {
  if [[ -s "$LOG_FILE" ]]; then
    printf -- '----- last 30 lines of %s -----\n' "$LOG_FILE" >&2
    tail -n 30 "$LOG_FILE" >&2
    printf -- '----- end of log -----\n' >&2
  fi
}

psql_admin() {  # psql as the bootstrap superuser over our unix socket (trust)
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PORT" -U postgres "$@"
}

# ---------------------------------------------------------------- start ----

init_cluster() {
  if [[ -f "$DATA_DIR/PG_VERSION" ]]; then
    local v
    v="$(cat "$DATA_DIR/PG_VERSION")"
    [[ "$v" == "$PG_MAJOR" ]] \
      || die "$DATA_DIR holds a PostgreSQL $v cluster but $PGBIN is $PG_MAJOR; delete $STATE_DIR (test data) to re-create it"
    return 0
  fi
  if [[ -e "$DATA_DIR" ]]; then
    # No PG_VERSION: an interrupted initdb or junk, never a usable cluster.
    log "removing incomplete data dir $DATA_DIR"
    rm -rf "$DATA_DIR"
  fi
  log "initdb $DATA_DIR (PostgreSQL $PG_MAJOR) ..."
  # C.UTF-8: UTF-8 ctype so pg_trgm/unaccent treat accented letters as letters.
  if ! as_pg "$PGBIN/initdb" -D "$DATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$STATE_DIR/initdb.log" 2>&1; then
    cat "$STATE_DIR/initdb.log" >&2
    rm -rf "$DATA_DIR"
    die "initdb failed"
  fi
  echo "include = 'cooperatheque.conf'  # added by scripts/postgres.sh" >>"$DATA_DIR/postgresql.conf"
}

write_config() {
  # Rewritten on every start so PGPORT / script changes apply.
  cat >"$DATA_DIR/cooperatheque.conf" <<EOF
# Generated by scripts/postgres.sh on every start: edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK_DIR'
# TEST-ONLY durability trade-offs: much faster, unsafe on crash.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
# The default 128MB holds a sliver of the 2.3 GB of 100,000 case studies: a search then copied ~1,000 pages
# from the kernel's cache into PostgreSQL's own to name the partners of 20 hits (~20 ms, against 4 ms once
# they are held). A quarter of this 24 GiB machine is PostgreSQL's usual advice; the test databases use
# a fraction of it (shared memory is taken as it is touched). Also in docker-compose.yml.
shared_buffers = ${PG_SHARED_BUFFERS:-4GB}
# The data sits in memory or on SSD: a random read costs about a sequential one. With the default (4) the
# planner hashes all 5,000 organisations to name the partners of a page of 20 hits (3.4 ms at 100,000 case
# studies) rather than look up 237 of them by key (1.1 ms). Also in docker-compose.yml.
random_page_cost = 1.1
EOF
  cat >"$DATA_DIR/pg_hba.conf" <<'EOF'
# Generated by scripts/postgres.sh. Unix socket (in the private state dir): trust,
# used by the script itself. TCP: 127.0.0.1 only, password (scram-sha-256).
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
EOF
  if ((IS_ROOT)); then chown postgres:postgres "$DATA_DIR/cooperatheque.conf" "$DATA_DIR/pg_hba.conf"; fi
  chmod 0600 "$DATA_DIR/cooperatheque.conf" "$DATA_DIR/pg_hba.conf"
}

ensure_role_and_db() {
  local n
  psql_admin -d postgres -v u="$DB_USER" -v pw="$DB_PASSWORD" -v db="$DB_NAME" -f - <<'SQL' \
    || die "could not create role/database $DB_USER/$DB_NAME"
SELECT format('CREATE ROLE %I', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN SUPERUSER PASSWORD %L', :'u', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  n="$(psql_admin -d postgres -Atc "SELECT count(*) FROM pg_available_extensions WHERE name IN ('unaccent', 'pg_trgm')")"
  [[ "$n" == 2 ]] || die "extensions unaccent and pg_trgm are not both available in $PGBIN (install Debian's postgresql-contrib for this version)"
}

cmd_start() {
  local t0=$SECONDS p
  ensure_postgres
  choose_dirs
  exec 9>"$STATE_DIR/.lock"   # serialize concurrent start/stop
  flock -w 120 9 || die "another postgres.sh holds $STATE_DIR/.lock"

  if running; then
    p="$(pidfile_port)"
    [[ "$p" == "$PORT" ]] \
      || die "the cluster in $DATA_DIR already runs on port $p, not $PORT; use PGPORT=$p or '$0 stop' first"
    ensure_role_and_db
    log "already running (pid $(pidfile_pid), data $DATA_DIR)"
    echo "DATABASE_URL=$DATABASE_URL"
    return 0
  fi
  if port_in_use; then
    port_owner "$PORT" >&2
    die "port $PORT on 127.0.0.1 is in use by something else (not the cluster in $DATA_DIR); free it or set PGPORT"
  fi
  clean_stale_files
  init_cluster
  write_config

  log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$PORT (data $DATA_DIR, log $LOG_FILE) ..."
  # pg_ctl daemonizes the server with its output in the log; -w waits until
  # it accepts connections. </dev/null and fd 9 closed: nothing of ours is held.
  if ! as_pg "$PGBIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 -s start </dev/null 9>&-; then
    show_log_tail
    die "PostgreSQL failed to start (see $LOG_FILE)"
  fi
  ensure_role_and_db
  log "ready in $((SECONDS - t0))s (pid $(pidfile_pid))"
  echo "DATABASE_URL=$DATABASE_URL"
}

# ----------------------------------------------------------------- stop ----

cmd_stop() {
  local deadline
  ensure_postgres
  choose_dirs
  exec 9>"$STATE_DIR/.lock"
  flock -w 120 9 || die "another postgres.sh holds $STATE_DIR/.lock"

  if ! running; then
    clean_stale_files
    log "not running"
    return 0
  fi
  log "stopping (pid $(pidfile_pid)) ..."
  # fast = roll back open transactions and disconnect clients right away.
  if ! as_pg "$PGBIN/pg_ctl" -D "$DATA_DIR" -m fast -w -t 30 -s stop; then
    warn "fast shutdown failed, using immediate"
    as_pg "$PGBIN/pg_ctl" -D "$DATA_DIR" -m immediate -w -t 30 -s stop \
      || { show_log_tail; die "could not stop PostgreSQL (pid $(pidfile_pid))"; }
  fi
  deadline=$((SECONDS + 15))
  while port_in_use && ((SECONDS < deadline)); do sleep 0.3; done
  if port_in_use; then
    port_owner "$PORT" >&2
    die "PostgreSQL stopped but port $PORT is still in use"
  fi
  log "stopped"
}

# --------------------------------------------------------- status / url ----

cmd_status() {
  ensure_postgres
  choose_dirs
  if running; then
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$(pidfile_port)" -t 3; then
      log "running (pid $(pidfile_pid), port $(pidfile_port), data $DATA_DIR), accepting connections"
      echo "DATABASE_URL=${DATABASE_URL/:$PORT\//:$(pidfile_port)/}"
      return 0
    fi
    log "process running (pid $(pidfile_pid)) but not accepting connections on port $(pidfile_port)"
    return 1
  fi
  if port_in_use; then
    log "not running from $DATA_DIR; port $PORT is used by something else"
    port_owner "$PORT"
    return 1
  fi
  log "not running"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "$DATABASE_URL" ;;
  *)
    echo "usage: $0 start|stop|status|url   (env: PGPORT=$PORT POSTGRES_DIR=...)" >&2
    exit 2
    ;;
esac
