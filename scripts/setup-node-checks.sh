#!/usr/bin/env bash
# The outside tools NodeChecksTest runs against the service (server/src/test/node): graphql-http's
# audits, Apollo Client, graphql-js, graphql-inspector and playwright-core, pinned by that folder's
# package-lock.json and installed into its node_modules (git-ignored); and Debian's Chromium for
# the browser check (playwright-core downloads no browser). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup-node-checks] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
DIR=server/src/test/node

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "installing Node.js and npm from the distribution"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium from the distribution"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Reinstall only when the lock file changed since the last install.
stamp=$DIR/node_modules/.installed-lock
if [ -f "$stamp" ] && cmp -s "$stamp" "$DIR/package-lock.json"; then
  exit 0
fi
log "installing the Node checks' packages into $DIR/node_modules"
(cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
cp "$DIR/package-lock.json" "$stamp"
