#!/usr/bin/env bash
# Project-local PostgreSQL: `scripts/pg.sh start|stop|status`.
# Data lives in .pgdata/ (git-ignored), listens on 127.0.0.1:$PGPORT only.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
# With DATABASE_URL set, nothing is started: the portal uses that server.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PGPORT="${PGPORT:-54329}"
DATA="$ROOT/.pgdata"
SOCK="$ROOT/.pgsock"
export PGOPTIONS="-c client_min_messages=warning"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "PostgreSQL not found; installing it with apt-get." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
}

start() {
  if [ -n "${DATABASE_URL:-}" ] && [ "${PORTAL_LOCAL_PG:-0}" != "1" ]; then
    echo "DATABASE_URL is set: using that PostgreSQL."
    return
  fi
  ensure_installed
  if [ "$(id -u)" = "0" ]; then
    install -d -o postgres -g postgres -m 700 "$DATA"
    install -d -o postgres -g postgres "$SOCK"
  else
    install -d -m 700 "$DATA"
    install -d "$SOCK"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" \
      -o "-h 127.0.0.1 -p $PGPORT -k $SOCK -c max_connections=200 -c fsync=${PG_FSYNC:-on}" -w start >/dev/null
  fi
  # The portal's database, and the extensions it needs (also needed by the test database,
  # which copies template1).
  for db in template1 postgres; do
    "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$db" \
      -c "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;" >/dev/null
  done
  if ! "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='portal'" | grep -q 1; then
    "$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE portal" >/dev/null
  fi
  echo "PostgreSQL on 127.0.0.1:$PGPORT (data in .pgdata/)."
}

stop() {
  [ -n "$PGBIN" ] || return 0
  if [ -f "$DATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "PostgreSQL stopped."
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) as_pg "$PGBIN/pg_ctl" -D "$DATA" status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
