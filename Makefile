# The two commands of the README. Everything else is in scripts/.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test build check e2e

## make run: install missing tools, build the release site and binary, serve on http://127.0.0.1:3000
run: build
	./target/release/forumplan serve --addr $${FORUMPLAN_ADDR:-127.0.0.1:3000}

build:
	source scripts/tools.sh && cargo leptos build --release

## make test: install missing tools, then format, lint, unit + integration (SQLite and PostgreSQL) and browser tests
test:
	bash scripts/test.sh

## make check: the fast part of the tests (no release build, no browser)
check:
	bash scripts/test.sh --fast
