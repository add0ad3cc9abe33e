#!/usr/bin/env bash
# Builds and packs this package, then installs the tarball into an n8n user folder the way n8n's
# "manual installation" page tells users to: `npm i <package>` inside <N8N_USER_FOLDER>/.n8n/nodes.
#
#   scripts/pack-and-install.sh <n8n-user-folder> [--tarball <file.tgz>]
#
# <n8n-user-folder> is what you give n8n as N8N_USER_FOLDER (n8n keeps its data in <it>/.n8n).
# Without --tarball it runs `npm run build` and `npm pack` first. Prints the tarball path as the last line.
#
# How n8n 2.x finds it (n8n/dist/modules/community-packages/community-packages.module.js, nodeLoaders()):
# at start it scans <N8N_USER_FOLDER>/.n8n/nodes/node_modules for `n8n-nodes-*` / `@*/n8n-nodes-*` folders,
# unless N8N_COMMUNITY_PACKAGES_PREVENT_LOADING=true or N8N_COMMUNITY_PACKAGES_ENABLED=false. No database row
# is needed for a manually installed package. n8n 1.x scans the same folder.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[pack-and-install] %s\n' "$*" >&2; }

USER_FOLDER="${1:?usage: pack-and-install.sh <n8n-user-folder> [--tarball <file.tgz>]}"
shift
TARBALL=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tarball) TARBALL="$2"; shift 2 ;;
    *) log "unknown argument: $1"; exit 2 ;;
  esac
done

if [[ -z "$TARBALL" ]]; then
  PACK_DIR="${GWS_PACK_DIR:-${TMPDIR:-/tmp}/n8n-nodes-genesys-gws-pack}"
  mkdir -p "$PACK_DIR"
  log "building (npm run build)"
  (cd "$REPO" && npm run build --silent >&2)
  log "packing into $PACK_DIR"
  rm -f "$PACK_DIR"/n8n-nodes-genesys-gws-*.tgz
  # --ignore-scripts: the build ran just above, prepack would only repeat it.
  NAME="$(cd "$REPO" && npm pack --ignore-scripts --pack-destination "$PACK_DIR" 2>/dev/null | tail -n 1)"
  TARBALL="$PACK_DIR/$NAME"
fi
[[ -f "$TARBALL" ]] || { log "tarball not found: $TARBALL"; exit 1; }
TARBALL="$(cd "$(dirname "$TARBALL")" && pwd)/$(basename "$TARBALL")"

NODES_DIR="$USER_FOLDER/.n8n/nodes"
mkdir -p "$NODES_DIR"
[[ -f "$NODES_DIR/package.json" ]] || echo '{ "name": "installed-nodes", "private": true, "dependencies": {} }' > "$NODES_DIR/package.json"
log "installing $(basename "$TARBALL") into $NODES_DIR"
# A private npm config so ~/.npmrc and this repo's .npmrc do not change what a user would get.
# --omit=peer: n8n supplies n8n-workflow itself; a second copy in nodes/node_modules could differ in version
# (n8n's own GUI installer strips peerDependencies for the same reason). --omit=dev is npm's default anyway.
printf 'fund=false\naudit=false\nupdate-notifier=false\n' > "$NODES_DIR/.npmrc"
(cd "$NODES_DIR" && npm --userconfig "$NODES_DIR/.npmrc" install --omit=peer --omit=dev --no-package-lock "$TARBALL" >&2)
[[ -f "$NODES_DIR/node_modules/n8n-nodes-genesys-gws/package.json" ]] || { log "install did not produce node_modules/n8n-nodes-genesys-gws"; exit 1; }
log "installed: $NODES_DIR/node_modules/n8n-nodes-genesys-gws"
echo "$TARBALL"
