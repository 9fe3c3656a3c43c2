#!/usr/bin/env bash
# Builds k6 (the load generator for load/**/*.js) from the Go module proxy into .cache/bin/k6.
# Idempotent and cached: does nothing when .cache/bin/k6 already reports the pinned version.
set -euo pipefail

K6_VERSION=v1.8.1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="$root/.cache/bin"
k6="$bin_dir/k6"

log() { printf '[setup-k6] %s\n' "$*" >&2; }

if [[ -x "$k6" ]] && "$k6" version 2>/dev/null | grep -q "${K6_VERSION#v}"; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  log "ERROR: 'go' is not on PATH; k6 is built from source with the Go toolchain."
  exit 1
fi
mkdir -p "$bin_dir"
log "building k6 ${K6_VERSION} (first run only; a few minutes)"
start=$(date +%s)
GOBIN="$bin_dir" GOFLAGS=-mod=mod CGO_ENABLED=0 go install "go.k6.io/k6@${K6_VERSION}"
log "k6 ${K6_VERSION} built in $(( $(date +%s) - start )) s"
