#!/usr/bin/env bash
# dynalite, local mode's DynamoDB: an Apache-2.0 implementation of the DynamoDB API in Node on
# LevelDB (Amazon's DynamoDB Local is under the vendor's own licence, so we do not use it).
# Installed into .tools/dynalite (git-ignored); LocalDynamoDb starts it. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup-dynamodb] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
VERSION=4.0.0
DIR=.tools/dynalite

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "installing Node.js and npm from the distribution"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi

installed=$(node -p "require('./$DIR/node_modules/dynalite/package.json').version" 2>/dev/null || true)
if [ "$installed" = "$VERSION" ]; then
  exit 0
fi
log "installing dynalite $VERSION into $DIR"
mkdir -p "$DIR"
npm install --no-audit --no-fund --loglevel=error --prefix "$DIR" "dynalite@$VERSION" >/dev/null
