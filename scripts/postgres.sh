#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: trust authentication, no fsync, on 127.0.0.1 only.
#
#   scripts/postgres.sh start    create the cluster if needed, start it (idempotent), print its URL
#   scripts/postgres.sh stop     stop it (idempotent)
#   scripts/postgres.sh status   exit 0 when it is running
#   scripts/postgres.sh url      print postgres://postgres@127.0.0.1:PORT/postgres
#
# FORUMPLAN_PG_DIR (default target/pg) holds the data directory, the socket and the log;
# FORUMPLAN_PG_PORT (default 55432) is the TCP port. The server binaries are the newest in
# /usr/lib/postgresql/*/bin (Debian's `postgresql` package, installed by `scripts/tools.sh --test`),
# or FORUMPLAN_PG_BIN. PostgreSQL refuses to run as root, so as root the cluster belongs to the
# `postgres` system user (created when missing). Only the URL goes to stdout; logs go to stderr.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${FORUMPLAN_PG_DIR:-$REPO/target/pg}
PORT=${FORUMPLAN_PG_PORT:-55432}
# As root the cluster belongs to `postgres`, which must be able to reach $DIR: a checkout under a
# directory closed to other users (such as /root) gets its cluster under /tmp instead.
if [[ -z "${FORUMPLAN_PG_DIR:-}" && $EUID -eq 0 ]] && id -u postgres >/dev/null 2>&1 &&
  command -v runuser >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$REPO" 2>/dev/null; then
  DIR=/tmp/forumplan-pg-$(printf '%s' "$REPO" | sha1sum | cut -c1-12)
fi
DATA=$DIR/data
SOCKET_DIR=$DIR/socket
LOG=$DIR/postgres.log
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scripts/postgres.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
  echo "usage: scripts/postgres.sh start|stop|status|url" >&2
  exit 2
}

# The newest installed server's bin directory.
pg_bin() {
  if [[ -n "${FORUMPLAN_PG_BIN:-}" ]]; then
    echo "$FORUMPLAN_PG_BIN"
    return
  fi
  local bin
  bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' -printf '%h\n' 2>/dev/null |
    sort -V | tail -n1 || true)
  [[ -n "$bin" ]] || die "no PostgreSQL server in /usr/lib/postgresql/*/bin: run scripts/tools.sh --test"
  echo "$bin"
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ $EUID -ne 0 ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

prepare_owner() {
  if [[ $EUID -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    log "creating the postgres system user"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
  fi
  mkdir -p "$DIR" "$SOCKET_DIR"
  if [[ $EUID -eq 0 ]]; then
    # -R only when needed: a running cluster's files already belong to postgres.
    if [[ -n "$(find "$DIR" ! -user postgres -print -quit)" ]]; then
      chown -R postgres:postgres "$DIR"
    fi
    as_owner test -w "$DIR" ||
      die "the postgres user cannot write to $DIR (a parent directory is closed to it); set FORUMPLAN_PG_DIR, e.g. /tmp/forumplan-pg"
  fi
  chmod 700 "$SOCKET_DIR"
}

is_running() {
  [[ -f "$DATA/PG_VERSION" ]] || return 1
  # A postmaster killed inside a container without an init that reaps orphans stays a zombie, which
  # pg_ctl (and postgres itself) would take for a live server: clear its lock files.
  local pid
  pid=$(head -n1 "$DATA/postmaster.pid" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status"; then
    log "clearing the lock files of a dead server (process $pid)"
    rm -f "$DATA/postmaster.pid" "$SOCKET_DIR"/.s.PGSQL.*
    return 1
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

# The settings that make it a fast throwaway server; rewritten at every start so that a changed
# FORUMPLAN_PG_PORT or FORUMPLAN_PG_DIR takes effect.
write_settings() {
  as_owner tee "$DATA/forumplan.conf" >/dev/null <<EOF
# Written by scripts/postgres.sh at each start.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
EOF
}

init_cluster() {
  local major
  major=$("$BIN/postgres" --version | grep -Eo '[0-9]+' | head -n1)
  if [[ -e "$DATA" ]] && [[ "$(cat "$DATA/PG_VERSION" 2>/dev/null || true)" != "$major" ]]; then
    # Only ever delete what this script made: an interrupted initdb, or our cluster of another major.
    if [[ -f "$DATA/PG_VERSION" ]] && ! grep -qs "include_if_exists = 'forumplan.conf'" "$DATA/postgresql.conf"; then
      die "$DATA holds a PostgreSQL $(cat "$DATA/PG_VERSION") cluster not made by this script; set FORUMPLAN_PG_DIR"
    fi
    log "removing the unusable cluster in $DATA (not a complete PostgreSQL $major cluster)"
    rm -rf "$DATA"
  fi
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    log "initdb (PostgreSQL $major) in $DATA"
    local out
    out=$(as_owner "$BIN/initdb" -D "$DATA" -A trust -U postgres --no-sync -E UTF8 --locale=C 2>&1) || {
      printf '%s\n' "$out" >&2
      die "initdb failed"
    }
    echo "include_if_exists = 'forumplan.conf'" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
  fi
}

start() {
  prepare_owner
  if is_running; then
    log "PostgreSQL already running ($URL)"
    echo "$URL"
    return
  fi
  init_cluster
  write_settings
  log "starting PostgreSQL on 127.0.0.1:$PORT (log: $LOG)"
  if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
    echo "---- $LOG (last 30 lines)" >&2
    tail -n 30 "$LOG" >&2 || true
    die "PostgreSQL did not start (is port $PORT taken? set FORUMPLAN_PG_PORT)"
  fi
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30 || die "PostgreSQL started but does not accept connections on port $PORT"
  echo "$URL"
}

stop() {
  if is_running; then
    log "stopping PostgreSQL ($DATA)"
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
  else
    log "PostgreSQL is not running ($DATA)"
  fi
}

[[ $# -eq 1 ]] || usage
case "$1" in
  url)
    echo "$URL"
    exit 0
    ;;
  start | stop | status) ;;
  *) usage ;;
esac

BIN=$(pg_bin)
# PostgreSQL's tools complain when they cannot read the working directory (e.g. /root).
cd /
case "$1" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then
      log "PostgreSQL is running ($URL)"
    else
      log "PostgreSQL is not running ($DATA)"
      exit 1
    fi
    ;;
esac
