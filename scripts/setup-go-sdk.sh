#!/usr/bin/env bash
# Builds the Go SDK lifecycle program (test/sdk/go) that test/sdk/oss-vectors-sdks.test.ts drives against the simulator.
# Idempotent and cached: does nothing when .cache/sdk/go/oss-lifecycle is newer than every source, go.mod and go.sum.
#   bash scripts/setup-go-sdk.sh            build if stale
#   bash scripts/setup-go-sdk.sh --force    rebuild
# The SDK version is pinned in test/sdk/go/go.mod (github.com/aliyun/alibabacloud-oss-go-sdk-v2, the newest release
# with oss/vectors when written); go.sum is committed. Modules come from the machine's configured Go module proxy
# into the default module cache.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/test/sdk/go"
out_dir="$root/.cache/sdk/go"
bin="$out_dir/oss-lifecycle"

log() { printf '[setup-go-sdk] %s\n' "$*" >&2; }

if ! command -v go >/dev/null 2>&1; then
  log "ERROR: 'go' is not on PATH. Install a Go toolchain (1.21 or newer) and run again."
  exit 1
fi

force=0
[[ "${1:-}" == "--force" ]] && force=1

inputs=("$src/go.mod" "$src/go.sum" "$root/scripts/setup-go-sdk.sh")
while IFS= read -r -d '' f; do inputs+=("$f"); done < <(find "$src" -name '*.go' -print0)

stale=$force
if [[ ! -x "$bin" ]]; then
  stale=1
else
  for f in "${inputs[@]}"; do
    if [[ ! -e "$f" || "$f" -nt "$bin" ]]; then stale=1; break; fi
  done
fi

if [[ $stale -eq 0 ]]; then
  log "up to date: $bin"
  exit 0
fi

mkdir -p "$out_dir"
log "building $bin with $(go version)"
start=$(date +%s)
(
  cd "$src"
  # GOTOOLCHAIN=local: never fetch another toolchain; -mod=mod: fill in go.sum from the pinned go.mod if needed.
  GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod" CGO_ENABLED=0 \
    go build -trimpath -o "$bin.tmp" .
)
mv -f "$bin.tmp" "$bin"
log "built in $(( $(date +%s) - start ))s: $bin"
