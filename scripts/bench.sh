#!/usr/bin/env bash
# The benchmark (issue 9; not part of the test command): builds the release site and binary,
# loads the large installation (`forumplan demo --size large`) into a fresh SQLite database,
# serves it on 127.0.0.1:3199 and drives it with wrk (Debian's package) at 16 connections: the
# forum dashboard, a strategy page, an action page, a funder report, an export, the JSON API's
# list, and, as the floor every page is compared with, /health and a static asset. Then the
# import of a generated 10,000-action sheet, and the release wasm + JS + CSS sizes. Prints a
# table with the budgets passed or missed and writes it to BENCHMARKS.md.
#
#   scripts/bench.sh [--seconds N] [--no-build]        (default 10 s a URL)
#
# Installs what it needs when missing (wrk, brotli, /usr/bin/time: Debian packages; the Rust
# tools through scripts/tools.sh). CARGO_TARGET_DIR is honoured.
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
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v brotli >/dev/null 2>&1 || missing+=(brotli)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  echo "==> apt-get install ${missing[*]}" >&2
  if [[ $EUID -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2
fi
# shellcheck source=scripts/tools.sh
source scripts/tools.sh
if $build; then
  echo "==> release build (site + binary)" >&2
  cargo leptos build --release >&2
fi
exec python3 scripts/bench.py "${args[@]}"
