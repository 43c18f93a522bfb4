#!/usr/bin/env bash
# The rate limiter's cost per request: pgbench runs RateLimitDao/take.sql (the one upsert a request
# makes) against a database migrated to V8, over 10,000 tenants and over one hot tenant, with 1 and
# 8 clients. Numbers in docs/benchmarks.md ("Rate limits: one upsert per request").
#   scripts/bench-rate-limits.sh [database]   (default collections_bench_rate_limits; created, then dropped)
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-collections_bench_rate_limits}
HOST=${PGHOST:-127.0.0.1}; USER_=${PGUSER:-collections}; export PGPASSWORD=${PGPASSWORD:-collections}
SQL=core/src/main/resources/app/collections/ratelimit/RateLimitDao/take.sql
psql -q -h "$HOST" -U "$USER_" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'psql -q -h "$HOST" -U "$USER_" -d postgres -c "DROP DATABASE IF EXISTS $DB"' EXIT
psql -q -h "$HOST" -U "$USER_" -d "$DB" -f migrations/V8__rate_limit_buckets.sql
# The defaults (requests 600/min burst 100, searches 60/min burst 20, model calls 10/min burst 5), one search.
statement() {
  grep -v '^--' "$SQL" | tr '\n' ' ' | sed -E \
    -e "s/([^:]):tenant\b/\1$1/g" \
    -e 's/([^:]):freshRequests\b/\199/g' -e 's/([^:]):freshSearches\b/\119/g' -e 's/([^:]):freshModelCalls\b/\15/g' \
    -e 's/([^:]):fresh(RequestGranted|SearchesGranted|ModelCallsGranted)\b/\1true/g' \
    -e 's/([^:]):searches\b/\11/g' -e 's/([^:]):modelCalls\b/\10/g' \
    -e 's/([^:]):requestBurst\b/\1100/g' -e 's/([^:]):searchBurst\b/\120/g' -e 's/([^:]):modelCallBurst\b/\15/g' \
    -e 's/([^:]):requestsPerSecond\b/\110.0/g' -e 's/([^:]):searchesPerSecond\b/\11.0/g' \
    -e 's/([^:]):modelCallsPerSecond\b/\10.1667/g'
  echo ';'
}
DIR=$(mktemp -d)
{ echo '\set t random(1, 10000)'; statement "'user-' || :t"; } > "$DIR/many.sql"
statement "'hot'" > "$DIR/hot.sql"
for script in many hot; do
  for clients in 1 8; do
    printf '%-5s %d client(s): ' "$script" "$clients"
    pgbench -n -h "$HOST" -U "$USER_" -f "$DIR/$script.sql" -c "$clients" -j 2 -T 10 -M prepared "$DB" 2>&1 \
      | sed -nE 's/^latency average = (.*)/\1 average/p; s/^tps = ([0-9.]+).*/\1 takes a second/p' | paste -sd' ' -
  done
done
rm -rf "$DIR"
