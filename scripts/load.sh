#!/usr/bin/env bash
# Load and faults (issue 9; not part of the test command): 50 simulated members for 60 seconds
# against the release server on the large installation (SQLite), then the server and an import
# killed with SIGKILL mid-write. With --postgres: two `forumplan serve` processes on one
# PostgreSQL database (the test cluster of scripts/postgres.sh, started here), each member signing
# in on one and working against the other. See scripts/load.py; results go to BENCHMARKS.md.
#
#   scripts/load.sh [--postgres] [--users N] [--seconds N] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
build=true
postgres=false
args=()
while (($#)); do
  case "$1" in
    --no-build) build=false ;;
    --postgres) postgres=true ;;
    *) args+=("$1") ;;
  esac
  shift
done
# shellcheck source=scripts/tools.sh
source scripts/tools.sh
if $build; then
  echo "==> release build (site + binary)" >&2
  cargo leptos build --release >&2
fi
if $postgres; then
  bash scripts/postgres.sh start >/dev/null
  args+=(--postgres "$(bash scripts/postgres.sh url)")
fi
exec python3 scripts/load.py "${args[@]}"
