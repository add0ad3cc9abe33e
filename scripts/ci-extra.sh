#!/usr/bin/env bash
# Called by .ci/run as `scripts/ci-extra.sh <results-dir>`: the end-to-end suite with the REAL n8n program
# (installed into the cache on first use, ~5 minutes; cached afterwards), queue mode on PostgreSQL and the
# browser check.
# Writes jest's JSON result to <results-dir>/e2e.json and exits non-zero on any failure.
set -euo pipefail
RESULTS="${1:?usage: scripts/ci-extra.sh <results-dir>}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# Debian's redis-server and postgresql (queue mode; the suite starts its own servers, never the system service)
# and chromium (browser check); installed here when missing and we may.
MISSING=()
command -v redis-server >/dev/null || MISSING+=(redis-server)
if [[ -z "${GWS_PG_BIN:-}" ]] && ! compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then MISSING+=(postgresql); fi
[[ -x "${GWS_CHROMIUM:-/usr/bin/chromium}" ]] || MISSING+=(chromium)
if [[ ${#MISSING[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "ci-extra: installing ${MISSING[*]} from Debian's packages" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${MISSING[@]}" >&2
    # Debian starts a cluster of its own on install where it can; the suite does not use it.
    if [[ " ${MISSING[*]} " == *" postgresql "* ]] && command -v pg_ctlcluster >/dev/null; then
      for cluster in /etc/postgresql/*/main; do
        [[ -d "$cluster" ]] && pg_ctlcluster "$(basename "$(dirname "$cluster")")" main stop >/dev/null 2>&1 || true
      done
    fi
  else
    echo "ci-extra: missing ${MISSING[*]}: apt-get install -y ${MISSING[*]}" >&2
    exit 1
  fi
fi
export GWS_E2E_LOG_DIR="$RESULTS/e2e-logs"
START=$(date +%s)
STATUS=0
node node_modules/jest/bin/jest.js -c jest.e2e.config.js --json --outputFile="$RESULTS/e2e.json" || STATUS=$?
echo "ci-extra: e2e suite finished in $(( $(date +%s) - START ))s (exit $STATUS); n8n logs in $GWS_E2E_LOG_DIR" >&2
exit "$STATUS"
