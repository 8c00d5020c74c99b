#!/usr/bin/env bash
# Times the demo forum's dashboard, a review and its meeting pack on the release build: a fresh
# SQLite database with the demo, `forumplan serve` on 127.0.0.1:3200, then scripts/measure-pages.cjs.
# Not part of the test command. Needs `cargo leptos build --release` (or set FORUMPLAN_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${FORUMPLAN_BIN:-target/release/forumplan}
[[ -x "$BIN" ]] || { echo "no $BIN: run cargo leptos build --release first" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/forumplan-measure.XXXXXX")
DATABASE_URL="sqlite://$tmp/db.sqlite?mode=rwc" LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site} \
  "$BIN" serve --addr 127.0.0.1:3200 >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:3200/health >/dev/null 2>&1 && break
  sleep 0.2
done
BASE_URL=http://127.0.0.1:3200 node scripts/measure-pages.cjs
