#!/usr/bin/env bash
# Browser tests: starts the release server on a fresh SQLite database (it migrates and loads the
# demo forum on first start), waits for /health, runs Playwright (end2end/, Debian's Chromium,
# every journey with JavaScript on and off), stops the server and exits with Playwright's status.
#
#   scripts/e2e.sh [playwright test arguments, e.g. --project=js tests/browse-plan.spec.ts]
#
# Needs the release build (`cargo leptos build --release`: target/release/forumplan and the site
# in target/site). FORUMPLAN_E2E_ADDR (default 127.0.0.1:3100) is where the server listens;
# FORUMPLAN_E2E_BIN overrides the binary. The server's log is kept in end2end/test-results/server.log.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

ADDR=${FORUMPLAN_E2E_ADDR:-127.0.0.1:3100}
BASE_URL="http://$ADDR"
BIN=${FORUMPLAN_E2E_BIN:-target/release/forumplan}
SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
HEALTH_TIMEOUT=${FORUMPLAN_E2E_HEALTH_TIMEOUT:-60}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scripts/e2e.sh: error: %s\n' "$*" >&2; exit 1; }

[[ -x "$BIN" ]] || die "$BIN not found: build it first with \`cargo leptos build --release\` (make build)"
[[ -d "$SITE_ROOT" ]] || die "$SITE_ROOT not found: build the site first with \`cargo leptos build --release\`"

# Chromium and end2end/'s npm packages (a few quick checks when they are there).
bash scripts/tools.sh --e2e

# Another server on the address would be tested instead of this build.
if curl -s -o /dev/null --max-time 2 "$BASE_URL/"; then
  die "something already answers on $BASE_URL: stop it or set FORUMPLAN_E2E_ADDR"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/forumplan-e2e.XXXXXX")
server_log=$tmp/server.log
server_pid=

show_server_log() {
  echo "---- server log ($server_log, last ${1:-60} lines)" >&2
  tail -n "${1:-60}" "$server_log" >&2 || true
  echo "---- end of server log" >&2
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    log "stopping the server (pid $server_pid)"
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -f "$server_log" ]]; then
    mkdir -p end2end/test-results
    cp "$server_log" end2end/test-results/server.log || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The demo forum with its demo accounts, and a second forum none of them belongs to.
export DATABASE_URL="sqlite://$tmp/e2e.db?mode=rwc"
"$BIN" demo >"$tmp/setup.log" 2>&1 || { cat "$tmp/setup.log" >&2; die "forumplan demo failed"; }
"$BIN" forum add "Kent and Medway DV Strategy Group" >>"$tmp/setup.log" 2>&1 \
  || { cat "$tmp/setup.log" >&2; die "forumplan forum add failed"; }
# An empty forum per Playwright project (js, nojs), each with its own coordinator: the plan
# editing journey builds a plan from nothing there.
for project in js nojs; do
  "$BIN" forum add "Sandwell Plan Builders $project" >>"$tmp/setup.log" 2>&1 \
    || { cat "$tmp/setup.log" >&2; die "forumplan forum add failed"; }
  printf '%s\n' "${FORUMPLAN_DEMO_PASSWORD:-forumplan-demo}" | "$BIN" user add \
    --email "builder.$project@forumplan.example" --name "Bo Builder $project" \
    --role coordinator --forum "Sandwell Plan Builders $project" >>"$tmp/setup.log" 2>&1 \
    || { cat "$tmp/setup.log" >&2; die "forumplan user add failed"; }
  # And one for the import journey, which brings a whole plan in from a spreadsheet.
  "$BIN" forum add "Dudley Plan Importers $project" >>"$tmp/setup.log" 2>&1 \
    || { cat "$tmp/setup.log" >&2; die "forumplan forum add failed"; }
  printf '%s\n' "${FORUMPLAN_DEMO_PASSWORD:-forumplan-demo}" | "$BIN" user add \
    --email "importer.$project@forumplan.example" --name "Ivo Importer $project" \
    --role coordinator --forum "Dudley Plan Importers $project" >>"$tmp/setup.log" 2>&1 \
    || { cat "$tmp/setup.log" >&2; die "forumplan user add failed"; }
done
# A member per project for the quarterly returns journey, each for an agency whose actions the
# other's do not touch (so the two projects' returns never meet).
for spec in "js:National Probation Service (West Midlands)" "nojs:Relate"; do
  project=${spec%%:*}
  printf '%s\n' "${FORUMPLAN_DEMO_PASSWORD:-forumplan-demo}" | "$BIN" user add \
    --email "returns.$project@forumplan.example" --name "Rae Returns $project" \
    --role member --forum wolverhampton --partner "${spec#*:}" >>"$tmp/setup.log" 2>&1 \
    || { cat "$tmp/setup.log" >&2; die "forumplan user add failed"; }
done
rm -rf end2end/.auth

log "starting $BIN serve --addr $ADDR (fresh database in $tmp)"
DATABASE_URL="$DATABASE_URL" \
  LEPTOS_SITE_ROOT="$SITE_ROOT" \
  LEPTOS_SITE_ADDR="$ADDR" \
  LEPTOS_ENV=PROD \
  RUST_LOG="${RUST_LOG:-info}" \
  "$BIN" serve --addr "$ADDR" >"$server_log" 2>&1 &
server_pid=$!

log "waiting for $BASE_URL/health (at most ${HEALTH_TIMEOUT} s)"
deadline=$((SECONDS + HEALTH_TIMEOUT))
until curl -fsS -o /dev/null --max-time 2 "$BASE_URL/health" 2>/dev/null; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" && code=0 || code=$?
    server_pid=
    show_server_log 200
    die "the server exited (status $code) before answering /health"
  fi
  if ((SECONDS >= deadline)); then
    show_server_log 200
    die "the server did not answer $BASE_URL/health within ${HEALTH_TIMEOUT} s"
  fi
  sleep 0.2
done
log "server healthy after $((SECONDS + HEALTH_TIMEOUT - deadline)) s"

log "playwright test (BASE_URL=$BASE_URL)"
set +e
(cd end2end && BASE_URL="$BASE_URL" ./node_modules/.bin/playwright test "$@")
status=$?
set -e

if [[ $status -ne 0 ]]; then
  show_server_log 60
  log "browser tests failed (status $status); full server log: end2end/test-results/server.log"
fi
exit "$status"
