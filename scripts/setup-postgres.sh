#!/usr/bin/env bash
# Makes sure a PostgreSQL with pgvector is reachable and prints nothing but progress.
# Idempotent. With DATABASE_URL set, that server is used as it is (it must have pgvector).
# Otherwise the distribution's PostgreSQL is installed/started and pgvector is installed:
# from the distribution's package where one exists (Ubuntu, Debian trixie+), else built
# from Debian trixie's source package against the installed server (Debian 12 has none).
set -euo pipefail
log() { printf '[setup-postgres] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

if [ -n "${DATABASE_URL:-}" ]; then
  log "DATABASE_URL is set; using that server as it is"
  exit 0
fi

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "installing PostgreSQL from the distribution"
  apt_install postgresql postgresql-contrib
fi
PG_MAJOR=$(ls /usr/lib/postgresql | sort -n | tail -1)
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config

if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1==v' | grep -q .; then
  log "creating cluster $PG_MAJOR/main"
  $SUDO pg_createcluster "$PG_MAJOR" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
  log "starting cluster $PG_MAJOR/main"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start 2>/dev/null || $SUDO pg_ctlcluster "$PG_MAJOR" main start
fi

ext_dir=$($PG_CONFIG --sharedir)/extension
if [ ! -f "$ext_dir/vector.control" ]; then
  if apt-cache show "postgresql-$PG_MAJOR-pgvector" >/dev/null 2>&1 || { apt_install -o=Dpkg::Use-Pty=0 apt-utils >/dev/null 2>&1; apt-cache show "postgresql-$PG_MAJOR-pgvector" >/dev/null 2>&1; }; then
    log "installing postgresql-$PG_MAJOR-pgvector"
    apt_install "postgresql-$PG_MAJOR-pgvector"
  else
    log "building pgvector from Debian trixie's source package against PostgreSQL $PG_MAJOR"
    src_list=/etc/apt/sources.list.d/trixie-src.sources
    if [ ! -f "$src_list" ]; then
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' | $SUDO tee "$src_list" >/dev/null
      apt_updated=""
    fi
    apt_install "postgresql-server-dev-$PG_MAJOR" dpkg-dev build-essential
    [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
    work=$(mktemp -d)
    (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1)
    srcdir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
    [ -n "$srcdir" ] || { log "apt-get source pgvector found nothing"; exit 1; }
    make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" >/dev/null 2>&1
    $SUDO make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" install >/dev/null
    rm -rf "$work"
  fi
fi

# As the postgres OS user over the socket (peer auth), which works on a stock install.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
# client_min_messages: "already exists, skipping" NOTICEs are not news; setup is silent when it has nothing to do.
psql_admin() { (cd /tmp && as_postgres env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$@"); }
db_missing=$(psql_admin -d postgres -tAc "SELECT count(*) = 0 FROM pg_database WHERE datname = 'collections'")
# A role for the service and the tests. CREATEDB because the tests make a database per class.
psql_admin -d postgres <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'collections') THEN
    CREATE ROLE collections LOGIN PASSWORD 'collections' CREATEDB;
  END IF;
END $$;
SELECT 'CREATE DATABASE collections OWNER collections'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'collections')\gexec
SQL
# pgvector needs a superuser to create; put it in template1 so every new database has it.
psql_admin -d template1 -c 'CREATE EXTENSION IF NOT EXISTS vector'
psql_admin -d collections -c 'CREATE EXTENSION IF NOT EXISTS vector'
# PostgreSQL ships with 128 MB of shared_buffers; a 100k-item tenant's HNSW index alone is ~390 MB,
# and searches that read it through the OS cache miss their latency targets (docs/benchmarks.md).
# A quarter of the memory, at most 1 GB, the usual sizing; only ever raised, and only on the
# cluster this script manages.
mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo)
want_mb=$(( mem_kb / 4 / 1024 )); [ "$want_mb" -le 1024 ] || want_mb=1024
have_mb=$(psql_admin -d postgres -tAc "SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'")
if [ "$have_mb" -lt "$want_mb" ]; then
  log "raising shared_buffers from ${have_mb} MB to ${want_mb} MB (restarts the cluster)"
  psql_admin -d postgres -c "ALTER SYSTEM SET shared_buffers = '${want_mb}MB'"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main restart 2>/dev/null || $SUDO pg_ctlcluster "$PG_MAJOR" main restart
fi
[ "$db_missing" = t ] || [ -n "$apt_updated" ] || exit 0
log "PostgreSQL $PG_MAJOR with pgvector $(psql_admin -d template1 -tAc "select extversion from pg_extension where extname='vector'") is ready on 127.0.0.1:5432"
