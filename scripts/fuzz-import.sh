#!/usr/bin/env bash
# A short cargo-fuzz run of the spreadsheet reader (issue 7): app/fuzz/fuzz_targets/read_grid.rs feeds
# app::backend::import::read_grid arbitrary bytes, which must never panic.
#
#   scripts/fuzz-import.sh [SECONDS]      (default 60)
#
# cargo-fuzz needs a nightly toolchain (`rustup toolchain install nightly` if `cargo +nightly`
# fails); the script installs cargo-fuzz when it is missing. Seeds: the real Wolverhampton sheet
# (app/tests/fixtures/wolverhampton-dv-action-plan.xlsx) and app/fuzz/seeds/read_grid/. The corpus
# grows in app/fuzz/corpus/read_grid/, crashes land in app/fuzz/artifacts/read_grid/ (both ignored by git);
# the build goes to $CARGO_TARGET_DIR/fuzz (default app/fuzz/target). FUZZ_SANITIZER=none skips
# AddressSanitizer (a faster build). Without nightly, `cargo test -p app --features ssr --lib
# fuzz_tests` runs the deterministic stand-in (FORUMPLAN_FUZZ_CASES=N for more cases).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
toolchain=${FUZZ_TOOLCHAIN:-nightly}
if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
  echo "cargo-fuzz needs a nightly toolchain: rustup toolchain install nightly" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
corpus=app/fuzz/corpus/read_grid
mkdir -p "$corpus"
fixture=app/tests/fixtures/wolverhampton-dv-action-plan.xlsx
[[ -f "$fixture" ]] && cp "$fixture" "$corpus/"
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
fi
cargo "+$toolchain" fuzz run --fuzz-dir app/fuzz --sanitizer "${FUZZ_SANITIZER:-address}" read_grid \
  "$corpus" app/fuzz/seeds/read_grid -- -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=2048
