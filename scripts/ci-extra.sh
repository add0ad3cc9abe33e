#!/usr/bin/env bash
# Called by .ci/run as `scripts/ci-extra.sh <results-dir>`: the end-to-end suite with the REAL n8n program
# (installed into the cache on first use, ~5 minutes; cached afterwards), queue mode and the browser check.
# Writes jest's JSON result to <results-dir>/e2e.json and exits non-zero on any failure.
set -euo pipefail
RESULTS="${1:?usage: scripts/ci-extra.sh <results-dir>}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
command -v redis-server >/dev/null || { echo "ci-extra: redis-server is missing (apt-get install -y redis-server)" >&2; exit 1; }
[[ -x "${GWS_CHROMIUM:-/usr/bin/chromium}" ]] || { echo "ci-extra: chromium is missing (apt-get install -y chromium)" >&2; exit 1; }
export GWS_E2E_LOG_DIR="$RESULTS/e2e-logs"
START=$(date +%s)
STATUS=0
node node_modules/jest/bin/jest.js -c jest.e2e.config.js --json --outputFile="$RESULTS/e2e.json" || STATUS=$?
echo "ci-extra: e2e suite finished in $(( $(date +%s) - START ))s (exit $STATUS); n8n logs in $GWS_E2E_LOG_DIR" >&2
exit "$STATUS"
