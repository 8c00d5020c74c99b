#!/usr/bin/env bash
# Benchmark of `forumplan import` (issue 7): the time and peak memory to import a 10,000-action
# sheet. Writes the sheet (scripts/gen-import-sheet.py, Wolverhampton layout: title rows, six
# sections each with the header row, multi-line targets, the demo's partner short names) as csv
# and xlsx, builds the release binary, loads the demo into a fresh SQLite database, then runs
#   forumplan import FILE --forum wolverhampton --dry-run
#   forumplan import FILE --forum wolverhampton --strategy dv-strategy-2005-2007
# under /usr/bin/time -v and prints the wall time and peak resident set size of each.
#
#   scripts/bench-import.sh [ACTIONS] [csv|xlsx]     (defaults: 10000 csv)
#
# There is no command to add a strategy, so the sheet is imported into the demo's strategy
# (its six themes are matched by title; every action is new). The database is
# /tmp/bench-import.db, made anew on each run. CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
actions=${1:-10000}
format=${2:-csv}
work=${BENCH_DIR:-/tmp/forumplan-bench}
mkdir -p "$work"
target=${CARGO_TARGET_DIR:-target}
bin="$target/release/forumplan"
db=/tmp/bench-import.db
export DATABASE_URL="sqlite://$db?mode=rwc"

echo "==> sheet" >&2
python3 scripts/gen-import-sheet.py "$actions" "$work/plan-$actions.csv" "$work/plan-$actions.xlsx" >&2
file="$work/plan-$actions.$format"
size=$(stat -c %s "$file")
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))))' "$work/plan-$actions.csv")
# The reader's default limits (app::backend::import::Limits): 10 MiB, 20,000 rows, 500,000 cells.
if (( size > 10 * 1024 * 1024 || rows > 20000 || rows * 5 > 500000 )); then
  echo "the sheet ($size bytes, $rows rows) is over the reader's limits; use fewer actions" >&2
  exit 1
fi

echo "==> release binary" >&2
cargo build --release --locked -p server --bin forumplan >&2

echo "==> fresh database with the demo forum" >&2
rm -f "$db" "$db-wal" "$db-shm"
"$bin" demo >/dev/null

measure() { # label, command...
  local label=$1
  local out=$work/$label.out err=$work/$label.time
  shift
  /usr/bin/time -v "$@" >"$out" 2>"$err" || { cat "$err" >&2; exit 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$err")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$err")
  printf '%s: wall %s, peak RSS %s KiB (%s MiB)\n' "$label" "$wall" "$rss" "$((rss / 1024))"
}

echo "==> import" >&2
dry=$(measure dry-run "$bin" import "$file" --forum wolverhampton --dry-run)
commit=$(measure commit "$bin" import "$file" --forum wolverhampton --strategy dv-strategy-2005-2007)
head -n 4 "$work/commit.out" >&2
echo
echo "bench-import: $actions actions, $format, $size bytes, $rows rows"
echo "  $dry"
echo "  $commit"
