#!/usr/bin/env bash
# Load and faults (issue 9; not part of the test command): 50 simulated members for 60 seconds
# against the release server on the large installation (SQLite), then the server and an import
# killed with SIGKILL mid-write. See scripts/load.py; results go to BENCHMARKS.md.
#
#   scripts/load.sh [--users N] [--seconds N] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
build=true
args=()
while (($#)); do
  case "$1" in
    --no-build) build=false ;;
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
exec python3 scripts/load.py "${args[@]}"
