#!/usr/bin/env bash
# Installs the tools ForumPlan's build and tests need, skipping whatever is already there at the
# right version, and puts them on PATH.
#
#   scripts/tools.sh [--test | --e2e] [--path-only]     install (PATH changes are lost on exit)
#   source scripts/tools.sh [--test | --e2e]            install, then export PATH in this shell
#   source scripts/tools.sh --path-only                 only export PATH (no checks, no installs)
#
# Always:  the wasm32-unknown-unknown Rust target, cargo-leptos, wasm-bindgen-cli at the version
#          Cargo.lock pins, and wasm-opt from the npm package binaryen (into .tools/).
# --test:  also Debian's chromium, the PostgreSQL server binaries and end2end/'s npm packages.
# --e2e:   only what the browser tests need: chromium and end2end/'s npm packages.
#
# Only package registries are used (crates.io, npm, Debian): never a browser or binary download.
# Logs go to stderr; nothing is printed on stdout. FORUMPLAN_TOOLS_DRY_RUN=1 reports what would
# be installed without installing it.
#
# Prerequisites: bash, Rust through rustup, gcc, Node >= 20 with npm; root or sudo for apt-get.

if [ -z "${BASH_VERSION:-}" ]; then
  echo "scripts/tools.sh needs bash" >&2
  # shellcheck disable=SC2317  # exit when executed by another shell, return when sourced
  return 1 2>/dev/null || exit 1
fi

# Sourced: run this file as its own bash process (so its `set -e` really applies and the caller's
# shell options stay untouched), then export PATH here.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  _fp_tools_status=0
  _fp_tools_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  case " $* " in
    *" --path-only "*) ;;
    *) bash "$_fp_tools_repo/scripts/tools.sh" "$@" || _fp_tools_status=$? ;;
  esac
  for _fp_tools_dir in "$_fp_tools_repo/.tools/node_modules/.bin" "${CARGO_HOME:-$HOME/.cargo}/bin"; do
    case ":$PATH:" in
      *":$_fp_tools_dir:"*) ;;
      *) PATH="$_fp_tools_dir:$PATH" ;;
    esac
  done
  export PATH
  unset _fp_tools_repo _fp_tools_dir
  return "$_fp_tools_status"
fi

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The same PATH a sourcing shell gets, so that the checks below see what is installed.
for dir in "$REPO/.tools/node_modules/.bin" "${CARGO_HOME:-$HOME/.cargo}/bin"; do
  case ":$PATH:" in
    *":$dir:"*) ;;
    *) PATH="$dir:$PATH" ;;
  esac
done
export PATH

# Pinned versions (see DESIGN.md §7): cargo-leptos 0.3.11 needs Rust 1.96; Debian's binaryen is too old.
CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132.0.0

want_build=true want_db=false want_browser=false only_e2e=false
for arg in "$@"; do
  case "$arg" in
    --test) want_db=true want_browser=true ;;
    --e2e) only_e2e=true want_browser=true ;;
    --path-only) exit 0 ;; # nothing to do in a process of its own
    *) echo "scripts/tools.sh: unknown argument: $arg (use --test, --e2e or --path-only)" >&2; exit 2 ;;
  esac
done

# --e2e alone skips the build tools; with --test it adds nothing.
if $only_e2e && ! $want_db; then want_build=false; fi

dry_run=${FORUMPLAN_TOOLS_DRY_RUN:-}
# Playwright drives Debian's chromium: never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
apt_updated=false

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'scripts/tools.sh: error: %s\n' "$*" >&2; exit 1; }
# Runs an installing command (its output to stderr), or only shows it in a dry run.
run() {
  if [[ -n "$dry_run" ]]; then
    printf '    (dry run) %s\n' "$*" >&2
  else
    "$@" >&2
  fi
}
as_root() {
  if [[ $EUID -eq 0 ]]; then
    run env DEBIAN_FRONTEND=noninteractive "$@"
  elif command -v sudo >/dev/null 2>&1; then
    run sudo env DEBIAN_FRONTEND=noninteractive "$@"
  else
    die "need root or sudo to run: $*"
  fi
}
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  if ! $apt_updated; then
    log "apt-get update"
    as_root apt-get update -q
    apt_updated=true
  fi
  log "apt-get install $*"
  as_root apt-get install -y -q "$@"
}
need_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    die "Node.js >= 20 with npm is required (not found on PATH)"
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  ((major >= 20)) || die "Node.js >= 20 is required, found $(node --version)"
}

if $want_build; then
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup (https://rustup.rs)"

  # wasm32 target
  if command -v rustup >/dev/null 2>&1; then
    if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
      log "wasm32-unknown-unknown target: present"
    else
      log "rustup target add wasm32-unknown-unknown"
      run rustup target add wasm32-unknown-unknown
    fi
  elif [[ -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]]; then
    log "wasm32-unknown-unknown target: present"
  else
    die "the wasm32-unknown-unknown target is missing and rustup is not available to add it"
  fi

  # cargo-leptos
  have=$(cargo leptos --version 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true)
  if [[ "$have" == "$CARGO_LEPTOS_VERSION" ]]; then
    log "cargo-leptos $CARGO_LEPTOS_VERSION: present"
  else
    log "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (found: ${have:-none}; about 12 min on 2 cores)"
    run cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi

  # wasm-bindgen-cli: exactly the wasm-bindgen version in Cargo.lock, or the build fails
  lock="$REPO/Cargo.lock"
  [[ -f "$lock" ]] || die "$lock not found"
  want_bindgen=$(awk '
    /^\[\[package\]\]/ { in_pkg = 0 }
    $0 == "name = \"wasm-bindgen\"" { in_pkg = 1; next }
    in_pkg && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$lock")
  [[ -n "$want_bindgen" ]] || die "no wasm-bindgen package in $lock"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [[ "$have" == "$want_bindgen" ]]; then
    log "wasm-bindgen-cli $want_bindgen: present"
  else
    log "cargo install wasm-bindgen-cli $want_bindgen (found: ${have:-none})"
    # Not --locked: its lock file names a crate version the registry no longer has.
    run cargo install wasm-bindgen-cli --version "$want_bindgen"
  fi

  # wasm-opt from the npm package binaryen, private to this checkout
  tools="$REPO/.tools"
  have=$("$tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -Eo '[0-9]+' | head -n1 || true)
  if [[ -n "$have" && "$have" == "${BINARYEN_VERSION%%.*}" ]]; then
    log "wasm-opt (binaryen $have): present"
  else
    need_node
    log "npm install binaryen@$BINARYEN_VERSION into .tools/ (found: ${have:-none})"
    if [[ -z "$dry_run" ]]; then
      mkdir -p "$tools"
      printf '{\n  "private": true,\n  "description": "Build tools for ForumPlan, installed by scripts/tools.sh",\n  "dependencies": { "binaryen": "%s" }\n}\n' \
        "$BINARYEN_VERSION" >"$tools/package.json"
    fi
    run npm install --prefix "$tools" --no-audit --no-fund --loglevel=error
    if [[ -z "$dry_run" ]]; then
      "$tools/node_modules/.bin/wasm-opt" --version >/dev/null 2>&1 || die "wasm-opt does not run after installing binaryen"
    fi
  fi
fi

if $want_browser; then
  if [[ -x /usr/bin/chromium ]]; then
    log "chromium: present"
  else
    apt_install chromium
  fi
fi

if $want_db; then
  if compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
    log "PostgreSQL server: present"
  else
    apt_install postgresql
  fi
fi

if $want_browser; then
  # end2end/ npm packages (Playwright, axe-core); reinstalled only when package-lock.json changes
  e2e="$REPO/end2end"
  stamp="$e2e/node_modules/.forumplan-package-lock.sha256"
  want_hash=$(sha256sum "$e2e/package-lock.json" | awk '{print $1}')
  if [[ -x "$e2e/node_modules/.bin/playwright" && -f "$stamp" && "$(cat "$stamp")" == "$want_hash" ]]; then
    log "end2end npm packages: up to date"
  else
    need_node
    log "npm ci in end2end/ (no browser download)"
    (cd "$e2e" && run npm ci --no-audit --no-fund --loglevel=error)
    [[ -n "$dry_run" ]] || printf '%s\n' "$want_hash" >"$stamp"
  fi
fi
