#!/usr/bin/env bash
# Installs Debian's Chromium for the HTML-report browser test (playwright-core drives /usr/bin/chromium; no
# browser download). Idempotent: does nothing when /usr/bin/chromium already runs.
set -euo pipefail

log() { printf '[setup-chromium] %s\n' "$*" >&2; }

if [[ -x /usr/bin/chromium ]] && /usr/bin/chromium --headless --no-sandbox --version >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "ERROR: /usr/bin/chromium is missing and apt-get is not available; install Chromium by hand."
  exit 1
fi
sudo=""
if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
log "installing Debian's chromium (first run only)"
start=$(date +%s)
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
log "chromium installed in $(( $(date +%s) - start )) s: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
