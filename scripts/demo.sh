#!/usr/bin/env bash
# `npm run demo`: the real n8n + this package + the GWS simulator + the example workflows. See scripts/demo.ts.
# Needs `npm ci` first (TypeScript, ts-node). Ctrl-C stops everything.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
exec node "$REPO/node_modules/ts-node/dist/bin.js" --transpile-only "$REPO/scripts/demo.ts"
