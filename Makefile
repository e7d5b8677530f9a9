# hoithi — two commands do all the set-up:
#   make run    build what is needed and start hoithi on the embedded default (SQLite, one process)
#   make test   start local PostgreSQL and Redis (installing them on Debian if missing), run every test

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO ?= go
BIN := bin/hoithi
NODE_OK := $(shell node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null && echo yes)

# Everything the built frontend depends on; its hash is stored beside the build so a stale
# committed build is caught.
FRONTEND_INPUTS := frontend/src frontend/build frontend/public frontend/index.html frontend/package.json \
	frontend/package-lock.json frontend/vite.config.ts frontend/svelte.config.js frontend/tsconfig.json
frontend_hash = $$(find $(FRONTEND_INPUTS) -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
HASH_FILE := frontend/dist/.source-hash

.PHONY: run build frontend frontend-if-stale check-frontend test test-go test-frontend test-e2e services vet bench clean

run: build
	./$(BIN) serve

build: frontend-if-stale
	$(GO) build -o $(BIN) ./cmd/hoithi

# Rebuild the frontend when Node 20.19+ is here and the sources changed; otherwise use the
# committed build.
frontend-if-stale:
	@if [ "$$(cat $(HASH_FILE) 2>/dev/null)" = "$(frontend_hash)" ]; then \
		echo "frontend: the committed build is up to date"; \
	elif [ "$(NODE_OK)" = yes ]; then \
		$(MAKE) --no-print-directory frontend; \
	else \
		echo "frontend: sources changed but Node 20.19+ is missing; using the committed build"; \
	fi

frontend:
	$(GO) test ./realtime/wire -run TestTheFrontendFrameTypesAreTheGoOnes -update
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build
	echo "$(frontend_hash)" > $(HASH_FILE)

check-frontend:
	@if [ "$$(cat $(HASH_FILE) 2>/dev/null)" != "$(frontend_hash)" ]; then \
		echo "frontend/dist is stale against the frontend sources: run 'make frontend' and commit frontend/dist." >&2; \
		exit 1; \
	fi
	@echo "frontend: the committed build matches its sources"

services:
	@bash .ci/services > /dev/null

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

test: check-frontend vet test-go test-frontend test-e2e

test-go:
	set -a; eval "$$(bash .ci/services)"; set +a; \
	HOITHI_REQUIRE_SERVICES=1 $(GO) test -race -count=1 -timeout 15m ./...

test-frontend:
	@[ "$(NODE_OK)" = yes ] || { echo "Node 20.19 or newer is needed for the frontend tests." >&2; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm test

test-e2e: build
	@command -v chromium >/dev/null || { \
		[ "$$(id -u)" = 0 ] || { echo "Chromium is missing: install Debian's chromium package." >&2; exit 1; }; \
		echo "Installing chromium…"; apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }
	cd frontend && HOITHI_BIN=$(CURDIR)/$(BIN) node --test --test-concurrency=1 e2e/

# Load benchmark (minutes, not part of make test): writes bench/RESULTS.md.
bench:
	bash .ci/bench

clean:
	rm -rf bin
