#!/usr/bin/env bash
# The test command (`make test`, called by .ci/run): installs what is missing, then runs
# formatting and lint checks, unit and integration tests on SQLite and PostgreSQL, builds the
# release site and runs the browser tests against it. `--fast` stops before the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
fast=false
[[ "${1:-}" == "--fast" ]] && fast=true

step() { printf '\n==> %s\n' "$*" >&2; }
started=$(date +%s)

# Disk: a clean run needs a few GB under target/ (printed at the start and the end). On CI the
# build is from scratch, so incremental compilation would only add its caches.
if [[ "${CI:-}" == "true" ]]; then export CARGO_INCREMENTAL=0; fi
disk() { df -h --output=avail,target . 2>/dev/null | tail -1 | awk '{print $1" free on "$2}'; }
step "disk: $(disk)"

step "tools"
# shellcheck source=scripts/tools.sh
source scripts/tools.sh --test

step "format"
cargo fmt --all -- --check

step "lint (server, backend, migrations)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "lint (browser bundle)"
cargo clippy -p app --lib --no-default-features --features hydrate --target wasm32-unknown-unknown --locked -- -D warnings

step "PostgreSQL for the integration tests"
if [[ -z "${FORUMPLAN_TEST_POSTGRES_URL:-}" ]]; then
  bash scripts/postgres.sh start >&2
  # Stop the cluster this run started (another checkout's run on this machine needs the port).
  trap 'bash scripts/postgres.sh stop >&2 || true' EXIT
  FORUMPLAN_TEST_POSTGRES_URL=$(bash scripts/postgres.sh url)
  export FORUMPLAN_TEST_POSTGRES_URL
fi

step "unit and integration tests (SQLite and PostgreSQL)"
# The tests' SQLite files (a few hundred MB a run) are removed before and after, so that runs do
# not pile them up in the temporary directory.
scratch() { local t="${TMPDIR:-/tmp}"; rm -rf "$t"/forumplan-tests "$t"/forumplan-authz-tests "$t"/forumplan-cli-tests "$t"/fp-health-*.db*; }
scratch
cargo test --workspace --locked 2>&1 | tee target/cargo-test.log
scratch
rust_passed=$( (grep -Eo 'test result: ok\. [0-9]+ passed' target/cargo-test.log || true) | awk '{s+=$4} END {print s+0}')

if $fast; then
  step "disk: $(disk); target/ $(du -sh target 2>/dev/null | cut -f1)"
  echo "$rust_passed passed, 0 failed"
  exit 0
fi

step "release build (site + binary)"
cargo leptos build --release

step "browser tests (Playwright, Debian Chromium, with and without JavaScript)"
set +e
bash scripts/e2e.sh 2>&1 | tee target/e2e.log
e2e_status=${PIPESTATUS[0]}
set -e
e2e_passed=$( (grep -Eo '^ *[0-9]+ passed' target/e2e.log || true) | tail -1 | awk '{print $1+0}')
e2e_failed=$( (grep -Eo '^ *[0-9]+ failed' target/e2e.log || true) | tail -1 | awk '{print $1+0}')
# A run that stopped before Playwright's summary (server did not start) counts as one failure.
if [[ "$e2e_status" -ne 0 && "${e2e_failed:-0}" -eq 0 ]]; then e2e_failed=1; fi
step "disk: $(disk); target/ $(du -sh target 2>/dev/null | cut -f1)"
step "summary: rust ${rust_passed} passed; browser ${e2e_passed:-0} passed, ${e2e_failed:-0} failed; $(( $(date +%s) - started )) s"
echo "$(( rust_passed + ${e2e_passed:-0} )) passed, ${e2e_failed:-0} failed"
exit "$e2e_status"
