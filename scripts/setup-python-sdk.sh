#!/usr/bin/env bash
# Creates the Python venv (.cache/sdk/python-venv) with the pinned official SDKs the tests drive: alibabacloud-oss-v2
# (alibabacloud_oss_v2.vectors, test/sdk/python/lifecycle.py) and alibabacloud-bailian20231229 (DeleteFiles,
# test/sdk/python/bailian_delete_files.py).
# Idempotent and cached: the venv is re-created only when test/sdk/python/requirements.txt changes (its sha256 is
# stored in the venv) or the venv no longer runs.
#   bash scripts/setup-python-sdk.sh            create if stale
#   bash scripts/setup-python-sdk.sh --force    re-create
# Packages come from the machine's configured Python package index through pip.
set -euo pipefail

modules='import alibabacloud_oss_v2.vectors, alibabacloud_bailian20231229.client'
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
req="$root/test/sdk/python/requirements.txt"
venv="$root/.cache/sdk/python-venv"
stamp="$venv/.requirements.sha256"

log() { printf '[setup-python-sdk] %s\n' "$*" >&2; }

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1; then python="$candidate"; break; fi
  done
fi
if [[ -z "$python" ]] || ! "$python" -c 'import sys; assert sys.version_info >= (3, 8)' >/dev/null 2>&1; then
  log "ERROR: no Python 3.8+ found (looked for \$PYTHON, python3, python). Install one and run again."
  exit 1
fi

force=0
[[ "${1:-}" == "--force" ]] && force=1

want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ $force -eq 0 && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
   && "$venv/bin/python" -c "$modules" >/dev/null 2>&1; then
  log "up to date: $venv"
  exit 0
fi

log "creating $venv with $("$python" --version 2>&1)"
start=$(date +%s)
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$req"
"$venv/bin/python" -c "$modules" || {
  log "ERROR: the SDK modules do not import after install ($modules)"
  exit 1
}
printf '%s' "$want" > "$stamp"
log "ready in $(( $(date +%s) - start ))s: $venv (alibabacloud-oss-v2 $("$venv/bin/python" -m pip show alibabacloud-oss-v2 | grep '^Version' | cut -d' ' -f2), alibabacloud-bailian20231229 $("$venv/bin/python" -m pip show alibabacloud-bailian20231229 | grep '^Version' | cut -d' ' -f2))"
